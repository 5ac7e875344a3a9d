// Shipment records: what leaves one location for one order, with carrier and tracking.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Connection as Page, OutboxEvent } from '@oms/platform';

export const SHIPMENT_STATUSES = ['PENDING', 'PICKING', 'PACKED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'EXCEPTION'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export interface ShipmentLineRecord {
  sku: string;
  quantity: number;
}

export interface ShipmentRecord {
  _id: Types.ObjectId;
  /** Always set (generated when the caller gives none) so its unique index needs no partial filter. */
  idempotencyKey: string;
  /** Id of the order in the orders subgraph (never joined locally). */
  orderId: string;
  /** Id of the location in the inventory subgraph. */
  locationId: string;
  lines: ShipmentLineRecord[];
  status: ShipmentStatus;
  carrier?: string | null;
  service?: string | null;
  trackingNumber?: string | null;
  trackingUrl?: string | null;
  shippedAt?: Date | null;
  deliveredAt?: Date | null;
  /** The channel's promise, from the order. */
  shipBy?: Date | null;
  deliverBy?: Date | null;
  /** Why it was cancelled or flagged. */
  note?: string | null;
  /** The status it had when flagged EXCEPTION (kept for operators; nothing moves back automatically). */
  exceptionFrom?: ShipmentStatus | null;
  /** Events written with the change that caused them, not yet relayed to the event log. */
  outbox?: OutboxEvent[];
  createdAt: Date;
  updatedAt: Date;
}

export type ShipmentConnectionRecord = Page<ShipmentRecord>;
export type ShipmentModel = Model<ShipmentRecord>;

const shipmentSchema = new Schema<ShipmentRecord>(
  {
    idempotencyKey: { type: String, required: true },
    orderId: { type: String, required: true },
    locationId: { type: String, required: true },
    lines: {
      type: [{ sku: { type: String, required: true }, quantity: { type: Number, required: true, min: 1, validate: Number.isSafeInteger }, _id: false }],
      required: true,
    },
    status: { type: String, enum: SHIPMENT_STATUSES, required: true, default: 'PENDING' },
    carrier: String,
    service: String,
    trackingNumber: String,
    trackingUrl: String,
    shippedAt: Date,
    deliveredAt: Date,
    shipBy: Date,
    deliverBy: Date,
    note: String,
    exceptionFrom: { type: String, enum: [...SHIPMENT_STATUSES, null] },
    // Mixed, not a sub-schema: the relay removes entries with `$pullAll` of the exact elements it
    // read, which needs them stored as written (no added _id, no reordered keys).
    outbox: { type: [Schema.Types.Mixed], default: [] },
  },
  { timestamps: true, collection: 'shipments' },
);

shipmentSchema.index({ idempotencyKey: 1 }, { unique: true });
// Query paths (all ordered by _id, i.e. creation order): Order.shipments and the orderId filter,
// the locationId filter, the status filter, the shipByBefore filter; shipments() unfiltered uses the _id index.
shipmentSchema.index({ orderId: 1, _id: 1 });
shipmentSchema.index({ locationId: 1, _id: 1 });
shipmentSchema.index({ status: 1, _id: 1 });
// Late shipments: open ones whose ship-by promise has passed.
shipmentSchema.index({ shipBy: 1, _id: 1 });

export function shipmentModel(connection: Connection): ShipmentModel {
  return (connection.models.Shipment as ShipmentModel | undefined) ?? connection.model<ShipmentRecord>('Shipment', shipmentSchema);
}
