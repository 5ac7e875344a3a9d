// Who may call what in the orders subgraph (enforced by @oms/platform when the schema is built).
// SCOPED: a partner reaches the orders of its channels, a customer its own (services/access.ts
// narrows lists and refuses an order out of scope; placement-policy.ts says what each may place).
import type { PolicyMap } from '@oms/platform';
import type { Resolvers } from './__generated__/resolvers-types';

export const policies: PolicyMap<Resolvers> = {
  Query: {
    order: 'SCOPED',
    orderByChannel: 'SCOPED',
    orders: 'SCOPED',
    orderCountsByDay: 'SCOPED',
    holdRules: 'INTERNAL',
    channelSettings: 'INTERNAL',
    orderEvents: 'INTERNAL',
  },
  Mutation: {
    placeOrder: 'SCOPED',
    importOrders: 'SCOPED',
    cancelOrder: 'SCOPED',
    cancelOrderLines: 'SCOPED',
    releaseHold: 'INTERNAL',
    markOrderPayable: 'INTERNAL',
    refreshOrderStatus: 'INTERNAL',
    authorizePayment: 'INTERNAL',
    capturePayment: 'INTERNAL',
    voidPayment: 'INTERNAL',
    // Without a received return, ADMIN or STAFF only (services/access.ts mayRefundManually).
    recordRefund: 'INTERNAL',
    upsertHoldRule: 'INTERNAL',
    deleteHoldRule: 'INTERNAL',
    upsertChannelSettings: 'INTERNAL',
  },
  // Served by the gateway, which narrows the feed to the caller's orders.
  Subscription: {
    orderStatusChanged: 'SCOPED',
  },
  // Back-office fields a customer may not select on its own order: payment provider records, the
  // hold rules that matched (fraud and risk rules), the warehouses holding its stock.
  Order: {
    payments: 'INTERNAL_OR_PARTNER',
    holdReasons: 'INTERNAL_OR_PARTNER',
    allocations: 'INTERNAL_OR_PARTNER',
  },
};
