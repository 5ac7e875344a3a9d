// Who may call what in the fulfillment subgraph (enforced by @oms/platform when the schema is built).
// SCOPED: a partner or customer sees the shipments and returns of orders it may see
// (services/access.ts asks orders whose order it is).
import type { PolicyMap } from '@oms/platform';
import type { Resolvers } from './__generated__/resolvers-types';

export const policies: PolicyMap<Resolvers> = {
  Query: {
    shipment: 'SCOPED',
    shipments: 'SCOPED',
    return: 'SCOPED',
    returnByRma: 'SCOPED',
    fulfillmentEvents: 'INTERNAL',
  },
  Mutation: {
    createShipment: 'INTERNAL',
    syncOrderShipments: 'INTERNAL',
    syncOrdersShipments: 'INTERNAL',
    cancelOrderShipments: 'INTERNAL',
    pickShipment: 'INTERNAL',
    packShipment: 'INTERNAL',
    shipShipment: 'INTERNAL',
    deliverShipment: 'INTERNAL',
    cancelShipment: 'INTERNAL',
    flagShipmentException: 'INTERNAL',
    requestReturn: 'SCOPED',
    approveReturn: 'INTERNAL',
    rejectReturn: 'INTERNAL',
    receiveReturn: 'INTERNAL',
    refundReturn: 'INTERNAL',
  },
  // Served by the gateway, which narrows the feed to the caller's orders.
  Subscription: {
    shipmentUpdated: 'SCOPED',
  },
};
