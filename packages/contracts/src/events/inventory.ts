// The inventory log's events: one per change of one stock level (SKU at a location), with the level's
// numbers right after the change. Absent fields are left out, never null.
import { z } from 'zod';
import { id, units } from './common';
import { defineEvents } from './define-event';

export const STOCK_EVENT_TYPES = [
  'inventory.stock.set',
  'inventory.stock.adjusted',
  'inventory.stock.reserved',
  'inventory.stock.released',
  'inventory.stock.shipped',
  'inventory.stock.restocked',
] as const;
export type StockEventType = (typeof STOCK_EVENT_TYPES)[number];

export const stockLevelPayload = z.object({
  sku: z.string().min(1),
  locationId: id,
  onHand: units,
  reserved: units,
  safetyStock: units,
  /** onHand − reserved − safetyStock, never below 0. */
  available: units.min(0),
  deltaOnHand: units,
  deltaReserved: units,
  reason: z.string().optional(),
  reference: z.string().optional(),
  /** The order a reservation, release or shipment is for. */
  orderId: id.optional(),
  shipmentId: id.optional(),
});
export type StockLevelPayload = z.infer<typeof stockLevelPayload>;

export const INVENTORY_EVENT_CONTRACTS = defineEvents(STOCK_EVENT_TYPES, 1, stockLevelPayload);
