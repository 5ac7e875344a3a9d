// Marks a Shopify order (partly) fulfilled with tracking: reads the order's fulfillment orders, takes the
// hub shipment's units from the open ones, and calls `fulfillmentCreate` once per assigned location.
// Shopify (before 2026-04) has no idempotency key for fulfillments, so a repeat is recognised by the
// shipment's tracking number already present on one of the order's fulfillments.
import { ConnectorError, type CanonicalFulfillment, type ConnectorContext, type WriteResult } from '@oms/connector-kit';
import { ShopifyClient } from '../client';
import type { ShopifyConfig } from '../manifest';
import { legacyId } from '../mappers/order';

const FULFILLMENT_STATE = /* GraphQL */ `
  query OmsFulfillmentState($id: ID!) {
    order(id: $id) {
      id cancelledAt
      fulfillments(first: 50) { id trackingInfo(first: 5) { number company url } }
      fulfillmentOrders(first: 5) {
        nodes {
          id status assignedLocation { location { id } }
          lineItems(first: 25) { nodes { id remainingQuantity totalQuantity lineItem { id sku } } }
        }
      }
    }
  }`;

const FULFILLMENT_CREATE = /* GraphQL */ `
  mutation OmsFulfil($fulfillment: FulfillmentInput!, $message: String) {
    fulfillmentCreate(fulfillment: $fulfillment, message: $message) { fulfillment { id } userErrors { field message } }
  }`;

interface FulfillmentOrderNode {
  id: string;
  status: string;
  assignedLocation: { location: { id: string } | null };
  lineItems: { nodes: Array<{ id: string; remainingQuantity: number; totalQuantity: number; lineItem: { id: string; sku: string | null } }> };
}

interface OrderState {
  order: {
    id: string;
    cancelledAt: string | null;
    fulfillments: Array<{ id: string; trackingInfo: Array<{ number: string | null }> }>;
    fulfillmentOrders: { nodes: FulfillmentOrderNode[] };
  } | null;
}

const FULFILLABLE = new Set(['OPEN', 'IN_PROGRESS']);

export async function createFulfillment(ctx: ConnectorContext<ShopifyConfig>, fulfillment: CanonicalFulfillment): Promise<WriteResult> {
  const client = new ShopifyClient(ctx);
  const channelId = fulfillment.channelOrderId;
  const { order } = await client.graphql<OrderState>('OmsFulfillmentState', FULFILLMENT_STATE, { id: `gid://shopify/Order/${channelId}` });
  if (!order) throw new ConnectorError('BAD_RECORD', `Shopify has no order ${channelId} to fulfil (shipment ${fulfillment.shipmentId})`, { channelId });

  const existing = order.fulfillments.find((candidate) => candidate.trackingInfo.some((info) => info.number === fulfillment.trackingNumber));
  if (existing) {
    ctx.log.info({ channelOrderId: channelId, shipmentId: fulfillment.shipmentId, fulfillmentId: existing.id }, 'Shopify already has this shipment: nothing to do');
    return { reference: existing.id };
  }
  if (order.cancelledAt) throw new ConnectorError('BAD_RECORD', `Shopify order ${channelId} is cancelled: shipment ${fulfillment.shipmentId} cannot be recorded there`, { channelId });

  // Units still open per fulfillment-order line; each hub line takes from the lines matching its channel line id, else its SKU.
  const open = order.fulfillmentOrders.nodes
    .filter((fulfillmentOrder) => FULFILLABLE.has(fulfillmentOrder.status))
    .flatMap((fulfillmentOrder) => fulfillmentOrder.lineItems.nodes.map((line) => ({ fulfillmentOrder, line, left: line.remainingQuantity })));
  const taken = new Map<FulfillmentOrderNode, Map<string, number>>();
  const short: string[] = [];
  for (const wanted of fulfillment.lines) {
    let quantity = wanted.quantity;
    const matches = open.filter((entry) => (wanted.channelLineId ? legacyId(entry.line.lineItem.id) === wanted.channelLineId : entry.line.lineItem.sku === wanted.sku));
    for (const entry of matches) {
      const take = Math.min(quantity, entry.left);
      if (take <= 0) continue;
      entry.left -= take;
      quantity -= take;
      const lines = taken.get(entry.fulfillmentOrder) ?? new Map<string, number>();
      lines.set(entry.line.id, (lines.get(entry.line.id) ?? 0) + take);
      taken.set(entry.fulfillmentOrder, lines);
    }
    if (quantity > 0) short.push(`${wanted.sku} × ${quantity}`);
  }
  if (!taken.size) throw new ConnectorError('BAD_RECORD', `Shopify order ${channelId} has nothing left to fulfil for shipment ${fulfillment.shipmentId} (${short.join(', ')})`, { channelId });
  if (short.length) ctx.log.warn({ channelOrderId: channelId, shipmentId: fulfillment.shipmentId, short }, 'Shopify has fewer open units than the shipment: fulfilling what is open');

  // fulfillmentCreate takes fulfillment orders of one location at a time.
  const byLocation = new Map<string, FulfillmentOrderNode[]>();
  for (const fulfillmentOrder of taken.keys()) {
    const location = fulfillmentOrder.assignedLocation.location?.id ?? 'unassigned';
    byLocation.set(location, [...(byLocation.get(location) ?? []), fulfillmentOrder]);
  }
  const references: string[] = [];
  for (const fulfillmentOrders of byLocation.values()) {
    const input = {
      lineItemsByFulfillmentOrder: fulfillmentOrders.map((fulfillmentOrder) => ({
        fulfillmentOrderId: fulfillmentOrder.id,
        fulfillmentOrderLineItems: [...taken.get(fulfillmentOrder)!].map(([id, quantity]) => ({ id, quantity })),
      })),
      notifyCustomer: false,
      trackingInfo: { company: fulfillment.carrier, number: fulfillment.trackingNumber, ...(fulfillment.trackingUrl ? { url: fulfillment.trackingUrl } : {}) },
    };
    const data = await client.graphql<{ fulfillmentCreate: { fulfillment: { id: string } | null; userErrors: Array<{ field: string[] | null; message: string }> } }>('OmsFulfil', FULFILLMENT_CREATE, {
      fulfillment: input,
      message: `OMS shipment ${fulfillment.shipmentId}`,
    });
    const { fulfillment: created, userErrors } = data.fulfillmentCreate;
    if (userErrors.length || !created) {
      throw new ConnectorError('BAD_RECORD', `Shopify refused the fulfillment of order ${channelId} (shipment ${fulfillment.shipmentId}): ${userErrors.map((error) => `${(error.field ?? []).join('.')}: ${error.message}`).join('; ')}`, { channelId, body: userErrors });
    }
    references.push(created.id);
  }
  return { reference: references.join(',') };
}
