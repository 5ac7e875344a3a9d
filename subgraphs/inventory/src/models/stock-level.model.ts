// Stock of one SKU at one location. `free` and `sellable` are derived counters kept in step with
// `$inc` in every update so queries can filter on them (`sellable > 0`): FerretDB v1 has no `$expr`.
// The document also carries the reservations of each order (`holds`), the restocks already applied
// and two outboxes (ledger movements, domain events), so a stock change, the hold it belongs to, its
// ledger entry and its event are one single-document write.
import { Schema, type Connection, type Model, type SchemaDefinitionProperty, type Types } from 'mongoose';
import type { OutboxEvent } from '@oms/platform';
import { pendingMovementFields, type PendingMovementRecord } from './stock-movement.model';

/** What one order holds at this (sku, location). `reserved` counts toward the level's `reserved`. */
export interface HoldRecord {
  /** The order id. */
  ref: string;
  /** Units reserved for the order and not shipped yet. */
  reserved: number;
  /** Units shipped to the order from here (already gone from onHand). */
  shipped: number;
  /** Shipments already committed against this hold: a repeated commit is a no-op. */
  shipmentRefs: string[];
  /** Last reservation: releases without a destination take the most recent first. */
  at: Date;
}

export interface StockLevelRecord {
  _id: Types.ObjectId;
  sku: string;
  locationId: Types.ObjectId;
  onHand: number;
  reserved: number;
  safetyStock: number;
  /** onHand - reserved: what may still be removed or shipped without touching reservations. */
  free: number;
  /** onHand - reserved - safetyStock (may be negative; `available` clamps it at zero). */
  sellable: number;
  /** Incremented by every movement; the ledger records it to order movements exactly. */
  version: number;
  /** Outbox: movements applied to this level but not yet confirmed in the ledger. */
  pendingMovements: PendingMovementRecord[];
  /** Reservations per order; sum of `reserved` equals the level's `reserved`. */
  holds: HoldRecord[];
  /** References of restocks already applied (restock is idempotent on its reference). */
  restockRefs: string[];
  /** Outbox of domain events not yet relayed to the event log (packages/platform/src/events). */
  outbox: OutboxEvent[];
  createdAt: Date;
  updatedAt: Date;
}

export type StockLevelModel = Model<StockLevelRecord>;

const pendingMovementSchema = new Schema<PendingMovementRecord>({ ...pendingMovementFields }, { _id: true });

const holdSchema = new Schema<HoldRecord>(
  {
    ref: { type: String, required: true },
    reserved: { type: Number, required: true, default: 0 },
    shipped: { type: Number, required: true, default: 0 },
    shipmentRefs: { type: [String], default: [] },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const stockLevelSchema = new Schema<StockLevelRecord>(
  {
    sku: { type: String, required: true },
    locationId: { type: Schema.Types.ObjectId, required: true },
    onHand: { type: Number, required: true, default: 0 },
    reserved: { type: Number, required: true, default: 0 },
    safetyStock: { type: Number, required: true, default: 0 },
    free: { type: Number, required: true, default: 0 },
    sellable: { type: Number, required: true, default: 0 },
    version: { type: Number, required: true, default: 0 },
    pendingMovements: { type: [pendingMovementSchema], default: [] },
    holds: { type: [holdSchema], default: [] },
    restockRefs: { type: [String], default: [] },
    // Mixed, so the relay's `$pullAll` of the elements as read matches them exactly (no recasting).
    outbox: { type: [Schema.Types.Mixed], default: [] } as unknown as SchemaDefinitionProperty<OutboxEvent[]>,
  },
  { timestamps: true, collection: 'stock_levels', versionKey: false },
);
// One level per (sku, location); also serves the stock-by-sku loader (`sku $in`).
stockLevelSchema.index({ sku: 1, locationId: 1 }, { unique: true });
// What a location holds (routing, location views).
stockLevelSchema.index({ locationId: 1, sku: 1 });
// Start-up recovery finds levels whose outbox was not drained (a plain index: no partial indexes on FerretDB v1).
stockLevelSchema.index({ 'pendingMovements._id': 1 });
// An order's allocation: every level holding stock for it (`holds.ref`), one query.
stockLevelSchema.index({ 'holds.ref': 1 });

export function stockLevelModel(connection: Connection): StockLevelModel {
  return (connection.models.StockLevel as StockLevelModel | undefined) ?? connection.model<StockLevelRecord>('StockLevel', stockLevelSchema);
}
