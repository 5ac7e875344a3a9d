// What of an inventory event a partner's endpoint may read. Stock events carry no channel, and a
// reservation, release or shipment names the order it was for: a partner reading every channel's
// order ids, shipment ids and staff notes through them would see other channels' business. So a
// PARTNER endpoint gets the stock figures of every event (the level after the change, and by how much
// it changed — what the stock of an item shows anyway), but the order and shipment ids only of orders
// on its own channels, and never `reference` or `reason` (free text, or another channel's ids).
// The back office gets events whole.
import { canAccessOrder, isInternal } from '@oms/platform';
import type { WebhookEndpointRecord } from '../models/webhook-endpoint.model';
import { ownerIdentity } from './endpoint.service';

const STOCK_FIELDS = ['sku', 'locationId', 'onHand', 'reserved', 'safetyStock', 'available', 'deltaOnHand', 'deltaReserved'] as const;
const ORDER_FIELDS = ['orderId', 'shipmentId'] as const;
const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** The order ids inventory events name whose channel decides what partners see (ids that can be orders). */
export function orderIdsToScope(payloads: Array<Record<string, unknown> | null>): string[] {
  return payloads.map((payload) => payload?.orderId).filter((id): id is string => typeof id === 'string' && OBJECT_ID.test(id));
}

/** An inventory event's data as `endpoint` may receive it; `orderChannel`: the channel of the order it names (null: none or unknown). */
export function inventoryDataFor(endpoint: WebhookEndpointRecord, payload: Record<string, unknown> | null, orderChannel: string | null): Record<string, unknown> {
  const owner = ownerIdentity(endpoint.owner);
  if (isInternal(owner)) return { ...(payload ?? {}) };
  const data: Record<string, unknown> = {};
  for (const field of STOCK_FIELDS) if (payload?.[field] !== undefined) data[field] = payload[field];
  const ownOrder = orderChannel !== null && endpoint.channels.includes(orderChannel) && canAccessOrder(owner, { channel: orderChannel });
  if (ownOrder) for (const field of ORDER_FIELDS) if (payload?.[field] !== undefined) data[field] = payload[field];
  return data;
}
