// Who may call what in the inventory subgraph (enforced by @oms/platform when the schema is built).
// Every authenticated role reads the catalogue; the ledger, allocations, event log and every write
// are back office only (the ledger names actors, and inventory cannot tell whose order it is).
import type { PolicyMap } from '@oms/platform';
import type { Resolvers } from './__generated__/resolvers-types';

export const policies: PolicyMap<Resolvers> = {
  Query: {
    inventoryItem: 'ANY_ROLE',
    inventoryItems: 'ANY_ROLE',
    location: 'ANY_ROLE',
    locations: 'ANY_ROLE',
    stockMovements: 'INTERNAL',
    allocation: 'INTERNAL',
    allocationStrategies: 'ANY_ROLE',
    inventoryEvents: 'INTERNAL',
  },
  Mutation: {
    upsertInventoryItem: 'INTERNAL',
    upsertLocation: 'INTERNAL',
    setStock: 'INTERNAL',
    adjustStock: 'INTERNAL',
    allocateOrder: 'INTERNAL',
    allocateOrders: 'INTERNAL',
    releaseAllocation: 'INTERNAL',
    commitShipment: 'INTERNAL',
    restock: 'INTERNAL',
  },
  // Served by the gateway: stock figures for everyone.
  Subscription: {
    stockLevelChanged: 'ANY_ROLE',
  },
};
