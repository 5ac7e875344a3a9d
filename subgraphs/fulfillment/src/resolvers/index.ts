// Fulfillment resolvers: thin calls into the service and the request's loaders.
import { DateTimeScalar } from '@oms/platform';
import type { Resolvers, ResolversTypes } from '../__generated__/resolvers-types';

/**
 * A federation reference to an order: the gateway fetches its fields from the orders subgraph and
 * `shipments` resolves through Order.shipments below. The generated type wants every field of the
 * local Order, hence the cast.
 */
function orderReference(id: string): ResolversTypes['Order'] {
  return { __typename: 'Order', id } as ResolversTypes['Order'];
}

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    shipment: (_parent, { id }, ctx) => ctx.loaders.shipmentById.load(id),
    shipments: (_parent, { filter, first, after }, ctx) => ctx.shipments.list(filter, { first, after }),
  },
  Mutation: {
    createShipment: (_parent, { input }, ctx) => ctx.shipments.create(input, ctx.actor),
  },
  Shipment: {
    __resolveReference: (reference, ctx) => ctx.loaders.shipmentById.load(reference.id),
    id: (shipment) => String(shipment._id),
    order: (shipment) => orderReference(shipment.orderId),
    location: (shipment) => ({ __typename: 'Location', id: shipment.locationId }),
    lines: (shipment) => shipment.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, item: { __typename: 'InventoryItem', sku: line.sku } })),
  },
  Order: {
    // Any order id is an order as far as fulfillment goes: one without shipments has an empty list.
    __resolveReference: (reference) => reference,
    shipments: (order, _args, ctx) => ctx.loaders.shipmentsByOrder.load(order.id),
  },
};
