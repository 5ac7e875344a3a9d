// Returns (RMAs): shipped units of an order coming back, their receipt (restocked or written off)
// and the refund recorded on the order.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { OutboxEvent } from '@oms/platform';

export const RETURN_STATUSES = ['REQUESTED', 'APPROVED', 'RECEIVED', 'REFUNDED', 'REJECTED'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const RETURN_CONDITIONS = ['RESTOCK', 'DAMAGED'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

export interface ReturnLineRecord {
  sku: string;
  /** Units the customer asked to return. */
  quantity: number;
  /** Units that arrived (0 until received). */
  receivedQuantity: number;
  condition?: ReturnCondition | null;
  /** Inventory location the units went back on hand at (RESTOCK only). */
  restockLocationId?: string | null;
}

export interface ReturnRecord {
  _id: Types.ObjectId;
  /** RMA-000001, from the `rma-number` counter; unique. */
  rmaNumber: string;
  /** Always set (generated when the caller gives none) so its unique index needs no partial filter. */
  idempotencyKey: string;
  orderId: string;
  status: ReturnStatus;
  reason: string;
  lines: ReturnLineRecord[];
  /** Refund recorded on the order (minor units), its currency and id there. */
  refundAmount?: number | null;
  refundCurrency?: string | null;
  refundId?: string | null;
  /** Why it was rejected. */
  note?: string | null;
  receivedAt?: Date | null;
  refundedAt?: Date | null;
  outbox?: OutboxEvent[];
  createdAt: Date;
  updatedAt: Date;
}

export type ReturnModel = Model<ReturnRecord>;

const returnSchema = new Schema<ReturnRecord>(
  {
    rmaNumber: { type: String, required: true },
    idempotencyKey: { type: String, required: true },
    orderId: { type: String, required: true },
    status: { type: String, enum: RETURN_STATUSES, required: true, default: 'REQUESTED' },
    reason: { type: String, required: true },
    lines: {
      type: [
        {
          sku: { type: String, required: true },
          quantity: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
          receivedQuantity: { type: Number, required: true, default: 0, min: 0 },
          condition: { type: String, enum: [...RETURN_CONDITIONS, null] },
          restockLocationId: String,
          _id: false,
        },
      ],
      required: true,
    },
    refundAmount: Number,
    refundCurrency: String,
    refundId: String,
    note: String,
    receivedAt: Date,
    refundedAt: Date,
    // Mixed for the same reason as Shipment.outbox (exact-element `$pullAll` by the relay).
    outbox: { type: [Schema.Types.Mixed], default: [] },
  },
  { timestamps: true, collection: 'returns' },
);

returnSchema.index({ rmaNumber: 1 }, { unique: true });
returnSchema.index({ idempotencyKey: 1 }, { unique: true });
// Order.returns (oldest first) and the shipped-minus-returned check of requestReturn.
returnSchema.index({ orderId: 1, _id: 1 });

export function returnModel(connection: Connection): ReturnModel {
  return (connection.models.Return as ReturnModel | undefined) ?? connection.model<ReturnRecord>('Return', returnSchema);
}
