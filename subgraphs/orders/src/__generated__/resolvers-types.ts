import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { OrderRecord, OrderLineRecord, OrderConnectionRecord } from '../models/order.model';
import type { HoldRuleRecord } from '../models/hold-rule.model';
import type { EventPageRecord, StoredEvent } from '@oms/platform';
import type { OrdersContext } from '../context';
export type Maybe<T> = T | null | undefined;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A UTC instant, ISO-8601. */
  DateTime: { input: Date; output: Date | string; }
  JSON: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type ChannelSettings = {
  __typename?: 'ChannelSettings';
  /** Inventory allocation strategy name (see Query.allocationStrategies). */
  allocationStrategy: Scalars['String']['output'];
  /** Ship the reserved part of a backordered order now (true) or wait until all of it is reserved. */
  allowPartialShipment: Scalars['Boolean']['output'];
  /** Capture the authorised payment when the order ships. */
  captureOnShipment: Scalars['Boolean']['output'];
  channel: Scalars['String']['output'];
};

export type ChannelSettingsInput = {
  allocationStrategy?: InputMaybe<Scalars['String']['input']>;
  allowPartialShipment?: InputMaybe<Scalars['Boolean']['input']>;
  captureOnShipment?: InputMaybe<Scalars['Boolean']['input']>;
  channel: Scalars['String']['input'];
};

export type Customer = {
  __typename?: 'Customer';
  id: Scalars['ID']['output'];
  /** This customer's orders, newest placed first. */
  orders: OrderConnection;
};


export type CustomerOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<OrderStatus>>;
};

/** When the channel promised the customer the order ships and arrives. */
export type DeliveryPromise = {
  __typename?: 'DeliveryPromise';
  earliestShipAt?: Maybe<Scalars['DateTime']['output']>;
  latestDeliveryAt?: Maybe<Scalars['DateTime']['output']>;
  latestShipAt?: Maybe<Scalars['DateTime']['output']>;
};

