// Order records: lines, totals, allocation, payments and refunds embedded in one document so an
// order reads in one query and every change is one single-document update (with its events pushed
// onto `outbox` in that same update; see services/order-writer.ts).
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Connection as Page, OutboxEvent } from '@oms/platform';

export const ORDER_STATUSES = ['PENDING', 'ON_HOLD', 'BACKORDERED', 'ALLOCATED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'CHANNEL_FULFILLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const PAYMENT_STATUSES = ['PENDING', 'AUTHORIZED', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const CUSTOMER_TIERS = ['STANDARD', 'SILVER', 'GOLD', 'VIP'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];
/** Backorders are served by tier after priority: VIP first. */
export const TIER_RANK: Readonly<Record<CustomerTier, number>> = { STANDARD: 0, SILVER: 1, GOLD: 2, VIP: 3 };
/** MERCHANT: our locations ship it. CHANNEL: the marketplace ships it from its own stock. */
export const ORDER_FULFILLERS = ['MERCHANT', 'CHANNEL'] as const;
export type OrderFulfiller = (typeof ORDER_FULFILLERS)[number];
/** The hold reason of an order placed before the channel authorised its payment (markOrderPayable lifts it). */
export const AWAITING_PAYMENT_HOLD = 'Awaiting payment on the channel';
export const PAYMENT_KINDS = ['AUTHORIZATION', 'CAPTURE', 'VOID'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/**
 * What the order still has to do with other subgraphs. `allocate` (reserve, sync shipments, store
 * the allocation), `refresh` (re-derive the status from shipments), `cancel` (cancel unshipped
 * shipments, release reservations) are resumed by the recovery loop until done; `hold` waits for
 * releaseHold. Hold rules run before the order is stored, so a held order never reserves anything.
 */
export const WORKFLOW_STEPS = ['allocate', 'refresh', 'cancel', 'hold', 'done'] as const;
export type WorkflowStep = (typeof WORKFLOW_STEPS)[number];
export const RESUMABLE_STEPS: readonly WorkflowStep[] = ['allocate', 'refresh', 'cancel'];

export interface OrderWorkflowRecord {
  step: WorkflowStep;
  /** Failed tries of the current step (reset when a step completes). */
  attempts: number;
  /** Lines were reduced: cancel unshipped shipments before syncing them with the allocation again. */
  resetShipments?: boolean;
  /** The recovery loop leaves the order alone until then (in-flight work, backoff after a failure). */
  nextAttemptAt: Date;
  lastError?: string | null;
}

/** Units of one SKU held for the order at one location, as Inventory last reported them. */
export interface OrderAllocationRecord {
  sku: string;
  locationId: string;
  reserved: number;
  shipped: number;
}

export interface PaymentRecord {
  kind: PaymentKind;
  amount: number;
  reference?: string | null;
  provider?: string | null;
  at: Date;
}

export interface RefundRecord {
  _id: Types.ObjectId;
  returnId: string;
  /** Total refunded, shipping included. */
  amount: number;
  shipping: number;
  reason?: string | null;
  lines: Array<{ sku: string; quantity: number; amount: number }>;
  at: Date;
}

/** A line as stored; amounts are integer minor units of the order's currency. */
export interface StoredOrderLine {
  _id: Types.ObjectId;
  sku: string;
  name?: string | null;
  quantity: number;
  unitPrice: number;
  /** Tax for the whole line. */
  tax: number;
  /** quantity × unitPrice. */
  total: number;
}

/** What OrderLine resolvers receive: a stored line plus its order's currency (Money needs it). */
export interface OrderLineRecord extends StoredOrderLine {
  currency: string;
}

export interface OrderAddressRecord {
  name: string;
  company?: string | null;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode?: string | null;
  countryCode: string;
  phone?: string | null;
  lat?: number | null;
  lng?: number | null;
}

export interface OrderTotalsRecord {
  subtotal: number;
  shipping: number;
  discount: number;
  tax: number;
  total: number;
}

export interface DeliveryPromiseRecord {
  earliestShipAt?: Date | null;
  latestShipAt?: Date | null;
  latestDeliveryAt?: Date | null;
}

export interface OrderRecord {
  _id: Types.ObjectId;
  number: string;
  /** Always set (generated when the caller gives none) so its unique index needs no partial filter. */
  idempotencyKey: string;
  channel: string;
  channelOrderId: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  /** Id of the customer in the customers subgraph (never joined locally). */
  customerId: string;
  email: string;
  currency: string;
  lines: StoredOrderLine[];
  shippingAddress: OrderAddressRecord;
  billingAddress?: OrderAddressRecord | null;
  totals: OrderTotalsRecord;
  priority: number;
  note?: string | null;
  tags: string[];
  placedAt: Date;
  holdReasons: string[];
  /** Placed before the channel authorised payment: AWAITING_PAYMENT_HOLD is among holdReasons. */
  awaitingPayment?: boolean;
  /** Absent on orders stored before it existed: MERCHANT. */
  fulfilledBy?: OrderFulfiller;
  promise?: DeliveryPromiseRecord | null;
  purchaseOrderNumber?: string | null;
  cancellationReason?: string | null;
  allocations: OrderAllocationRecord[];
  /**
   * The locations of `allocations`, derived on every write of them (below): orders(filter: {locationId}).
   * Absent on orders whose allocation was last written before it existed.
   */
  locationIds?: string[];
  backorderedQuantity: number;
  payments: PaymentRecord[];
  refunds: RefundRecord[];
  amountAuthorized: number;
  amountPaid: number;
  amountRefunded: number;
  customerTier: CustomerTier;
  tierRank: number;
  workflow: OrderWorkflowRecord;
  /** Events written with the change, not yet relayed to the event log. */
  outbox: OutboxEvent[];
  /** Incremented by every write: the compare-and-set guard of the next one. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type OrderConnectionRecord = Page<OrderRecord>;
export type OrderModel = Model<OrderRecord>;

const amount = { type: Number, required: true, min: 0, validate: Number.isSafeInteger };

const addressSchema = new Schema<OrderAddressRecord>(
  {
    name: { type: String, required: true },
    company: String,
    line1: { type: String, required: true },
    line2: String,
    city: { type: String, required: true },
    region: String,
    postalCode: String,
    countryCode: { type: String, required: true, match: /^[A-Z]{2}$/ },
    phone: String,
    lat: Number,
    lng: Number,
  },
  { _id: false },
);

const lineSchema = new Schema<StoredOrderLine>({
  sku: { type: String, required: true },
  name: String,
  // 0 once every unit of the line was cancelled (cancelOrderLines); the line stays for the record.
  quantity: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
  unitPrice: amount,
  tax: amount,
  total: amount,
});

const workflowSchema = new Schema<OrderWorkflowRecord>(
  {
    step: { type: String, enum: WORKFLOW_STEPS, required: true },
    attempts: { type: Number, required: true, default: 0 },
    resetShipments: Boolean,
    nextAttemptAt: { type: Date, required: true },
    lastError: String,
  },
  { _id: false },
);

const allocationSchema = new Schema<OrderAllocationRecord>(
  { sku: { type: String, required: true }, locationId: { type: String, required: true }, reserved: { type: Number, required: true }, shipped: { type: Number, required: true } },
  { _id: false },
);

const paymentSchema = new Schema<PaymentRecord>(
  { kind: { type: String, enum: PAYMENT_KINDS, required: true }, amount, reference: String, provider: String, at: { type: Date, required: true } },
  { _id: false },
);

const refundSchema = new Schema<RefundRecord>({
  returnId: { type: String, required: true },
  amount,
  shipping: amount,
  reason: String,
  lines: { type: [new Schema({ sku: String, quantity: Number, amount: Number }, { _id: false })], default: [] },
  at: { type: Date, required: true },
});

const orderSchema = new Schema<OrderRecord>(
  {
    number: { type: String, required: true },
    idempotencyKey: { type: String, required: true },
    channel: { type: String, required: true },
    channelOrderId: { type: String, required: true },
    status: { type: String, enum: ORDER_STATUSES, required: true, default: 'PENDING' },
    paymentStatus: { type: String, enum: PAYMENT_STATUSES, required: true, default: 'PENDING' },
    customerId: { type: String, required: true },
    email: { type: String, required: true },
    currency: { type: String, required: true },
    lines: { type: [lineSchema], required: true },
    shippingAddress: { type: addressSchema, required: true },
    billingAddress: { type: addressSchema, default: null },
    totals: {
      type: new Schema<OrderTotalsRecord>({ subtotal: amount, shipping: amount, discount: amount, tax: amount, total: amount }, { _id: false }),
      required: true,
    },
    priority: { type: Number, default: 0 },
    note: String,
    tags: { type: [String], default: [] },
    placedAt: { type: Date, required: true },
    holdReasons: { type: [String], default: [] },
    awaitingPayment: { type: Boolean, default: false },
    fulfilledBy: { type: String, enum: ORDER_FULFILLERS, default: 'MERCHANT' },
    promise: { type: new Schema<DeliveryPromiseRecord>({ earliestShipAt: Date, latestShipAt: Date, latestDeliveryAt: Date }, { _id: false }), default: null },
    purchaseOrderNumber: { type: String, default: null },
    cancellationReason: { type: String, default: null },
    allocations: { type: [allocationSchema], default: [] },
    locationIds: { type: [String], default: [] },
    backorderedQuantity: { type: Number, default: 0 },
    payments: { type: [paymentSchema], default: [] },
    refunds: { type: [refundSchema], default: [] },
    amountAuthorized: { type: Number, default: 0 },
    amountPaid: { type: Number, default: 0 },
    amountRefunded: { type: Number, default: 0 },
    customerTier: { type: String, enum: CUSTOMER_TIERS, default: 'STANDARD' },
    tierRank: { type: Number, default: 0 },
    workflow: { type: workflowSchema, default: () => ({ step: 'done', attempts: 0, nextAttemptAt: new Date(0) }) },
    // Mixed, not a sub-schema: the relay removes entries with `$pullAll` of the exact elements it
    // read, so nothing may be cast or given an `_id` on the way in.
    outbox: { type: [Schema.Types.Mixed] as never, default: [] },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'orders' },
);

// Uniqueness: the order number backstops the in-process lock (FerretDB v1 can lose concurrent $inc);
// the idempotency key and the channel's own id make placeOrder safe to repeat.
orderSchema.index({ number: 1 }, { unique: true });
orderSchema.index({ idempotencyKey: 1 }, { unique: true });
orderSchema.index({ channel: 1, channelOrderId: 1 }, { unique: true });
// Query paths, all newest placed first with _id as the tie-breaker (keyset pagination):
// orders() unfiltered, by status, by channel, by customer (also Customer.orders), by purchase order.
orderSchema.index({ placedAt: -1, _id: -1 });
orderSchema.index({ status: 1, placedAt: -1, _id: -1 });
orderSchema.index({ channel: 1, placedAt: -1, _id: -1 });
orderSchema.index({ customerId: 1, placedAt: -1, _id: -1 });
orderSchema.index({ purchaseOrderNumber: 1, placedAt: -1, _id: -1 });
// By location (an array: equality matches an element, which FerretDB pushes down like any other).
orderSchema.index({ locationIds: 1, placedAt: -1, _id: -1 });
// Search (orders(filter: {search})): by channel order id on any channel, by customer e-mail.
orderSchema.index({ channelOrderId: 1, placedAt: -1, _id: -1 });
orderSchema.index({ email: 1, placedAt: -1, _id: -1 });
// The recovery loop: unfinished workflows that are due.
orderSchema.index({ 'workflow.step': 1, 'workflow.nextAttemptAt': 1 });
// Backorders, in the order they are served: priority, then customer tier, then oldest first.
orderSchema.index({ backorderedQuantity: 1, priority: -1, tierRank: -1, placedAt: 1 });

/** Where an order's units are allocated (reserved or shipped), each location once. */
export function locationIdsOf(allocations: readonly OrderAllocationRecord[] | null | undefined): string[] {
  return [...new Set((allocations ?? []).filter((line) => line.reserved + line.shipped > 0).map((line) => line.locationId))];
}

// `locationIds` follows `allocations` wherever they are written (placement, allocation, cancellation
// all go through one findOneAndUpdate in OrderWriter, creation through save), so no writer has to
// remember it and a top-level equality filter can find orders by location.
orderSchema.pre('validate', function () {
  this.locationIds = locationIdsOf(this.allocations);
});
orderSchema.pre(['findOneAndUpdate', 'updateOne', 'updateMany'], function () {
  const update = this.getUpdate() as { $set?: Record<string, unknown> } | null;
  const allocations = update?.$set?.allocations;
  if (Array.isArray(allocations)) update!.$set!.locationIds = locationIdsOf(allocations as OrderAllocationRecord[]);
});

export function orderModel(connection: Connection): OrderModel {
  return (connection.models.Order as OrderModel | undefined) ?? connection.model<OrderRecord>('Order', orderSchema);
}
