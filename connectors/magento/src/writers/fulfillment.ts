// Confirms a hub shipment on Magento: `POST /V1/order/{entity_id}/ship` with the lines and a track.
// Idempotent per hub shipment id: the id is kept in a (private) shipment comment, and the order's
// existing shipments are checked first, and again when a ship call fails after a lost response.
import { ConnectorError, isConnectorError, type CanonicalFulfillment, type ConnectorContext, type WriteResult } from '@oms/connector-kit';
import { MagentoClient } from '../client';
import type { MagentoConfig } from '../manifest';
import type { MagentoOrder, MagentoShipment } from '../types';

const marker = (shipmentId: string) => `[oms-shipment:${shipmentId}]`;

// Magento's own carrier codes; anything else is a `custom` carrier whose title is shown as given.
const CARRIER_CODES: Record<string, string> = { ups: 'ups', unitedparcelservice: 'ups', usps: 'usps', fedex: 'fedex', dhl: 'dhl', dhlexpress: 'dhl' };

export function carrierCode(carrier: string): string {
  return CARRIER_CODES[carrier.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? 'custom';
}

/** One fulfillment per order at a time in this process, so two pushes of a shipment cannot both create it. */
const inFlight = new Map<string, Promise<unknown>>();

async function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = inFlight.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  inFlight.set(key, next);
  try {
    return await next;
  } finally {
    if (inFlight.get(key) === next) inFlight.delete(key);
  }
}

async function findExisting(client: MagentoClient, fulfillment: CanonicalFulfillment): Promise<MagentoShipment | undefined> {
  const { items } = await client.searchShipments({ filterGroups: [[{ field: 'order_id', value: fulfillment.channelOrderId }]], pageSize: 300, currentPage: 1 });
  const tag = marker(fulfillment.shipmentId);
  return (
    items.find((shipment) => (shipment.comments ?? []).some((comment) => typeof comment.comment === 'string' && comment.comment.includes(tag))) ??
    // Shipped by hand in the Magento admin with the same tracking number: the same parcel.
    items.find((shipment) => (shipment.tracks ?? []).some((track) => track.track_number === fulfillment.trackingNumber))
  );
}

async function shipItems(client: MagentoClient, fulfillment: CanonicalFulfillment): Promise<Array<{ order_item_id: number; qty: number }>> {
  let order: MagentoOrder | undefined;
  const items: Array<{ order_item_id: number; qty: number }> = [];
  for (const [index, line] of fulfillment.lines.entries()) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) throw new ConnectorError('BAD_RECORD', `lines[${index}].quantity must be a positive whole number, got ${line.quantity}`);
    if (line.channelLineId && /^\d+$/.test(line.channelLineId)) {
      items.push({ order_item_id: Number(line.channelLineId), qty: line.quantity });
      continue;
    }
    // No Magento line id (a shipment made in the hub): find the order line by SKU. Child lines of
    // configurable products repeat the SKU; the parent line is the one Magento ships.
    order ??= await client.getOrder<MagentoOrder>(fulfillment.channelOrderId);
    const item = order.items.find((candidate) => candidate.sku === line.sku && candidate.parent_item_id == null);
    if (!item) throw new ConnectorError('BAD_RECORD', `lines[${index}].sku ${line.sku} is not on Magento order ${fulfillment.channelOrderId}`, { channelId: fulfillment.channelOrderId });
    items.push({ order_item_id: item.item_id, qty: line.quantity });
  }
  return items;
}

export async function createFulfillment(ctx: ConnectorContext<MagentoConfig>, fulfillment: CanonicalFulfillment): Promise<WriteResult> {
  if (!/^\d+$/.test(fulfillment.channelOrderId)) {
    throw new ConnectorError('BAD_RECORD', `channelOrderId must be the Magento order entity_id (a number), got ${JSON.stringify(fulfillment.channelOrderId)}`, { channelId: fulfillment.channelOrderId });
  }
  if (!fulfillment.trackingNumber?.trim()) throw new ConnectorError('BAD_RECORD', 'trackingNumber is required: Magento refuses a track without one', { channelId: fulfillment.channelOrderId });
  return serialized(`${ctx.config.baseUrl}|${fulfillment.channelOrderId}`, async () => {
    const client = new MagentoClient(ctx);
    const existing = await findExisting(client, fulfillment);
    if (existing) return { reference: String(existing.entity_id) };

    const comment = [marker(fulfillment.shipmentId), fulfillment.trackingUrl ? `Tracking: ${fulfillment.trackingUrl}` : undefined].filter(Boolean).join(' ');
    const body = {
      items: await shipItems(client, fulfillment),
      notify: ctx.config.notifyCustomer,
      // The comment carries our marker: saved on the shipment, kept out of the customer's e-mail.
      appendComment: false,
      comment: { comment, is_visible_on_front: 0 },
      tracks: [{ track_number: fulfillment.trackingNumber.trim(), title: fulfillment.carrier, carrier_code: carrierCode(fulfillment.carrier) }],
      arguments: { extension_attributes: { source_code: ctx.config.sourceCode } },
    };
    try {
      const shipmentId = await client.shipOrder(fulfillment.channelOrderId, body);
      ctx.log.info({ orderId: fulfillment.channelOrderId, shipmentId, hubShipmentId: fulfillment.shipmentId }, 'created Magento shipment');
      return { reference: shipmentId };
    } catch (error) {
      // A retry after a response that got lost finds the order already shipped: the shipment is there.
      if (isConnectorError(error) && error.kind === 'BAD_RECORD') {
        const created = await findExisting(client, fulfillment);
        if (created) return { reference: String(created.entity_id) };
      }
      throw error;
    }
  });
}
