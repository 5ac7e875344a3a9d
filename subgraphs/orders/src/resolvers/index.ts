// Orders resolvers: thin calls into the services and the request's loaders; who may call which field
// is in ../policies.ts, which orders a caller reaches is decided by ctx.access (services/access.ts).
import { DateTimeScalar, domainEventResolvers, encodeEventCursor, JsonScalar, money, readEventPage, type StoredEvent } from '@oms/platform';
import type { OrderHistoryEntry, Resolvers, ResolversTypes } from '../__generated__/resolvers-types';
import { emptyOrderPage } from '../services/customer-orders';
import { ORDER_STATUSES, type OrderRecord, type OrderStatus, type RefundRecord } from '../models/order.model';

/**
 * A federation reference to a customer: the gateway fetches its fields from the customers
 * subgraph, and `orders` resolves through Customer.orders below. The generated type wants every
 * field of the local Customer, hence the cast.
 */
function customerReference(id: string): ResolversTypes['Customer'] {
  return { __typename: 'Customer', id } as ResolversTypes['Customer'];
}

function refundOf(refund: RefundRecord, currency: string) {
  return {
    id: String(refund._id),
    returnId: refund.returnId,
    amount: money(refund.amount, currency),
    shipping: money(refund.shipping, currency),
    reason: refund.reason ?? null,
    at: refund.at,
  };
}

function asStatus(value: unknown): OrderStatus | null {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value) ? (value as OrderStatus) : null;
}

/** What the caller may read of an event in an order's history (access.ts). */
interface HistoryView {
  showNote: (event: { type: string; actor: string }) => boolean;
  actorSeen: (actor: string) => string;
}

/** A history entry from a logged event (with its cursor) or one still in the order's outbox (without). */
function historyEntry(event: Omit<StoredEvent, 'seq'> & { seq?: number }, view: HistoryView): OrderHistoryEntry {
  const payload = event.payload ?? {};
  const note = typeof payload.note === 'string' && view.showNote(event) ? payload.note : null;
  return {
    cursor: event.seq ? encodeEventCursor('orders', event.seq) : null,
    at: event.at,
    type: event.type,
    fromStatus: asStatus(payload.from),
    toStatus: asStatus(payload.to),
    note,
    actor: view.actorSeen(event.actor),
  };
}

