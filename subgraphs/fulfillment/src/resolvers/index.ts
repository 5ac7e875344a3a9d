// Fulfillment resolvers: thin calls into the services and the request's loaders.
import { DateTimeScalar, domainEventResolvers, JsonScalar, readEventPage } from '@oms/platform';
import type { Resolvers, ResolversTypes } from '../__generated__/resolvers-types';

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
    shipment: (_parent, { id }, ctx) => ctx.loaders.shipmentById.load(id),
    shipments: (_parent, { filter, first, after }, ctx) => ctx.shipments.list(filter, { first, after }),
    return: (_parent, { id }, ctx) => ctx.loaders.returnById.load(id),
    returnByRma: (_parent, { rmaNumber }, ctx) => ctx.returns.findByRma(rmaNumber),
    fulfillmentEvents: (_parent, args, ctx) => readEventPage(ctx.events, args),
  },
  Mutation: {
    createShipment: (_parent, { input }, ctx) => ctx.shipments.create(input, ctx.actor),
    syncOrderShipments: (_parent, { input }, ctx) => ctx.shipments.syncOrder(input, ctx.actor),
    cancelOrderShipments: (_parent, { orderId, reason }, ctx) => ctx.lifecycle.cancelOrder(orderId, reason, ctx.actor),
    pickShipment: (_parent, { id }, ctx) => ctx.lifecycle.pick(id, ctx.actor),
    packShipment: (_parent, { id }, ctx) => ctx.lifecycle.pack(id, ctx.actor),
    shipShipment: (_parent, { input }, ctx) => ctx.lifecycle.ship(input, ctx.actor),
    deliverShipment: (_parent, { id }, ctx) => ctx.lifecycle.deliver(id, ctx.actor),
    cancelShipment: (_parent, { id, reason }, ctx) => ctx.lifecycle.cancel(id, reason, ctx.actor),
    flagShipmentException: (_parent, { id, reason }, ctx) => ctx.lifecycle.flagException(id, reason, ctx.actor),
    requestReturn: (_parent, { input }, ctx) => ctx.returns.request(input, ctx.actor),
    approveReturn: (_parent, { id }, ctx) => ctx.returns.approve(id, ctx.actor),
    rejectReturn: (_parent, { id, reason }, ctx) => ctx.returns.reject(id, reason, ctx.actor),
    receiveReturn: (_parent, { input }, ctx) => ctx.returns.receive(input, ctx.actor),
    refundReturn: (_parent, { id, includeShipping }, ctx) => ctx.returns.refund(id, includeShipping, ctx.actor),
  },
  Shipment: {
    __resolveReference: (reference, ctx) => ctx.loaders.shipmentById.load(reference.id),
    id: (shipment) => String(shipment._id),
    order: (shipment) => orderReference(shipment.orderId),
    location: (shipment) => ({ __typename: 'Location', id: shipment.locationId }),
    lines: (shipment) => shipment.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, item: { __typename: 'InventoryItem', sku: line.sku } })),
  },
  Return: {
    __resolveReference: (reference, ctx) => ctx.loaders.returnById.load(reference.id),
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
    shipments: (order, _args, ctx) => ctx.loaders.shipmentsByOrder.load(order.id),
    returns: (order, _args, ctx) => ctx.loaders.returnsByOrder.load(order.id),
  },
  DomainEvent: domainEventResolvers('fulfillment'),
};
