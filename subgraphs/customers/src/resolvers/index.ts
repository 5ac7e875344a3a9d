// Customers resolvers: thin calls into the service and the request's loaders; who may call which field
// is in ../policies.ts, which records a caller reaches is decided by ctx.access (services/access.ts).
import { DateTimeScalar } from '@oms/platform';
import type { Resolvers } from '../__generated__/resolvers-types';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    customer: async (_parent, { id }, ctx) => {
      ctx.access.assertCanQuery(id);
      return ctx.access.queried(await ctx.loaders.customerById.load(id));
    },
    customerByEmail: async (_parent, { email }, ctx) => {
      ctx.access.assertCanQuery(null);
      return ctx.access.queried(await ctx.customers.findByEmail(email));
    },
    customers: (_parent, args, ctx) => ctx.customers.list(args, ctx.access.listFilter()),
  },
  Mutation: {
    upsertCustomer: async (_parent, { input }, ctx) => {
      await ctx.access.assertCanUpsert(input, (id) => ctx.loaders.customerById.load(id));
      return ctx.customers.upsert(input);
    },
  },
  Customer: {
    // Out of scope: an error for this entity (the gateway reports it at the field that referenced it).
    __resolveReference: async (reference, ctx) => ctx.access.referenced(await ctx.loaders.customerById.load(reference.id)),
    id: (customer) => String(customer._id),
    phone: (customer) => customer.phone ?? null,
    addresses: (customer) => customer.addresses,
    defaultAddress: (customer) => customer.addresses.find((address) => address.isDefault) ?? customer.addresses[0] ?? null,
    channelIdentities: (customer) => customer.channelIdentities,
  },
};