export type DeliveryPromiseInput = {
  earliestShipAt?: InputMaybe<Scalars['DateTime']['input']>;
  latestDeliveryAt?: InputMaybe<Scalars['DateTime']['input']>;
  latestShipAt?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A state change: `domain.entity.verb`, about one aggregate. */
export type DomainEvent = {
  __typename?: 'DomainEvent';
  actor: Scalars['String']['output'];
  aggregateId: Scalars['String']['output'];
  aggregateType: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  cursor: Scalars['String']['output'];
  payload: Scalars['JSON']['output'];
  type: Scalars['String']['output'];
};

/** One page of a subgraph's durable event log. */
export type EventPage = {
  __typename?: 'EventPage';
  /** Pass as `after` to continue; null when the log is empty. */
  cursor?: Maybe<Scalars['String']['output']>;
  events: Array<DomainEvent>;
  hasMore: Scalars['Boolean']['output'];
};

export type HoldRule = {
  __typename?: 'HoldRule';
  /** json-rules-engine conditions over facts: total, currency, countryCode, channel, customerTier, email, lineCount, quantity. */
  conditions: Scalars['JSON']['output'];
  enabled: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Shown in Order.holdReasons when the rule matches. */
  reason: Scalars['String']['output'];
};

export type HoldRuleInput = {
  conditions: Scalars['JSON']['input'];
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
  reason: Scalars['String']['input'];
};

/** An error of one imported order, as placeOrder would have raised it. */
export type ImportOrderError = {
  __typename?: 'ImportOrderError';
  /** BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, CONFLICT, UNAVAILABLE, INTERNAL_SERVER_ERROR... */
  code: Scalars['String']['output'];
  /** The offending input field, indexed by the order's position: `input[3].lines[0].sku`. */
  field?: Maybe<Scalars['String']['output']>;
  message: Scalars['String']['output'];
  /** UNAVAILABLE (a busy peer or order): the order may be sent again after this many seconds. */
  retryAfterSeconds?: Maybe<Scalars['Int']['output']>;
};

export type ImportOrderOutcome =
  /** Placed by this call. */
  | 'CREATED'
  /** The hub already had it (same channel + channelOrderId or idempotencyKey); nothing was written. */
  | 'EXISTING'
  /** Refused; nothing was written for it. The other orders of the batch are not affected. */
  | 'FAILED';

export type ImportOrderResult = {
  __typename?: 'ImportOrderResult';
  channel: Scalars['String']['output'];
  channelOrderId?: Maybe<Scalars['String']['output']>;
  /** Why this order was refused (FAILED); null otherwise. */
  error?: Maybe<ImportOrderError>;
  /** Position of the order in the input list. */
  index: Scalars['Int']['output'];
  /** The hub's order (CREATED, EXISTING); null when FAILED. */
  order?: Maybe<Order>;
  outcome: ImportOrderOutcome;
};

/** What importOrders did with a batch: one result per input order, in input order. */
export type ImportOrdersResult = {
  __typename?: 'ImportOrdersResult';
  created: Scalars['Int']['output'];
  existing: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  results: Array<ImportOrderResult>;
};

export type InventoryItem = {
  __typename?: 'InventoryItem';
  sku: Scalars['String']['output'];
};

/** An amount in minor units (cents) of an ISO-4217 currency. */
export type Money = {
  __typename?: 'Money';
  amount: Scalars['Int']['output'];
  currency: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Records a payment authorisation as the provider reported it. */
  authorizePayment: Order;
  /** Cancels what has not shipped: releases reservations and cancels unshipped shipments. */
  cancelOrder: Order;
  /**
   * Cancels some units of some lines (those not shipped); the order continues with the rest. A repeat
   * with the same idempotencyKey (a retry after a timeout) returns the order and cancels nothing more.
   */
  cancelOrderLines: Order;
  /**
   * Records a capture (PAID once captured in full). Idempotent on input.reference, the provider's
   * capture id (required): a retry returns the order and captures nothing more.
   */
  capturePayment: Order;
  deleteHoldRule: Scalars['Boolean']['output'];
  /**
   * Imports a batch of orders (at most 250; more is BAD_USER_INPUT on `input`), each validated,
   * authorised and placed like placeOrder, idempotent per channel + channelOrderId and idempotencyKey.
   * Answers one result per order, in input order: CREATED, EXISTING (imported before, or a repeat
   * within the batch: nothing new is written) or FAILED with that order's error alone.
   */
  importOrders: ImportOrdersResult;
  /**
   * The channel authorised payment for an order placed with awaitingPayment: removes that hold. The
   * order goes on to allocation unless other hold reasons remain; a no-op once the hold is gone.
   */
  markOrderPayable: Order;
  /**
   * Validates and stores an order. Idempotent: a repeat with the same idempotencyKey, or the same
   * channel + channelOrderId, returns the first order and creates nothing.
   */
  placeOrder: Order;
  /**
   * Records a refund for returned units: lines at their unit price plus proportional tax, shipping when
   * asked. Never more than was paid minus earlier refunds. Idempotent on returnId.
   */
  recordRefund: Refund;
  /** Re-derives the status from the order's shipments and allocation. Safe to call any time. */
  refreshOrderStatus: Order;
  /** ON_HOLD → continues allocation. */
  releaseHold: Order;
  upsertChannelSettings: ChannelSettings;
  /** Creates or replaces a hold rule (a json-rules-engine condition over order facts). */
  upsertHoldRule: HoldRule;
  /** Voids an authorisation that was not captured. */
  voidPayment: Order;
};


export type MutationAuthorizePaymentArgs = {
  input: PaymentInput;
};


export type MutationCancelOrderArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationCancelOrderLinesArgs = {
  id: Scalars['ID']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  lines: Array<OrderLineQuantityInput>;
  reason: Scalars['String']['input'];
};


export type MutationCapturePaymentArgs = {
  input: PaymentInput;
};


export type MutationDeleteHoldRuleArgs = {
  id: Scalars['ID']['input'];
};


export type MutationImportOrdersArgs = {
  input: Array<PlaceOrderInput>;
};


export type MutationMarkOrderPayableArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPlaceOrderArgs = {
  input: PlaceOrderInput;
};


export type MutationRecordRefundArgs = {
  input: RecordRefundInput;
};


export type MutationRefreshOrderStatusArgs = {
  id: Scalars['ID']['input'];
};


export type MutationReleaseHoldArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpsertChannelSettingsArgs = {
  input: ChannelSettingsInput;
};


export type MutationUpsertHoldRuleArgs = {
  input: HoldRuleInput;
};


export type MutationVoidPaymentArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};

