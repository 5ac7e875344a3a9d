// Stock of one SKU at one location. `free` and `sellable` are derived counters kept in step with
// `$inc` in every update so guards are plain filters (`free >= n`): FerretDB v1 has no `$expr`.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { pendingMovementFields, type PendingMovementRecord } from './stock-movement.model';

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
  createdAt: Date;
  updatedAt: Date;
}

export type StockLevelModel = Model<StockLevelRecord>;

const pendingMovementSchema = new Schema<PendingMovementRecord>({ ...pendingMovementFields }, { _id: true });

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
  },
  { timestamps: true, collection: 'stock_levels', versionKey: false },
);
// One level per (sku, location); also serves the stock-by-sku loader (`sku $in`).
stockLevelSchema.index({ sku: 1, locationId: 1 }, { unique: true });
// What a location holds (routing, location views).
stockLevelSchema.index({ locationId: 1, sku: 1 });
// Start-up recovery finds levels whose outbox was not drained (a plain index: no partial indexes on FerretDB v1).
stockLevelSchema.index({ 'pendingMovements._id': 1 });

export function stockLevelModel(connection: Connection): StockLevelModel {
  return (connection.models.StockLevel as StockLevelModel | undefined) ?? connection.model<StockLevelRecord>('StockLevel', stockLevelSchema);
}
