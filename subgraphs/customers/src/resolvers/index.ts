// Customers resolvers: thin calls into the service and the request's loaders.
import { DateTimeScalar } from '@oms/platform';
import type { Resolvers } from '../__generated__/resolvers-types';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    customer: (_parent, { id }, ctx) => ctx.loaders.customerById.load(id),
    customerByEmail: (_parent, { email }, ctx) => ctx.customers.findByEmail(email),
    customers: (_parent, args, ctx) => ctx.customers.list(args),
  },
  Mutation: {
    upsertCustomer: (_parent, { input }, ctx) => ctx.customers.upsert(input),
  },
  Customer: {
    __resolveReference: (reference, ctx) => ctx.loaders.customerById.load(reference.id),
    id: (customer) => String(customer._id),
    defaultAddress: (customer) => customer.addresses.find((address) => address.isDefault) ?? customer.addresses[0] ?? null,
  },
};