export type Order = {
  __typename?: 'Order';
  /** Units reserved or shipped per SKU and location. */
  allocations: Array<OrderAllocation>;
  amountAuthorized: Money;
  amountPaid: Money;
  amountRefunded: Money;
  /** Placed before the channel authorised payment; held until markOrderPayable. */
  awaitingPayment: Scalars['Boolean']['output'];
  /** Units still waiting for stock. */
  backorderedQuantity: Scalars['Int']['output'];
  billingAddress?: Maybe<OrderAddress>;
  cancellationReason?: Maybe<Scalars['String']['output']>;
  /** Sales channel the order came from (web, pos, shopify, amazon...). */
  channel: Scalars['String']['output'];
  /** The order's id on its channel; the hub's number for orders without one. */
  channelOrderId: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  currency: Scalars['String']['output'];
  customer: Customer;
  email: Scalars['String']['output'];
  /** Who ships it: the merchant's locations, or the channel from its own stock (then never allocated here). */
  fulfilledBy: OrderFulfiller;
  /** What happened to this order, oldest first. */
  history: Array<OrderHistoryEntry>;
  /** Why the order is ON_HOLD (names of the matching rules, or that payment is awaited on the channel). */
  holdReasons: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  lines: Array<OrderLine>;
  note?: Maybe<Scalars['String']['output']>;
  /** Human-readable order number, e.g. OMS-000042. */
  number: Scalars['String']['output'];
  paymentStatus: PaymentStatus;
  payments: Array<Payment>;
  placedAt: Scalars['DateTime']['output'];
  /** Higher is served first when stock is short. */
  priority: Scalars['Int']['output'];
  /** The channel's delivery promise; its shipments carry it. */
  promise?: Maybe<DeliveryPromise>;
  /** B2B: the buyer's purchase-order number. */
  purchaseOrderNumber?: Maybe<Scalars['String']['output']>;
  refunds: Array<Refund>;
  shippingAddress: OrderAddress;
  status: OrderStatus;
  tags: Array<Scalars['String']['output']>;
  totals: OrderTotals;
  updatedAt: Scalars['DateTime']['output'];
};

export type OrderAddress = {
  __typename?: 'OrderAddress';
  city: Scalars['String']['output'];
  company?: Maybe<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-2. */
  countryCode: Scalars['String']['output'];
  lat?: Maybe<Scalars['Float']['output']>;
  line1: Scalars['String']['output'];
  line2?: Maybe<Scalars['String']['output']>;
  lng?: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
  phone?: Maybe<Scalars['String']['output']>;
  postalCode?: Maybe<Scalars['String']['output']>;
  region?: Maybe<Scalars['String']['output']>;
};

export type OrderAddressInput = {
  city: Scalars['String']['input'];
  company?: InputMaybe<Scalars['String']['input']>;
  countryCode: Scalars['String']['input'];
  lat?: InputMaybe<Scalars['Float']['input']>;
  line1: Scalars['String']['input'];
  line2?: InputMaybe<Scalars['String']['input']>;
  lng?: InputMaybe<Scalars['Float']['input']>;
  name: Scalars['String']['input'];
  phone?: InputMaybe<Scalars['String']['input']>;
  postalCode?: InputMaybe<Scalars['String']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
};

export type OrderAllocation = {
  __typename?: 'OrderAllocation';
  locationId: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
  sku: Scalars['String']['output'];
};

