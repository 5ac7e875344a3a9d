// Webhook deliveries as received: stored before they are acknowledged, processed from here. A
// delivery is de-duplicated twice: by its body when it arrives (a channel re-sending the same
// delivery), and by the channel's delivery id once parsed (unique per connection).
import { Schema, type Connection, type Model } from 'mongoose';

export type WebhookDeliveryStatus = 'PENDING' | 'PROCESSED' | 'DUPLICATE' | 'FAILED';

export interface WebhookDeliveryRecord {
  _id: string;
  connectionId: string;
  /** The channel's delivery id once parsed; `pending:<_id>` before (unique indexes need a value). */
  deliveryId: string;
  topic: string | null;
  headers: Record<string, string>;
  /** Base64 of the exact bytes received (signatures are over the raw body). */
  rawBody: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** The connection's stream checkpoint when the delivery arrived (where a replay of its records starts). */
  checkpointAtReceipt: string | null;
  receivedAt: Date;
  processedAt: Date | null;
  nextAttemptAt: Date;
  error: string | null;
}

const webhookDeliverySchema = new Schema<WebhookDeliveryRecord>(
  {
    _id: String,
    connectionId: { type: String, required: true },
    deliveryId: { type: String, required: true },
    topic: { type: String, default: null },
    headers: { type: Schema.Types.Mixed, default: {} },
    rawBody: { type: String, required: true },
    status: { type: String, required: true },
    attempts: { type: Number, default: 0 },
    checkpointAtReceipt: { type: String, default: null },
    receivedAt: { type: Date, required: true },
    processedAt: { type: Date, default: null },
    nextAttemptAt: { type: Date, required: true },
    error: { type: String, default: null },
  },
  { collection: 'webhook_deliveries', versionKey: false, minimize: false },
);
webhookDeliverySchema.index({ connectionId: 1, deliveryId: 1 }, { unique: true });
webhookDeliverySchema.index({ status: 1 });

export type WebhookDeliveryModel = Model<WebhookDeliveryRecord>;

export function webhookDeliveryModel(connection: Connection): WebhookDeliveryModel {
  return (connection.models.WebhookDelivery as WebhookDeliveryModel | undefined) ?? connection.model<WebhookDeliveryRecord>('WebhookDelivery', webhookDeliverySchema);
}
