// Fulfillment resolvers: thin calls into the services and the request's loaders; who may call which
// field is in ../policies.ts, which shipments and returns a caller reaches is decided by ctx.access
// (services/access.ts).
import { badInput, DateTimeScalar, domainEventResolvers, JsonScalar, readEventPage } from '@oms/platform';
import type { Resolvers, ResolversTypes } from '../__generated__/resolvers-types';
import { isLate } from '../services/shipment-status';

/** Orders per syncOrdersShipments call (documented in the SDL). */
const MAX_SYNC_BATCH = 250;

/**
 * A federation reference to an order: the gateway fetches its fields from the orders subgraph and
 * `shipments`/`returns` resolve through Order below. The generated type wants every field of the
 * local Order, hence the cast.
 */
function orderReference(id: string): ResolversTypes['Order'] {
  return { __typename: 'Order', id } as ResolversTypes['Order'];
}

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSON: JsonScalar,
  Query: {
    shipment: async (_parent, { id }, ctx) => ctx.access.visible(await ctx.loaders.shipmentById.load(id)),
    shipments: async (_parent, { filter, first, after }, ctx) => {
      await ctx.access.assertListable(filter);
      return ctx.shipments.list(filter, { first, after });
    },
    return: async (_parent, { id }, ctx) => ctx.access.visible(await ctx.loaders.returnById.load(id)),
    returnByRma: async (_parent, { rmaNumber }, ctx) => ctx.access.visible(await ctx.returns.findByRma(rmaNumber)),
    fulfillmentEvents: (_parent, args, ctx) => readEventPage(ctx.events, args),
  },
  Mutation: {
    createShipment: (_parent, { input }, ctx) => ctx.shipments.create(input, ctx.actor),
    syncOrderShipments: (_parent, { input }, ctx) => ctx.shipments.syncOrder(input, ctx.actor),
    syncOrdersShipments: (_parent, { input }, ctx) => {
      if (input.length > MAX_SYNC_BATCH) throw badInput('input', `must not contain more than ${MAX_SYNC_BATCH} orders (got ${input.length})`);
      return ctx.shipments.syncOrders(input, ctx.actor);
    },
    cancelOrderShipments: (_parent, { orderId, reason }, ctx) => ctx.lifecycle.cancelOrder(orderId, reason, ctx.actor),
    pickShipment: (_parent, { id }, ctx) => ctx.lifecycle.pick(id, ctx.actor),
    packShipment: (_parent, { id }, ctx) => ctx.lifecycle.pack(id, ctx.actor),
    shipShipment: (_parent, { input }, ctx) => ctx.lifecycle.ship(input, ctx.actor),
    deliverShipment: (_parent, { id }, ctx) => ctx.lifecycle.deliver(id, ctx.actor),
    cancelShipment: (_parent, { id, reason }, ctx) => ctx.lifecycle.cancel(id, reason, ctx.actor),
    flagShipmentException: (_parent, { id, reason }, ctx) => ctx.lifecycle.flagException(id, reason, ctx.actor),
    requestReturn: async (_parent, { input }, ctx) => {
      await ctx.access.assertOrder(input.orderId);
      return ctx.access.returned(await ctx.returns.request(input, ctx.actor));
    },
    approveReturn: (_parent, { id }, ctx) => ctx.returns.approve(id, ctx.actor),
    rejectReturn: (_parent, { id, reason }, ctx) => ctx.returns.reject(id, reason, ctx.actor),
    receiveReturn: (_parent, { input }, ctx) => ctx.returns.receive(input, ctx.actor),
    refundReturn: (_parent, { id, includeShipping }, ctx) => ctx.returns.refund(id, includeShipping, ctx.actor),
  },
  Shipment: {
    // Out of scope: an error for this entity (the gateway reports it at the field that referenced it).
    __resolveReference: async (reference, ctx) => ctx.access.visible(await ctx.loaders.shipmentById.load(reference.id)),
    id: (shipment) => String(shipment._id),
    order: (shipment) => orderReference(shipment.orderId),
    location: (shipment) => ({ __typename: 'Location', id: shipment.locationId }),
    lines: (shipment) => shipment.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, item: { __typename: 'InventoryItem', sku: line.sku } })),
    shipBy: (shipment) => shipment.shipBy ?? null,
    deliverBy: (shipment) => shipment.deliverBy ?? null,
    late: (shipment) => isLate(shipment),
  },
  Return: {
    __resolveReference: async (reference, ctx) => ctx.access.visible(await ctx.loaders.returnById.load(reference.id)),
    id: (record) => String(record._id),
    order: (record) => orderReference(record.orderId),
    lines: (record) =>
      record.lines.map((line) => ({
        sku: line.sku,
        quantity: line.quantity,
        receivedQuantity: line.receivedQuantity ?? 0,
        condition: line.condition ?? null,
        restockLocation: line.restockLocationId ? { __typename: 'Location', id: line.restockLocationId } : null,
        item: { __typename: 'InventoryItem', sku: line.sku },
      })),
  },
  Order: {
    // Any order id is an order as far as fulfillment goes: one without shipments has empty lists.
    __resolveReference: (reference) => reference,
    shipments: (order, _args, ctx) => ctx.access.ofOrder(order.id, () => ctx.loaders.shipmentsByOrder.load(order.id)),
    returns: (order, _args, ctx) => ctx.access.ofOrder(order.id, () => ctx.loaders.returnsByOrder.load(order.id)),
  },
  DomainEvent: domainEventResolvers('fulfillment'),
};