export type OrderConnection = {
  __typename?: 'OrderConnection';
  edges: Array<OrderEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type OrderCustomerInput = {
  email: Scalars['String']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
};

/** How many orders a channel took on one UTC day. */
export type OrderDayCount = {
  __typename?: 'OrderDayCount';
  channel: Scalars['String']['output'];
  count: Scalars['Int']['output'];
  /** YYYY-MM-DD (UTC). */
  day: Scalars['String']['output'];
};

export type OrderEdge = {
  __typename?: 'OrderEdge';
  cursor: Scalars['String']['output'];
  node: Order;
};

export type OrderFilter = {
  channel?: InputMaybe<Array<Scalars['String']['input']>>;
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** Orders with units allocated (reserved or shipped) at this location. Back office only: allocations are internal. */
  locationId?: InputMaybe<Scalars['ID']['input']>;
  placedFrom?: InputMaybe<Scalars['DateTime']['input']>;
  placedTo?: InputMaybe<Scalars['DateTime']['input']>;
  purchaseOrderNumber?: InputMaybe<Scalars['String']['input']>;
  /** Exact order number, channel order id, customer e-mail or purchase-order number. */
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<OrderStatus>>;
};

export type OrderFulfiller =
  /** The channel ships it from its own stock (Amazon FBA, eBay managed shipping). */
  | 'CHANNEL'
  | 'MERCHANT';

export type OrderHistoryEntry = {
  __typename?: 'OrderHistoryEntry';
  actor: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  /** Position in the orders event log; resumable with orderEvents(after:). */
  cursor?: Maybe<Scalars['String']['output']>;
  fromStatus?: Maybe<OrderStatus>;
  note?: Maybe<Scalars['String']['output']>;
  toStatus?: Maybe<OrderStatus>;
  /** Event type, e.g. orders.order.placed. */
  type: Scalars['String']['output'];
};

export type OrderLine = {
  __typename?: 'OrderLine';
  id: Scalars['ID']['output'];
  item: InventoryItem;
  name?: Maybe<Scalars['String']['output']>;
  quantity: Scalars['Int']['output'];
  sku: Scalars['String']['output'];
  /** Tax for the whole line. */
  tax: Money;
  /** quantity × unitPrice. */
  total: Money;
  unitPrice: Money;
};

export type OrderLineInput = {
  name?: InputMaybe<Scalars['String']['input']>;
  quantity: Scalars['Int']['input'];
  sku: Scalars['String']['input'];
  /** Tax for the whole line in minor units. */
  tax?: InputMaybe<Scalars['Int']['input']>;
  /** Price of one unit in minor units. */
  unitPrice: Scalars['Int']['input'];
};

export type OrderLineQuantityInput = {
  quantity: Scalars['Int']['input'];
  sku: Scalars['String']['input'];
};

export type OrderStatus =
  | 'ALLOCATED'
  | 'BACKORDERED'
  | 'CANCELLED'
  /** Shipped by the channel from its own stock (fulfilledBy CHANNEL): kept for visibility, never allocated here. */
  | 'CHANNEL_FULFILLED'
  | 'DELIVERED'
  | 'ON_HOLD'
  | 'PARTIALLY_SHIPPED'
  | 'PENDING'
  | 'SHIPPED';

/** An order moved to a new status. */
export type OrderStatusEvent = {
  __typename?: 'OrderStatusEvent';
  at: Scalars['DateTime']['output'];
  /** Position in the orders event log: pass as `after` to resume after this event. */
  cursor: Scalars['String']['output'];
  /** The order as it is when the event is delivered. */
  order: Order;
  /** Null for a newly placed order. */
  previousStatus?: Maybe<OrderStatus>;
  status: OrderStatus;
};

export type OrderTotals = {
  __typename?: 'OrderTotals';
  discount: Money;
  shipping: Money;
  subtotal: Money;
  tax: Money;
  /** subtotal + shipping + tax - discount. */
  total: Money;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Payment = {
  __typename?: 'Payment';
  amount: Money;
  at: Scalars['DateTime']['output'];
  kind: PaymentKind;
  provider?: Maybe<Scalars['String']['output']>;
  /** The provider's reference for this payment. */
  reference?: Maybe<Scalars['String']['output']>;
};

export type PaymentInput = {
  /** Minor units. */
  amount: Scalars['Int']['input'];
  orderId: Scalars['ID']['input'];
  provider?: InputMaybe<Scalars['String']['input']>;
  reference?: InputMaybe<Scalars['String']['input']>;
};

export type PaymentKind =
  | 'AUTHORIZATION'
  | 'CAPTURE'
  | 'VOID';

export type PaymentStatus =
  | 'AUTHORIZED'
  | 'PAID'
  | 'PARTIALLY_REFUNDED'
  | 'PENDING'
  | 'REFUNDED'
  | 'VOIDED';

export type PlaceOrderInput = {
  /** The channel has not authorised payment yet (e.g. Amazon Pending): the order is held until markOrderPayable. */
  awaitingPayment?: InputMaybe<Scalars['Boolean']['input']>;
  billingAddress?: InputMaybe<OrderAddressInput>;
  channel: Scalars['String']['input'];
  /** The order's id on its channel; unique per channel. */
  channelOrderId?: InputMaybe<Scalars['String']['input']>;
  /** ISO-4217, e.g. EUR. */
  currency: Scalars['String']['input'];
  customer?: InputMaybe<OrderCustomerInput>;
  /** An existing customer; or give customer to find or create one by email. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** Minor units. */
  discount?: InputMaybe<Scalars['Int']['input']>;
  fulfilledBy?: InputMaybe<OrderFulfiller>;
  /** A repeat with the same key returns the first order. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  lines: Array<OrderLineInput>;
  note?: InputMaybe<Scalars['String']['input']>;
  /** When the customer placed it on the channel; defaults to now. */
  placedAt?: InputMaybe<Scalars['DateTime']['input']>;
  priority?: InputMaybe<Scalars['Int']['input']>;
  promise?: InputMaybe<DeliveryPromiseInput>;
  /** B2B: the buyer's purchase-order number (EDI 850 BEG03). */
  purchaseOrderNumber?: InputMaybe<Scalars['String']['input']>;
  shippingAddress: OrderAddressInput;
  /** Minor units. */
  shippingPrice?: InputMaybe<Scalars['Int']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type Query = {
  __typename?: 'Query';
  /** Per-channel order handling: allocation strategy, partial shipping, capture on shipment. */
  channelSettings: Array<ChannelSettings>;
  /** Rules that put new orders ON_HOLD. */
  holdRules: Array<HoldRule>;
  /** An order by id; null when no such order exists. */
  order?: Maybe<Order>;
  /** The order imported from a channel; null when it has not been imported. */
  orderByChannel?: Maybe<Order>;
  /**
   * Orders placed per channel per UTC day in [from, to) (at most 92 days), exact, in the caller's
   * scope; only days and channels with orders are listed, oldest day first.
   */
  orderCountsByDay: Array<OrderDayCount>;
  /** The orders event log, oldest first, from a cursor (exclusive). */
  orderEvents: EventPage;
  /** Orders, newest placed first. */
  orders: OrderConnection;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrderByChannelArgs = {
  channel: Scalars['String']['input'];
  channelOrderId: Scalars['String']['input'];
};


export type QueryOrderCountsByDayArgs = {
  channel?: InputMaybe<Array<Scalars['String']['input']>>;
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


export type QueryOrderEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type QueryOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OrderFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type RecordRefundInput = {
  includeShipping?: InputMaybe<Scalars['Boolean']['input']>;
  lines: Array<OrderLineQuantityInput>;
  orderId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  /**
   * The received return (Return.id) whose units are refunded: never more units than it brought back.
   * Without a return: `manual:<your reference>` with a reason (ADMIN or STAFF only), recorded in the history.
   */
  returnId: Scalars['String']['input'];
};

export type Refund = {
  __typename?: 'Refund';
  amount: Money;
  at: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  returnId: Scalars['String']['output'];
  /** Part of the amount that is shipping. */
  shipping: Money;
};

/**
 * Live events, served by the gateway over graphql-ws on /graphql (this subgraph never executes them).
 * Select any field of the graph under `order`: it is resolved when the event is delivered.
 */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Every order status change in the caller's scope (a partner's channels, a customer's own orders),
   * oldest first. `after`: a cursor of an earlier event; every change after it is replayed first.
   */
  orderStatusChanged: OrderStatusEvent;
};


/**
 * Live events, served by the gateway over graphql-ws on /graphql (this subgraph never executes them).
 * Select any field of the graph under `order`: it is resolved when the event is delivered.
 */
export type SubscriptionOrderStatusChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  channel?: InputMaybe<Scalars['String']['input']>;
  orderId?: InputMaybe<Scalars['ID']['input']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Customer: Customer;
  Order: Order;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Customer:
    ( { __typename: 'Customer' }
    & GraphQLRecursivePick<FederationTypes['Customer'], {"id":true}> );
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ChannelSettings: ResolverTypeWrapper<ChannelSettings>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ChannelSettingsInput: ChannelSettingsInput;
  Customer: ResolverTypeWrapper<Omit<Customer, 'orders'> & { orders: ResolversTypes['OrderConnection'] }>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeliveryPromise: ResolverTypeWrapper<DeliveryPromise>;
  DeliveryPromiseInput: DeliveryPromiseInput;
  DomainEvent: ResolverTypeWrapper<StoredEvent>;
  EventPage: ResolverTypeWrapper<EventPageRecord>;
  HoldRule: ResolverTypeWrapper<HoldRuleRecord>;
  HoldRuleInput: HoldRuleInput;
  ImportOrderError: ResolverTypeWrapper<ImportOrderError>;
  ImportOrderOutcome: ImportOrderOutcome;
  ImportOrderResult: ResolverTypeWrapper<Omit<ImportOrderResult, 'order'> & { order?: Maybe<ResolversTypes['Order']> }>;
  ImportOrdersResult: ResolverTypeWrapper<Omit<ImportOrdersResult, 'results'> & { results: Array<ResolversTypes['ImportOrderResult']> }>;
  InventoryItem: ResolverTypeWrapper<InventoryItem>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Money: ResolverTypeWrapper<Money>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<OrderRecord>;
  OrderAddress: ResolverTypeWrapper<OrderAddress>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  OrderAddressInput: OrderAddressInput;
  OrderAllocation: ResolverTypeWrapper<OrderAllocation>;
  OrderConnection: ResolverTypeWrapper<OrderConnectionRecord>;
  OrderCustomerInput: OrderCustomerInput;
  OrderDayCount: ResolverTypeWrapper<OrderDayCount>;
  OrderEdge: ResolverTypeWrapper<Omit<OrderEdge, 'node'> & { node: ResolversTypes['Order'] }>;
  OrderFilter: OrderFilter;
  OrderFulfiller: OrderFulfiller;
  OrderHistoryEntry: ResolverTypeWrapper<OrderHistoryEntry>;
  OrderLine: ResolverTypeWrapper<OrderLineRecord>;
  OrderLineInput: OrderLineInput;
  OrderLineQuantityInput: OrderLineQuantityInput;
  OrderStatus: OrderStatus;
  OrderStatusEvent: ResolverTypeWrapper<Omit<OrderStatusEvent, 'order'> & { order: ResolversTypes['Order'] }>;
  OrderTotals: ResolverTypeWrapper<OrderTotals>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Payment: ResolverTypeWrapper<Payment>;
  PaymentInput: PaymentInput;
  PaymentKind: PaymentKind;
  PaymentStatus: PaymentStatus;
  PlaceOrderInput: PlaceOrderInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordRefundInput: RecordRefundInput;
  Refund: ResolverTypeWrapper<Refund>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ChannelSettings: ChannelSettings;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
  ChannelSettingsInput: ChannelSettingsInput;
  Customer: Omit<Customer, 'orders'> & { orders: ResolversParentTypes['OrderConnection'] } | FederationReferenceTypes['Customer'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  DateTime: Scalars['DateTime']['output'];
  DeliveryPromise: DeliveryPromise;
  DeliveryPromiseInput: DeliveryPromiseInput;
  DomainEvent: StoredEvent;
  EventPage: EventPageRecord;
  HoldRule: HoldRuleRecord;
  HoldRuleInput: HoldRuleInput;
  ImportOrderError: ImportOrderError;
  ImportOrderResult: Omit<ImportOrderResult, 'order'> & { order?: Maybe<ResolversParentTypes['Order']> };
  ImportOrdersResult: Omit<ImportOrdersResult, 'results'> & { results: Array<ResolversParentTypes['ImportOrderResult']> };
  InventoryItem: InventoryItem;
  JSON: Scalars['JSON']['output'];
  Money: Money;
  Mutation: Record<PropertyKey, never>;
  Order: OrderRecord;
  OrderAddress: OrderAddress;
  Float: Scalars['Float']['output'];
  OrderAddressInput: OrderAddressInput;
  OrderAllocation: OrderAllocation;
  OrderConnection: OrderConnectionRecord;
  OrderCustomerInput: OrderCustomerInput;
  OrderDayCount: OrderDayCount;
  OrderEdge: Omit<OrderEdge, 'node'> & { node: ResolversParentTypes['Order'] };
  OrderFilter: OrderFilter;
  OrderHistoryEntry: OrderHistoryEntry;
  OrderLine: OrderLineRecord;
  OrderLineInput: OrderLineInput;
  OrderLineQuantityInput: OrderLineQuantityInput;
  OrderStatusEvent: Omit<OrderStatusEvent, 'order'> & { order: ResolversParentTypes['Order'] };
  OrderTotals: OrderTotals;
  PageInfo: PageInfo;
  Payment: Payment;
  PaymentInput: PaymentInput;
  PlaceOrderInput: PlaceOrderInput;
  Query: Record<PropertyKey, never>;
  RecordRefundInput: RecordRefundInput;
  Refund: Refund;
  Subscription: Record<PropertyKey, never>;
};

export type ChannelSettingsResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['ChannelSettings'] = ResolversParentTypes['ChannelSettings']> = {
  allocationStrategy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  allowPartialShipment?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  captureOnShipment?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CustomerResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Customer'] = ResolversParentTypes['Customer'], FederationReferenceType extends FederationReferenceTypes['Customer'] = FederationReferenceTypes['Customer']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Customer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<CustomerOrdersArgs, 'first'>>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeliveryPromiseResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['DeliveryPromise'] = ResolversParentTypes['DeliveryPromise']> = {
  earliestShipAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  latestDeliveryAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  latestShipAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type DomainEventResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['DomainEvent'] = ResolversParentTypes['DomainEvent']> = {
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  aggregateId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  aggregateType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  payload?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EventPageResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['EventPage'] = ResolversParentTypes['EventPage']> = {
  cursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['DomainEvent']>, ParentType, ContextType>;
  hasMore?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type HoldRuleResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['HoldRule'] = ResolversParentTypes['HoldRule']> = {
  conditions?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImportOrderErrorResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['ImportOrderError'] = ResolversParentTypes['ImportOrderError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retryAfterSeconds?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type ImportOrderResultResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['ImportOrderResult'] = ResolversParentTypes['ImportOrderResult']> = {
  channel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  channelOrderId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['ImportOrderError']>, ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['ImportOrderOutcome'], ParentType, ContextType>;
};

export type ImportOrdersResultResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['ImportOrdersResult'] = ResolversParentTypes['ImportOrdersResult']> = {
  created?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  existing?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  results?: Resolver<Array<ResolversTypes['ImportOrderResult']>, ParentType, ContextType>;
};

export type InventoryItemResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['InventoryItem'] = ResolversParentTypes['InventoryItem']> = {
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MoneyResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  authorizePayment?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationAuthorizePaymentArgs, 'input'>>;
  cancelOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationCancelOrderArgs, 'id' | 'reason'>>;
  cancelOrderLines?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationCancelOrderLinesArgs, 'id' | 'lines' | 'reason'>>;
  capturePayment?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationCapturePaymentArgs, 'input'>>;
  deleteHoldRule?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteHoldRuleArgs, 'id'>>;
  importOrders?: Resolver<ResolversTypes['ImportOrdersResult'], ParentType, ContextType, RequireFields<MutationImportOrdersArgs, 'input'>>;
  markOrderPayable?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationMarkOrderPayableArgs, 'id'>>;
  placeOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationPlaceOrderArgs, 'input'>>;
  recordRefund?: Resolver<ResolversTypes['Refund'], ParentType, ContextType, RequireFields<MutationRecordRefundArgs, 'input'>>;
  refreshOrderStatus?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationRefreshOrderStatusArgs, 'id'>>;
  releaseHold?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationReleaseHoldArgs, 'id'>>;
  upsertChannelSettings?: Resolver<ResolversTypes['ChannelSettings'], ParentType, ContextType, RequireFields<MutationUpsertChannelSettingsArgs, 'input'>>;
  upsertHoldRule?: Resolver<ResolversTypes['HoldRule'], ParentType, ContextType, RequireFields<MutationUpsertHoldRuleArgs, 'input'>>;
  voidPayment?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationVoidPaymentArgs, 'id' | 'reason'>>;
};

export type OrderResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  allocations?: Resolver<Array<ResolversTypes['OrderAllocation']>, ParentType, ContextType>;
  amountAuthorized?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  amountPaid?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  amountRefunded?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  awaitingPayment?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  backorderedQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  billingAddress?: Resolver<Maybe<ResolversTypes['OrderAddress']>, ParentType, ContextType>;
  cancellationReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  channelOrderId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  customer?: Resolver<ResolversTypes['Customer'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fulfilledBy?: Resolver<ResolversTypes['OrderFulfiller'], ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['OrderHistoryEntry']>, ParentType, ContextType>;
  holdReasons?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['OrderLine']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  number?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  paymentStatus?: Resolver<ResolversTypes['PaymentStatus'], ParentType, ContextType>;
  payments?: Resolver<Array<ResolversTypes['Payment']>, ParentType, ContextType>;
  placedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  promise?: Resolver<Maybe<ResolversTypes['DeliveryPromise']>, ParentType, ContextType>;
  purchaseOrderNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  refunds?: Resolver<Array<ResolversTypes['Refund']>, ParentType, ContextType>;
  shippingAddress?: Resolver<ResolversTypes['OrderAddress'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['OrderTotals'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type OrderAddressResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderAddress'] = ResolversParentTypes['OrderAddress']> = {
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  company?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  countryCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lat?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  line1?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line2?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lng?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  postalCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type OrderAllocationResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderAllocation'] = ResolversParentTypes['OrderAllocation']> = {
  locationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type OrderConnectionResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderConnection'] = ResolversParentTypes['OrderConnection']> = {
  edges?: Resolver<Array<ResolversTypes['OrderEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type OrderDayCountResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderDayCount'] = ResolversParentTypes['OrderDayCount']> = {
  channel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  day?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type OrderEdgeResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderEdge'] = ResolversParentTypes['OrderEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
};

export type OrderHistoryEntryResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderHistoryEntry'] = ResolversParentTypes['OrderHistoryEntry']> = {
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fromStatus?: Resolver<Maybe<ResolversTypes['OrderStatus']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  toStatus?: Resolver<Maybe<ResolversTypes['OrderStatus']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type OrderLineResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderLine'] = ResolversParentTypes['OrderLine']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  item?: Resolver<ResolversTypes['InventoryItem'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tax?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type OrderStatusEventResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderStatusEvent'] = ResolversParentTypes['OrderStatusEvent']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  previousStatus?: Resolver<Maybe<ResolversTypes['OrderStatus']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
};

export type OrderTotalsResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderTotals'] = ResolversParentTypes['OrderTotals']> = {
  discount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  shipping?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  subtotal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  tax?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PaymentResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Payment'] = ResolversParentTypes['Payment']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PaymentKind'], ParentType, ContextType>;
  provider?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  channelSettings?: Resolver<Array<ResolversTypes['ChannelSettings']>, ParentType, ContextType>;
  holdRules?: Resolver<Array<ResolversTypes['HoldRule']>, ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderArgs, 'id'>>;
  orderByChannel?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderByChannelArgs, 'channel' | 'channelOrderId'>>;
  orderCountsByDay?: Resolver<Array<ResolversTypes['OrderDayCount']>, ParentType, ContextType, RequireFields<QueryOrderCountsByDayArgs, 'from' | 'to'>>;
  orderEvents?: Resolver<ResolversTypes['EventPage'], ParentType, ContextType, RequireFields<QueryOrderEventsArgs, 'first'>>;
  orders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<QueryOrdersArgs, 'first'>>;
};

export type RefundResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Refund'] = ResolversParentTypes['Refund']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  returnId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  shipping?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  orderStatusChanged?: SubscriptionResolver<ResolversTypes['OrderStatusEvent'], "orderStatusChanged", ParentType, ContextType, Partial<SubscriptionOrderStatusChangedArgs>>;
};

export type Resolvers<ContextType = OrdersContext> = {
  ChannelSettings?: ChannelSettingsResolvers<ContextType>;
  Customer?: CustomerResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeliveryPromise?: DeliveryPromiseResolvers<ContextType>;
  DomainEvent?: DomainEventResolvers<ContextType>;
  EventPage?: EventPageResolvers<ContextType>;
  HoldRule?: HoldRuleResolvers<ContextType>;
  ImportOrderError?: ImportOrderErrorResolvers<ContextType>;
  ImportOrderResult?: ImportOrderResultResolvers<ContextType>;
  ImportOrdersResult?: ImportOrdersResultResolvers<ContextType>;
  InventoryItem?: InventoryItemResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderAddress?: OrderAddressResolvers<ContextType>;
  OrderAllocation?: OrderAllocationResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderDayCount?: OrderDayCountResolvers<ContextType>;
  OrderEdge?: OrderEdgeResolvers<ContextType>;
  OrderHistoryEntry?: OrderHistoryEntryResolvers<ContextType>;
  OrderLine?: OrderLineResolvers<ContextType>;
  OrderStatusEvent?: OrderStatusEventResolvers<ContextType>;
  OrderTotals?: OrderTotalsResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Payment?: PaymentResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Refund?: RefundResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
};

