// The stock ledger: one immutable entry per change of a stock level. `_id` is the movement id
// generated with the stock update, so re-inserting a movement after a crash is a harmless duplicate.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Connection as Page } from '@oms/platform';

export type StockMovementKind = 'STOCK_TAKE' | 'ADJUSTMENT' | 'RESERVATION' | 'RELEASE' | 'SHIPMENT' | 'RETURN' | 'TRANSFER';
export const STOCK_MOVEMENT_KINDS = ['STOCK_TAKE', 'ADJUSTMENT', 'RESERVATION', 'RELEASE', 'SHIPMENT', 'RETURN', 'TRANSFER'] as const;

/** What a stock update records about itself; the level document carries these until they reach the ledger. */
export interface PendingMovementRecord {
  _id: Types.ObjectId;
  kind: StockMovementKind;
  deltaOnHand: number;
  deltaReserved: number;
  reason?: string | null;
  reference?: string | null;
  actor: string;
  at: Date;
}

export interface StockMovementRecord extends PendingMovementRecord {
  sku: string;
  locationId: Types.ObjectId;
  onHandAfter: number;
  reservedAfter: number;
  /** The level's version after this movement: orders the movements of one (sku, location) exactly. */
  version: number;
}

export type StockMovementConnectionRecord = Page<StockMovementRecord>;
export type StockMovementModel = Model<StockMovementRecord>;

export const pendingMovementFields = {
  kind: { type: String, enum: STOCK_MOVEMENT_KINDS, required: true },
  deltaOnHand: { type: Number, required: true },
  deltaReserved: { type: Number, required: true },
  reason: String,
  reference: String,
  actor: { type: String, required: true },
  at: { type: Date, required: true },
} as const;

const stockMovementSchema = new Schema<StockMovementRecord>(
  {
    ...pendingMovementFields,
    sku: { type: String, required: true },
    locationId: { type: Schema.Types.ObjectId, required: true },
    onHandAfter: { type: Number, required: true },
    reservedAfter: { type: Number, required: true },
    version: { type: Number, required: true },
  },
  { collection: 'stock_movements', versionKey: false },
);
// `stockMovements(sku)` and `stockMovements(sku, locationId)`, newest first (keyset on at, _id).
stockMovementSchema.index({ sku: 1, at: -1, _id: -1 });
stockMovementSchema.index({ sku: 1, locationId: 1, at: -1, _id: -1 });
// Orders and shipments look up the movements they caused.
stockMovementSchema.index({ reference: 1 });

export function stockMovementModel(connection: Connection): StockMovementModel {
  return (connection.models.StockMovement as StockMovementModel | undefined) ?? connection.model<StockMovementRecord>('StockMovement', stockMovementSchema);
}
