// The latest allocation request of each order: what it wants per SKU, where it ships to and which
// strategy routes it. Reservations themselves live in the stock levels' holds; this document only
// lets `allocation(orderId)` report what is still unallocated, and lets releases go farthest first.
import { Schema, type Connection, type Model } from 'mongoose';

export interface WantedLineRecord {
  sku: string;
  quantity: number;
}

export interface AllocationRequestRecord {
  /** The order id. */
  _id: string;
  wanted: WantedLineRecord[];
  /**
   * Every SKU the order ever wanted: its holds are in these SKUs' levels, read by equality on `sku`
   * (a query on `holds.ref`, a dotted path, scans every level on FerretDB). Absent on older requests.
   */
  skus?: string[];
  destination?: { lat: number; lng: number } | null;
  strategy: string;
  createdAt: Date;
  updatedAt: Date;
}

export type AllocationRequestModel = Model<AllocationRequestRecord>;

const wantedSchema = new Schema<WantedLineRecord>({ sku: { type: String, required: true }, quantity: { type: Number, required: true, min: 0 } }, { _id: false });

const allocationRequestSchema = new Schema<AllocationRequestRecord>(
  {
    _id: { type: String, required: true },
    wanted: { type: [wantedSchema], default: [] },
    skus: { type: [String], default: undefined },
    destination: { type: new Schema({ lat: Number, lng: Number }, { _id: false }), default: null },
    strategy: { type: String, required: true },
  },
  { timestamps: true, collection: 'allocation_requests', versionKey: false },
);

export function allocationRequestModel(connection: Connection): AllocationRequestModel {
  return (connection.models.AllocationRequest as AllocationRequestModel | undefined) ?? connection.model<AllocationRequestRecord>('AllocationRequest', allocationRequestSchema);
}
