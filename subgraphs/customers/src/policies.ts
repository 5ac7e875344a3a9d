// Who may call what in the customers subgraph (enforced by @oms/platform when the schema is built).
// A customer reaches only its own record: services/access.ts checks which record it asked for.
import type { PolicyMap } from '@oms/platform';
import type { Resolvers } from './__generated__/resolvers-types';

export const policies: PolicyMap<Resolvers> = {
  Query: {
    customer: 'INTERNAL_OR_CUSTOMER',
    customerByEmail: 'INTERNAL_OR_CUSTOMER',
    customers: 'INTERNAL_OR_CUSTOMER',
  },
  Mutation: {
    upsertCustomer: 'INTERNAL_OR_CUSTOMER',
  },
  // A partner resolves customers of its orders as references (services/access.ts), but not their
  // contact details: it ships to the order's address, not the customer's book.
  Customer: {
    phone: 'INTERNAL_OR_CUSTOMER',
    addresses: 'INTERNAL_OR_CUSTOMER',
    defaultAddress: 'INTERNAL_OR_CUSTOMER',
    channelIdentities: 'INTERNAL_OR_CUSTOMER',
  },
};
