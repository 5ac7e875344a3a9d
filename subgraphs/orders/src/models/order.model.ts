// Order records: lines, totals and history embedded in one document so an order reads in one query.
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Connection as Page } from '@oms/platform';

export const ORDER_STATUSES = ['PENDING', 'ON_HOLD', 'BACKORDERED', 'ALLOCATED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const PAYMENT_STATUSES = ['PENDING', 'AUTHORIZED', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

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

export interface OrderHistoryRecord {
  at: Date;
  type: string;
  fromStatus?: OrderStatus | null;
  toStatus?: OrderStatus | null;
  note?: string | null;
  actor: string;
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
  history: OrderHistoryRecord[];
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
  quantity: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
  unitPrice: amount,
  tax: amount,
  total: amount,
});

const historySchema = new Schema<OrderHistoryRecord>(
  {
    at: { type: Date, required: true },
    type: { type: String, required: true },
    fromStatus: { type: String, enum: ORDER_STATUSES },
    toStatus: { type: String, enum: ORDER_STATUSES },
    note: String,
    actor: { type: String, required: true },
  },
  { _id: false },
);

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
    history: { type: [historySchema], default: [] },
  },
  { timestamps: true, collection: 'orders' },
);

// Uniqueness: the order number backstops the in-process lock (FerretDB v1 can lose concurrent $inc);
// the idempotency key and the channel's own id make placeOrder safe to repeat.
orderSchema.index({ number: 1 }, { unique: true });
orderSchema.index({ idempotencyKey: 1 }, { unique: true });
orderSchema.index({ channel: 1, channelOrderId: 1 }, { unique: true });
// Query paths, all newest placed first with _id as the tie-breaker (keyset pagination):
// orders() unfiltered, by status, by channel, by customer (also Customer.orders).
orderSchema.index({ placedAt: -1, _id: -1 });
orderSchema.index({ status: 1, placedAt: -1, _id: -1 });
orderSchema.index({ channel: 1, placedAt: -1, _id: -1 });
orderSchema.index({ customerId: 1, placedAt: -1, _id: -1 });

export function orderModel(connection: Connection): OrderModel {
  return (connection.models.Order as OrderModel | undefined) ?? connection.model<OrderRecord>('Order', orderSchema);
}