function historyOf(order: OrderRecord, logged: StoredEvent[], view: HistoryView): OrderHistoryEntry[] {
  const ids = new Set(logged.map((event) => event.id));
  const pending = (order.outbox ?? []).filter((event) => !ids.has(event.id));
  return [...logged, ...pending].map((event) => historyEntry(event, view));
}

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSON: JsonScalar,
  Query: {
    order: async (_parent, { id }, ctx) => ctx.access.visible(await ctx.loaders.orderById.load(id)),
    orderByChannel: async (_parent, { channel, channelOrderId }, ctx) => {
      ctx.access.assertChannelReadable(channel);
      return ctx.access.visible(await ctx.orders.findByChannel(channel, channelOrderId));
    },
    orders: (_parent, { filter, first, after }, ctx) => ctx.orders.list(ctx.access.narrowFilter(filter), { first, after }),
    orderCountsByDay: (_parent, { from, to, channel }, ctx) => ctx.orders.countsByDay(ctx.access.narrowFilter({ channel }), from, to),
    holdRules: (_parent, _args, ctx) => ctx.holdRules.list(),
    channelSettings: (_parent, _args, ctx) => ctx.channels.list(),
    orderEvents: (_parent, args, ctx) => readEventPage(ctx.events, args),
  },
  Mutation: {
    placeOrder: async (_parent, { input }, ctx) => ctx.access.returned(await ctx.orders.place(input, ctx.actor, ctx.access.placement(input))),
    // Scope is checked per order (a refusal is that order's result), like placeOrder's.
    importOrders: (_parent, { input }, ctx) => ctx.imports.importOrders(input, ctx.actor, ctx.access),
    cancelOrder: async (_parent, { id, reason }, ctx) => {
      await ctx.access.assertCanChange(id, (key) => ctx.loaders.orderById.load(key));
      return ctx.lifecycle.cancel(id, reason, ctx.actor);
    },
    cancelOrderLines: async (_parent, { id, lines, reason, idempotencyKey }, ctx) => {
      await ctx.access.assertCanChange(id, (key) => ctx.loaders.orderById.load(key));
      return ctx.lifecycle.cancelLines(id, lines, reason, ctx.actor, idempotencyKey);
    },
    releaseHold: (_parent, { id }, ctx) => ctx.lifecycle.releaseHold(id, ctx.actor),
    markOrderPayable: (_parent, { id }, ctx) => ctx.lifecycle.markPayable(id, ctx.actor),
    refreshOrderStatus: (_parent, { id }, ctx) => ctx.lifecycle.refresh(id, ctx.actor),
    authorizePayment: (_parent, { input }, ctx) => ctx.payments.authorize(input, ctx.actor),
    capturePayment: (_parent, { input }, ctx) => ctx.payments.capture(input, ctx.actor),
    voidPayment: (_parent, { id, reason }, ctx) => ctx.payments.void(id, reason, ctx.actor),
    recordRefund: async (_parent, { input }, ctx) => {
      const { order, refund } = await ctx.payments.recordRefund(input, ctx.actor, { manualAllowed: ctx.access.mayRefundManually });
      return refundOf(refund, order.currency);
    },
    upsertHoldRule: (_parent, { input }, ctx) => ctx.holdRules.upsert(input),
    deleteHoldRule: (_parent, { id }, ctx) => ctx.holdRules.delete(id),
    upsertChannelSettings: (_parent, { input }, ctx) => ctx.channels.upsert(input, ctx.actor),
  },
  Order: {
    // Out of scope: an error for this entity (the gateway reports it at the field that referenced it).
    __resolveReference: async (reference, ctx) => ctx.access.visible(await ctx.loaders.orderById.load(reference.id)),
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
    history: async (order, _args, ctx) =>
      historyOf(order, await ctx.loaders.eventsByOrder.load(String(order._id)), {
        showNote: (event) => ctx.access.canReadNote(event, ctx.actor),
        actorSeen: (actor) => ctx.access.actorSeen(actor, ctx.actor),
      }),
    holdReasons: (order) => order.holdReasons ?? [],
    awaitingPayment: (order) => order.awaitingPayment ?? false,
    fulfilledBy: (order) => order.fulfilledBy ?? 'MERCHANT',
    promise: (order) => order.promise ?? null,
    purchaseOrderNumber: (order) => order.purchaseOrderNumber ?? null,
    cancellationReason: (order) => order.cancellationReason ?? null,
    allocations: (order) =>
      (order.allocations ?? []).map((line) => ({ sku: line.sku, locationId: line.locationId, quantity: line.reserved + line.shipped })).filter((line) => line.quantity > 0),
    backorderedQuantity: (order) => order.backorderedQuantity ?? 0,
    payments: (order) =>
      (order.payments ?? []).map((payment) => ({ kind: payment.kind, amount: money(payment.amount, order.currency), reference: payment.reference ?? null, provider: payment.provider ?? null, at: payment.at })),
    refunds: (order) => (order.refunds ?? []).map((refund) => refundOf(refund, order.currency)),
    amountAuthorized: (order) => money(order.amountAuthorized ?? 0, order.currency),
    amountPaid: (order) => money(order.amountPaid ?? 0, order.currency),
    amountRefunded: (order) => money(order.amountRefunded ?? 0, order.currency),
  },
  OrderLine: {
    id: (line) => String(line._id),
    unitPrice: (line) => money(line.unitPrice, line.currency),
    tax: (line) => money(line.tax, line.currency),
    total: (line) => money(line.total, line.currency),
    item: (line) => ({ __typename: 'InventoryItem', sku: line.sku }),
  },
  HoldRule: {
    id: (rule) => String(rule._id),
    conditions: (rule) => rule.conditions,
  },
  DomainEvent: domainEventResolvers('orders'),
  Customer: {
    // Any id is a customer as far as orders go: one without orders simply has an empty list.
    __resolveReference: (reference) => reference,
    // Narrowed, not refused: a partner sees the customer's orders on its channels; a customer only its own.
    orders: (customer, { first, after, status }, ctx) =>
      ctx.access.canListOrdersOf(customer.id) ? ctx.loaders.customerOrders.load({ customerId: customer.id, first, after, status }) : emptyOrderPage(),
  },
};
