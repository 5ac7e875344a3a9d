// Confirming a merchant-fulfilled shipment: confirmShipment with the carrier, tracking number and the
// order items shipped. The package reference id is derived from the hub shipment, and Amazon treats a
// confirmation carrying a package reference id it already has as an update of that package, so
// confirming the same hub shipment again never adds a second package.
import { createHash } from 'node:crypto';
import { ConnectorError, type CanonicalFulfillment, type WriteResult } from '@oms/connector-kit';
import { callSpApi, type AmazonContext } from '../client';
import type { ConfirmShipmentRequest, GetOrderItemsResponse } from '../types';

const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

/** Amazon's carrier codes (confirmShipment CarrierCode) by the names hubs usually give carriers. */
const CARRIER_CODES: Record<string, string> = {
  dhl: 'DHL',
  'dhl express': 'DHL',
  'deutsche post': 'Deutsche Post',
  dpd: 'DPD',
  gls: 'GLS',
  hermes: 'Hermes Logistik Gruppe',
  ups: 'UPS',
  usps: 'USPS',
  fedex: 'FedEx',
  'royal mail': 'Royal Mail',
  'canada post': 'Canada Post',
  'colissimo': 'Colissimo',
  'chronopost': 'Chronopost',
  'poste italiane': 'Poste Italiane',
  'correos': 'Correos',
  'japan post': 'Japan Post',
  'yamato': 'Yamato Transport',
  'amazon shipping': 'Amazon Shipping',
};

/** A positive number (Amazon accepts only numeric package reference ids), the same for the same shipment. */
export function packageReferenceId(shipmentId: string): string {
  const hash = createHash('sha256').update(shipmentId).digest();
  return String(hash.readUIntBE(0, 6) + 1);
}

function carrierFields(carrier: string): { carrierCode: string; carrierName?: string } {
  const code = CARRIER_CODES[carrier.trim().toLowerCase()];
  return code ? { carrierCode: code } : { carrierCode: 'Other', carrierName: carrier.trim() };
}

/** Order item ids for lines that do not carry one, from getOrderItems by SellerSKU. */
async function withOrderItemIds(ctx: AmazonContext, fulfillment: CanonicalFulfillment): Promise<Array<{ orderItemId: string; quantity: number }>> {
  const missing = fulfillment.lines.filter((line) => !line.channelLineId);
  let bySku = new Map<string, string>();
  if (missing.length) {
    const response = await callSpApi<GetOrderItemsResponse>(ctx, 'getOrderItems', { method: 'GET', path: `orders/v0/orders/${encodeURIComponent(fulfillment.channelOrderId)}/orderItems` });
    bySku = new Map((response.body?.payload?.OrderItems ?? []).filter((item) => item.SellerSKU).map((item) => [item.SellerSKU!, item.OrderItemId]));
  }
  return fulfillment.lines.map((line) => {
    const orderItemId = line.channelLineId ?? bySku.get(line.sku);
    if (!orderItemId) throw new ConnectorError('BAD_RECORD', `shipment ${fulfillment.shipmentId}: Amazon order ${fulfillment.channelOrderId} has no item with SKU ${line.sku}`);
    if (!Number.isInteger(line.quantity) || line.quantity < 1) throw new ConnectorError('BAD_RECORD', `shipment ${fulfillment.shipmentId}: quantity of SKU ${line.sku} must be a whole number ≥ 1`);
    return { orderItemId, quantity: line.quantity };
  });
}

export async function createFulfillment(ctx: AmazonContext, fulfillment: CanonicalFulfillment): Promise<WriteResult> {
  const { channelOrderId, shipmentId, trackingNumber } = fulfillment;
  if (!ORDER_ID.test(channelOrderId)) throw new ConnectorError('BAD_RECORD', `shipment ${shipmentId}: channelOrderId ${JSON.stringify(channelOrderId)} is not an Amazon order id (3-7-7 digits)`);
  if (!trackingNumber.trim()) throw new ConnectorError('BAD_RECORD', `shipment ${shipmentId}: trackingNumber is required by Amazon`);
  if (Number.isNaN(Date.parse(fulfillment.shippedAt))) throw new ConnectorError('BAD_RECORD', `shipment ${shipmentId}: shippedAt is not a date-time`);
  const reference = packageReferenceId(shipmentId);
  const body: ConfirmShipmentRequest = {
    marketplaceId: ctx.config.marketplaceId,
    packageDetail: {
      packageReferenceId: reference,
      ...carrierFields(fulfillment.carrier),
      trackingNumber: trackingNumber.trim(),
      shipDate: new Date(fulfillment.shippedAt).toISOString(),
      orderItems: await withOrderItemIds(ctx, fulfillment),
    },
  };
  await callSpApi(ctx, 'confirmShipment', {
    method: 'POST',
    path: `orders/v0/orders/${encodeURIComponent(channelOrderId)}/shipmentConfirmation`,
    json: body,
    // The same package reference id updates the package Amazon already has: safe to send again.
    idempotent: true,
  });
  ctx.log.info({ channelOrderId, shipmentId, packageReferenceId: reference }, 'Amazon shipment confirmed');
  return { reference: `package:${reference}` };
}
