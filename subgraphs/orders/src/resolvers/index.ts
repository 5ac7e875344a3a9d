// Orders resolvers: thin calls into the service and the request's loaders.
import { DateTimeScalar, money } from '@oms/platform';
import type { Resolvers, ResolversTypes } from '../__generated__/resolvers-types';

/**
 * A federation reference to a customer: the gateway fetches its fields from the customers
 * subgraph, and `orders` resolves through Customer.orders below. The generated type wants every
 * field of the local Customer, hence the cast.
 */
function customerReference(id: string): ResolversTypes['Customer'] {
  return { __typename: 'Customer', id } as ResolversTypes['Customer'];
}

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    order: (_parent, { id }, ctx) => ctx.loaders.orderById.load(id),
    orderByChannel: (_parent, { channel, channelOrderId }, ctx) => ctx.orders.findByChannel(channel, channelOrderId),
    orders: (_parent, { filter, first, after }, ctx) => ctx.orders.list(filter, { first, after }),
  },
  Mutation: {
    placeOrder: (_parent, { input }, ctx) => ctx.orders.place(input, ctx.actor),
    cancelOrder: (_parent, { id, reason }, ctx) => ctx.orders.cancel(id, reason, ctx.actor),
  },
  Order: {
    __resolveReference: (reference, ctx) => ctx.loaders.orderById.load(reference.id),
    id: (order) => String(order._id),
    customer: (order) => customerReference(order.customerId),
    lines: (order) => order.lines.map((line) => ({ ...line, currency: order.currency })),
    totals: ({ totals, currency }) => ({
      subtotal: money(totals.subtotal, currency),
      shipping: money(totals.shipping, currency),
      discount: money(totals.discount, currency),
      tax: money(totals.tax, currency),
      total: money(totals.total, currency),
    }),
    tags: (order) => order.tags ?? [],
    history: (order) => order.history ?? [],
  },
  OrderLine: {
    id: (line) => String(line._id),
    unitPrice: (line) => money(line.unitPrice, line.currency),
    tax: (line) => money(line.tax, line.currency),
    total: (line) => money(line.total, line.currency),
    item: (line) => ({ __typename: 'InventoryItem', sku: line.sku }),
  },
  Customer: {
    // Any id is a customer as far as orders go: one without orders simply has an empty list.
    __resolveReference: (reference) => reference,
    orders: (customer, { first, after, status }, ctx) => ctx.loaders.customerOrders.load({ customerId: customer.id, first, after, status }),
  },
};
