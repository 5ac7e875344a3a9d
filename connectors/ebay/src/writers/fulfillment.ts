// Confirms a hub shipment on eBay: createShippingFulfillment
// (`POST /sell/fulfillment/v1/order/{orderId}/shipping_fulfillment`) with the lines, carrier, tracking
// number and ship date; eBay answers 201 with the new fulfillment's id in the Location header.
// eBay keeps no reference of ours, so a hub shipment is known by its tracking number: the order's
// fulfillments are read first (and again after a failure that may have reached eBay), and a repeat
// returns the fulfillment already there.
import { ConnectorError, isConnectorError, type CanonicalFulfillment, type WriteResult } from '@oms/connector-kit';
import { ebayCall, type EbayContext } from '../client';
import type { EbayOrder, EbayShippingFulfillment } from '../types';

const orderPath = (orderId: string) => `/sell/fulfillment/v1/order/${encodeURIComponent(orderId)}`;

// eBay's carrier codes (Trading API ShippingCarrierCodeType) for names the hub commonly holds.
const CARRIER_CODES: Record<string, string> = {
  ups: 'UPS',
  unitedparcelservice: 'UPS',
  usps: 'USPS',
  fedex: 'FedEx',
  dhl: 'DHL',
  dhlexpress: 'DHL',
  dhlglobalmail: 'DHLGlobalMail',
  deutschepost: 'DeutschePost',
  hermes: 'Hermes',
  evri: 'Hermes',
  dpd: 'DPD',
  gls: 'GLS',
  royalmail: 'RoyalMail',
  parcelforce: 'Parcelforce',
  canadapost: 'CanadaPost',
  australiapost: 'AustraliaPost',
  colissimo: 'Colissimo',
  chronopost: 'Chronopost',
  postnl: 'PostNL',
  tnt: 'TNT',
};

/** eBay's code for a carrier name; an unknown carrier is sent as written, without spaces (eBay validates it). */
export function carrierCode(carrier: string): string {
  return CARRIER_CODES[carrier.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? carrier.trim().replace(/\s+/g, '');
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

async function findExisting(ctx: EbayContext, fulfillment: CanonicalFulfillment): Promise<EbayShippingFulfillment | undefined> {
  const response = await ebayCall<{ fulfillments?: EbayShippingFulfillment[] }>(ctx, { method: 'GET', path: `${orderPath(fulfillment.channelOrderId)}/shipping_fulfillment` });
  return (response.body?.fulfillments ?? []).find((existing) => existing.shipmentTrackingNumber === fulfillment.trackingNumber.trim());
}

async function lineItems(ctx: EbayContext, fulfillment: CanonicalFulfillment): Promise<Array<{ lineItemId: string; quantity: number }>> {
  let order: EbayOrder | undefined;
  const items: Array<{ lineItemId: string; quantity: number }> = [];
  for (const [index, line] of fulfillment.lines.entries()) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) throw new ConnectorError('BAD_RECORD', `lines[${index}].quantity must be a positive whole number, got ${line.quantity}`, { channelId: fulfillment.channelOrderId });
    if (line.channelLineId) {
      items.push({ lineItemId: line.channelLineId, quantity: line.quantity });
      continue;
    }
    // A shipment made in the hub carries SKUs only: find eBay's line item for the SKU.
    order ??= (await ebayCall<EbayOrder>(ctx, { method: 'GET', path: orderPath(fulfillment.channelOrderId) })).body;
    const item = order.lineItems.find((candidate) => candidate.sku === line.sku);
    if (!item) throw new ConnectorError('BAD_RECORD', `lines[${index}].sku ${line.sku} is not on eBay order ${fulfillment.channelOrderId}`, { channelId: fulfillment.channelOrderId });
    items.push({ lineItemId: item.lineItemId, quantity: line.quantity });
  }
  return items;
}

/** The fulfillment id from `Location: .../order/{orderId}/shipping_fulfillment/{fulfillmentId}`. */
export function fulfillmentIdFrom(location: string | null): string | undefined {
  const match = location ? /\/shipping_fulfillment\/([^/?#]+)\/?(?:[?#].*)?$/.exec(location) : null;
  return match ? decodeURIComponent(match[1]) : undefined;
}

export async function createFulfillment(ctx: EbayContext, fulfillment: CanonicalFulfillment): Promise<WriteResult> {
  const { channelOrderId, shipmentId } = fulfillment;
  const trackingNumber = fulfillment.trackingNumber?.trim();
  if (!trackingNumber) throw new ConnectorError('BAD_RECORD', `shipment ${shipmentId}: trackingNumber is required by eBay's createShippingFulfillment`, { channelId: channelOrderId });
  if (!fulfillment.carrier?.trim()) throw new ConnectorError('BAD_RECORD', `shipment ${shipmentId}: carrier is required by eBay's createShippingFulfillment`, { channelId: channelOrderId });
  const shippedAt = Date.parse(fulfillment.shippedAt);
  if (Number.isNaN(shippedAt)) throw new ConnectorError('BAD_RECORD', `shipment ${shipmentId}: shippedAt must be an ISO-8601 date-time, got ${JSON.stringify(fulfillment.shippedAt)}`, { channelId: channelOrderId });

  return serialized(`${ctx.config.apiBaseUrl}|${channelOrderId}`, async () => {
    const existing = await findExisting(ctx, fulfillment);
    if (existing) return { reference: existing.fulfillmentId };
    const body = {
      lineItems: await lineItems(ctx, fulfillment),
      shippedDate: new Date(shippedAt).toISOString(),
      shippingCarrierCode: carrierCode(fulfillment.carrier),
      trackingNumber,
    };
    try {
      const response = await ebayCall<unknown>(ctx, { method: 'POST', path: `${orderPath(channelOrderId)}/shipping_fulfillment`, json: body });
      const fulfillmentId = fulfillmentIdFrom(response.headers.get('location'));
      if (!fulfillmentId) throw new ConnectorError('TRANSIENT', `eBay created the fulfillment of order ${channelOrderId} without a Location header`, { status: response.status });
      ctx.log.info({ channelOrderId, fulfillmentId, shipmentId }, 'created eBay shipping fulfillment');
      return { reference: fulfillmentId };
    } catch (error) {
      // A response lost after eBay created it (or a concurrent push): the fulfillment is there now.
      if (isConnectorError(error) && (error.kind === 'TRANSIENT' || error.kind === 'BAD_RECORD')) {
        const created = await findExisting(ctx, fulfillment).catch(() => undefined);
        if (created) return { reference: created.fulfillmentId };
      }
      throw error;
    }
  });
}
