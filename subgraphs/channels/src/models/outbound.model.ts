// Outbound work waiting for a channel: stock levels to publish (one entry per connection and SKU,
// coalescing every change in between) and shipped hub shipments to confirm (one per shipment).
import { Schema, type Connection, type Model } from 'mongoose';

export interface StockPushRecord {
  /** `<connectionId>|<sku>` */
  _id: string;
  connectionId: string;
  sku: string;
  /** Bumped by every change; an entry is removed only if unchanged since its push read it. */
  gen: number;
  /** When the oldest change not pushed yet arrived (lag). */
  since: Date;
}

export type FulfillmentPushStatus = 'PENDING' | 'DONE' | 'SKIPPED' | 'FAILED';

export interface FulfillmentPushRecord {
  /** The hub shipment id: confirming a shipment twice must not create two fulfillments. */
  _id: string;
  orderId: string;
  status: FulfillmentPushStatus;
  connectionId: string | null;
  channel: string | null;
  channelOrderId: string | null;
  attempts: number;
  nextAttemptAt: Date;
  reference: string | null;
  error: string | null;
  createdAt: Date;
  pushedAt: Date | null;
}

const stockPushSchema = new Schema<StockPushRecord>(
  {
    _id: String,
    connectionId: { type: String, required: true },
    sku: { type: String, required: true },
    gen: { type: Number, default: 1 },
    since: { type: Date, required: true },
  },
  { collection: 'stock_push_queue', versionKey: false },
);
stockPushSchema.index({ connectionId: 1 });

const fulfillmentPushSchema = new Schema<FulfillmentPushRecord>(
  {
    _id: String,
    orderId: { type: String, required: true },
    status: { type: String, required: true },
    connectionId: { type: String, default: null },
    channel: { type: String, default: null },
    channelOrderId: { type: String, default: null },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    reference: { type: String, default: null },
    error: { type: String, default: null },
    createdAt: { type: Date, required: true },
    pushedAt: { type: Date, default: null },
  },
  { collection: 'fulfillment_pushes', versionKey: false },
);
fulfillmentPushSchema.index({ status: 1 });
fulfillmentPushSchema.index({ connectionId: 1, status: 1 });

export type StockPushModel = Model<StockPushRecord>;
export type FulfillmentPushModel = Model<FulfillmentPushRecord>;

export function stockPushModel(connection: Connection): StockPushModel {
  return (connection.models.StockPush as StockPushModel | undefined) ?? connection.model<StockPushRecord>('StockPush', stockPushSchema);
}

export function fulfillmentPushModel(connection: Connection): FulfillmentPushModel {
  return (connection.models.FulfillmentPush as FulfillmentPushModel | undefined) ?? connection.model<FulfillmentPushRecord>('FulfillmentPush', fulfillmentPushSchema);
}
