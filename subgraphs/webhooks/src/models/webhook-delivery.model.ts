// One delivery = one event for one endpoint, with every attempt. Its id is derived from endpoint +
// event, so creating it twice (the event log is read at least once) stores it once.
import type { Connection as PageConnection } from '@oms/platform';
import { Schema, type Connection, type Model } from 'mongoose';

export const DELIVERY_STATUSES = ['PENDING', 'FAILED', 'DELIVERED', 'DEAD'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
/** Statuses still to be sent; they hold back later deliveries of the same chain. */
export const OPEN_STATUSES: DeliveryStatus[] = ['PENDING', 'FAILED'];

export interface WebhookAttemptRecord {
  number: number;
  requestId: string;
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  manual: boolean;
}

export interface PendingSelection {
  entity: 'Order' | 'InventoryItem';
  /** The order id or SKU the selection is made on. */
  id: string;
  /** Where in `payload.data` the result goes (`order`, `item`). */
  key: string;
}

export interface WebhookDeliveryRecord {
  _id: string;
  endpointId: string;
  /** `<log>:<seq>` of the event (or a generated id for test deliveries). */
  eventId: string;
  eventType: string;
  eventCursor: string | null;
  /** The event log (`orders`, `fulfillment`, `inventory`, `test`). */
  log: string;
  /** Position in that log: orders the chain. */
  seq: number;
  /** endpoint + log + order (or stock level): deliveries of one chain go out in `seq` order. */
  chainKey: string;
  orderId: string | null;
  status: DeliveryStatus;
  attempts: number;
  /** `attempts` when the current round began (a redelivery starts a new round of maxAttempts). */
  roundStart: number;
  manualPending: boolean;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  /** Set while an attempt is in flight, so another worker does not send it at the same time. */
  leaseUntil: Date | null;
  deliveredAt: Date | null;
  requestId: string | null;
  payload: Record<string, unknown>;
  /**
   * Set when the endpoint's selection could not be resolved as the event was fanned out (its owner
   * was rate limited, the gateway was down): the sender resolves it before the first attempt that
   * can, so one owner's trouble delays only its own deliveries, never the log for everyone.
   */
  pendingSelection?: PendingSelection | null;
  attemptLog: WebhookAttemptRecord[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type WebhookDeliveryConnectionRecord = PageConnection<WebhookDeliveryRecord>;

const attemptSchema = new Schema<WebhookAttemptRecord>(
  {
    number: Number,
    requestId: String,
    at: Date,
    statusCode: { type: Number, default: null },
    error: { type: String, default: null },
    durationMs: Number,
    manual: Boolean,
  },
  { _id: false },
);

const deliverySchema = new Schema<WebhookDeliveryRecord>(
  {
    _id: String,
    endpointId: { type: String, required: true },
    eventId: { type: String, required: true },
    eventType: { type: String, required: true },
    eventCursor: { type: String, default: null },
    log: { type: String, required: true },
    seq: { type: Number, required: true },
    chainKey: { type: String, required: true },
    orderId: { type: String, default: null },
    status: { type: String, required: true },
    attempts: { type: Number, default: 0 },
    roundStart: { type: Number, default: 0 },
    manualPending: { type: Boolean, default: false },
    lastStatusCode: { type: Number, default: null },
    lastError: { type: String, default: null },
    nextAttemptAt: { type: Date, default: null },
    leaseUntil: { type: Date, default: null },
    deliveredAt: { type: Date, default: null },
    requestId: { type: String, default: null },
    payload: { type: Schema.Types.Mixed, required: true },
    pendingSelection: { type: Schema.Types.Mixed, default: null },
    attemptLog: { type: [attemptSchema], default: [] },
    version: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'webhook_deliveries', versionKey: false, minimize: false },
);
// Equality lookups only (FerretDB evaluates ranges over every document): the open deliveries, one
// chain, one endpoint's log.
deliverySchema.index({ status: 1 });
deliverySchema.index({ chainKey: 1 });
deliverySchema.index({ endpointId: 1, createdAt: -1 });

export type WebhookDeliveryModel = Model<WebhookDeliveryRecord>;

export function webhookDeliveryModel(connection: Connection): WebhookDeliveryModel {
  return (connection.models.WebhookDelivery as WebhookDeliveryModel | undefined) ?? connection.model<WebhookDeliveryRecord>('WebhookDelivery', deliverySchema);
}
