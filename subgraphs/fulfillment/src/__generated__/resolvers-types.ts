import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ShipmentRecord, ShipmentConnectionRecord } from '../models/shipment.model';
import type { ReturnRecord } from '../models/return.model';
import type { EventPageRecord, StoredEvent } from '@oms/platform';
import type { FulfillmentContext } from '../context';
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

export type AllocatedLineInput = {
  locationId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
  sku: Scalars['String']['input'];
};

export type CreateShipmentInput = {
  carrier?: InputMaybe<Scalars['String']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  lines: Array<ShipmentLineInput>;
  locationId: Scalars['ID']['input'];
  orderId: Scalars['ID']['input'];
  service?: InputMaybe<Scalars['String']['input']>;
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

export type InventoryItem = {
  __typename?: 'InventoryItem';
  sku: Scalars['String']['output'];
};

export type Location = {
  __typename?: 'Location';
  id: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** REQUESTED → APPROVED. */
  approveReturn: Return;
  /** Cancels every shipment of the order that has not shipped. Idempotent. */
  cancelOrderShipments: Array<Shipment>;
  /** Cancels a shipment that has not shipped (PENDING, PICKING, PACKED or EXCEPTION). */
  cancelShipment: Shipment;
  /** Creates a PENDING shipment of some of an order's lines from one location. Idempotent on idempotencyKey. */
  createShipment: Shipment;
  /** SHIPPED → DELIVERED. */
  deliverShipment: Shipment;
  /** Flags a problem (damaged parcel, lost in transit...): any state before DELIVERED → EXCEPTION. */
  flagShipmentException: Shipment;
  /** PICKING → PACKED. */
  packShipment: Shipment;
  /** PENDING → PICKING. */
  pickShipment: Shipment;
  /** APPROVED → RECEIVED: per line, restock to a location or write off as damaged. */
  receiveReturn: Return;
  /** RECEIVED → REFUNDED: records the refund on the order (lines + proportional tax, shipping by policy). */
  refundReturn: Return;
  /** REQUESTED → REJECTED. */
  rejectReturn: Return;
  /** Opens a return (RMA) for shipped units of an order. */
  requestReturn: Return;
  /** PACKED → SHIPPED: records carrier and tracking, takes the units off hand in Inventory. */
  shipShipment: Shipment;
  /**
   * Makes the order's shipments match its allocation: for each location, PENDING shipments are added so
   * that non-cancelled shipments cover the allocated (reserved + shipped) units. Declarative and idempotent.
   */
  syncOrderShipments: Array<Shipment>;
  /** syncOrderShipments for up to 250 orders in one call; their current shipments, order after order. An invalid input refuses the whole call. */
  syncOrdersShipments: Array<Shipment>;
};


export type MutationApproveReturnArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCancelOrderShipmentsArgs = {
  orderId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationCancelShipmentArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationCreateShipmentArgs = {
  input: CreateShipmentInput;
};


export type MutationDeliverShipmentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationFlagShipmentExceptionArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationPackShipmentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPickShipmentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationReceiveReturnArgs = {
  input: ReceiveReturnInput;
};


export type MutationRefundReturnArgs = {
  id: Scalars['ID']['input'];
  includeShipping?: InputMaybe<Scalars['Boolean']['input']>;
};


export type MutationRejectReturnArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRequestReturnArgs = {
  input: RequestReturnInput;
};


export type MutationShipShipmentArgs = {
  input: ShipShipmentInput;
};


export type MutationSyncOrderShipmentsArgs = {
  input: SyncOrderShipmentsInput;
};


export type MutationSyncOrdersShipmentsArgs = {
  input: Array<SyncOrderShipmentsInput>;
};

export type Order = {
  __typename?: 'Order';
  id: Scalars['ID']['output'];
  /** Returns (RMAs) of this order, oldest first. */
  returns: Array<Return>;
  /** Shipments of this order, oldest first. */
  shipments: Array<Shipment>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** Fulfillment's event log, oldest first, from a cursor (exclusive). */
  fulfillmentEvents: EventPage;
  /** A return by id; null when unknown. */
  return?: Maybe<Return>;
  /** A return by its RMA number; null when unknown. */
  returnByRma?: Maybe<Return>;
  /** A shipment by id; null when unknown. */
  shipment?: Maybe<Shipment>;
  /** Shipments, newest first. */
  shipments: ShipmentConnection;
};


export type QueryFulfillmentEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type QueryReturnArgs = {
  id: Scalars['ID']['input'];
};


export type QueryReturnByRmaArgs = {
  rmaNumber: Scalars['String']['input'];
};


export type QueryShipmentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryShipmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ShipmentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ReceiveReturnInput = {
  id: Scalars['ID']['input'];
  lines: Array<ReceiveReturnLineInput>;
};

export type ReceiveReturnLineInput = {
  condition: ReturnCondition;
  /** Required for RESTOCK: where the units go back on hand. */
  locationId?: InputMaybe<Scalars['ID']['input']>;
  quantity: Scalars['Int']['input'];
  sku: Scalars['String']['input'];
};

export type RequestReturnInput = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  lines: Array<ReturnLineInput>;
  orderId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};

/** A return merchandise authorisation. */
export type Return = {
  __typename?: 'Return';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lines: Array<ReturnLine>;
  note?: Maybe<Scalars['String']['output']>;
  order: Order;
  reason: Scalars['String']['output'];
  /** The refund recorded on the order, in minor units. */
  refundAmount?: Maybe<Scalars['Int']['output']>;
  refundCurrency?: Maybe<Scalars['String']['output']>;
  /** Human-readable, e.g. RMA-000017. */
  rmaNumber: Scalars['String']['output'];
  status: ReturnStatus;
  updatedAt: Scalars['DateTime']['output'];
};

export type ReturnCondition =
  | 'DAMAGED'
  | 'RESTOCK';

export type ReturnLine = {
  __typename?: 'ReturnLine';
  condition?: Maybe<ReturnCondition>;
  item: InventoryItem;
  quantity: Scalars['Int']['output'];
  receivedQuantity: Scalars['Int']['output'];
  /** Where restocked units went. */
  restockLocation?: Maybe<Location>;
  sku: Scalars['String']['output'];
};

export type ReturnLineInput = {
  quantity: Scalars['Int']['input'];
  sku: Scalars['String']['input'];
};

export type ReturnStatus =
  | 'APPROVED'
  | 'RECEIVED'
  | 'REFUNDED'
  | 'REJECTED'
  | 'REQUESTED';

export type ShipShipmentInput = {
  /** Carrier code, e.g. DHL, UPS, FEDEX, USPS, DPD, GLS, ROYAL_MAIL. */
  carrier: Scalars['String']['input'];
  id: Scalars['ID']['input'];
  service?: InputMaybe<Scalars['String']['input']>;
  trackingNumber: Scalars['String']['input'];
};

export type Shipment = {
  __typename?: 'Shipment';
  carrier?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** The channel's promise: delivered by then. */
  deliverBy?: Maybe<Scalars['DateTime']['output']>;
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Shipped after shipBy, or not shipped and shipBy has passed. */
  late: Scalars['Boolean']['output'];
  lines: Array<ShipmentLine>;
  location: Location;
  /** Why it was cancelled or flagged. */
  note?: Maybe<Scalars['String']['output']>;
  order: Order;
  service?: Maybe<Scalars['String']['output']>;
  /** The channel's promise: ship by then (from the order's DeliveryPromise.latestShipAt). */
  shipBy?: Maybe<Scalars['DateTime']['output']>;
  shippedAt?: Maybe<Scalars['DateTime']['output']>;
  status: ShipmentStatus;
  trackingNumber?: Maybe<Scalars['String']['output']>;
  trackingUrl?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

export type ShipmentConnection = {
  __typename?: 'ShipmentConnection';
  edges: Array<ShipmentEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ShipmentEdge = {
  __typename?: 'ShipmentEdge';
  cursor: Scalars['String']['output'];
  node: Shipment;
};

/** A shipment was created or changed status. */
export type ShipmentEvent = {
  __typename?: 'ShipmentEvent';
  at: Scalars['DateTime']['output'];
  /** Position in the fulfillment event log: pass as `after` to resume after this event. */
  cursor: Scalars['String']['output'];
  order: Order;
  /** The shipment as it is when the event is delivered. */
  shipment: Shipment;
  status: ShipmentStatus;
  /** Event type, e.g. fulfillment.shipment.status_changed. */
  type: Scalars['String']['output'];
};

export type ShipmentFilter = {
  locationId?: InputMaybe<Scalars['ID']['input']>;
  orderId?: InputMaybe<Scalars['ID']['input']>;
  /** Only shipments promised to ship before this instant (with status PENDING, PICKING, PACKED and now: the late ones). */
  shipByBefore?: InputMaybe<Scalars['DateTime']['input']>;
  status?: InputMaybe<Array<ShipmentStatus>>;
};

export type ShipmentLine = {
  __typename?: 'ShipmentLine';
  item: InventoryItem;
  quantity: Scalars['Int']['output'];
  sku: Scalars['String']['output'];
};

export type ShipmentLineInput = {
  quantity: Scalars['Int']['input'];
  sku: Scalars['String']['input'];
};

export type ShipmentStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'EXCEPTION'
  | 'PACKED'
  | 'PENDING'
  | 'PICKING'
  | 'SHIPPED';

/** Live events, served by the gateway over graphql-ws on /graphql (this subgraph never executes them). */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Shipments created or moved (picked, packed, shipped, delivered, cancelled, flagged), in the
   * caller's scope, oldest first. `after`: a cursor of an earlier event; later ones are replayed first.
   */
  shipmentUpdated: ShipmentEvent;
};


/** Live events, served by the gateway over graphql-ws on /graphql (this subgraph never executes them). */
export type SubscriptionShipmentUpdatedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  orderId?: InputMaybe<Scalars['ID']['input']>;
};

export type SyncOrderShipmentsInput = {
  deliverBy?: InputMaybe<Scalars['DateTime']['input']>;
  /** Allocated units per SKU and location (reserved + shipped), from Inventory's allocation. */
  lines: Array<AllocatedLineInput>;
  orderId: Scalars['ID']['input'];
  /** The order's promise, carried by the shipments this creates. */
  shipBy?: InputMaybe<Scalars['DateTime']['input']>;
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
  Order: Order;
  Return: Return;
  Shipment: Shipment;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  Return:
    ( { __typename: 'Return' }
    & GraphQLRecursivePick<FederationTypes['Return'], {"id":true}> );
  Shipment:
    ( { __typename: 'Shipment' }
    & GraphQLRecursivePick<FederationTypes['Shipment'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AllocatedLineInput: AllocatedLineInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CreateShipmentInput: CreateShipmentInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DomainEvent: ResolverTypeWrapper<StoredEvent>;
  EventPage: ResolverTypeWrapper<EventPageRecord>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  InventoryItem: ResolverTypeWrapper<InventoryItem>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Location: ResolverTypeWrapper<Location>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<Omit<Order, 'returns' | 'shipments'> & { returns: Array<ResolversTypes['Return']>, shipments: Array<ResolversTypes['Shipment']> }>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReceiveReturnInput: ReceiveReturnInput;
  ReceiveReturnLineInput: ReceiveReturnLineInput;
  RequestReturnInput: RequestReturnInput;
  Return: ResolverTypeWrapper<ReturnRecord>;
  ReturnCondition: ReturnCondition;
  ReturnLine: ResolverTypeWrapper<ReturnLine>;
  ReturnLineInput: ReturnLineInput;
  ReturnStatus: ReturnStatus;
  ShipShipmentInput: ShipShipmentInput;
  Shipment: ResolverTypeWrapper<ShipmentRecord>;
  ShipmentConnection: ResolverTypeWrapper<ShipmentConnectionRecord>;
  ShipmentEdge: ResolverTypeWrapper<Omit<ShipmentEdge, 'node'> & { node: ResolversTypes['Shipment'] }>;
  ShipmentEvent: ResolverTypeWrapper<Omit<ShipmentEvent, 'order' | 'shipment'> & { order: ResolversTypes['Order'], shipment: ResolversTypes['Shipment'] }>;
  ShipmentFilter: ShipmentFilter;
  ShipmentLine: ResolverTypeWrapper<ShipmentLine>;
  ShipmentLineInput: ShipmentLineInput;
  ShipmentStatus: ShipmentStatus;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SyncOrderShipmentsInput: SyncOrderShipmentsInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AllocatedLineInput: AllocatedLineInput;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  CreateShipmentInput: CreateShipmentInput;
  DateTime: Scalars['DateTime']['output'];
  DomainEvent: StoredEvent;
  EventPage: EventPageRecord;
  Boolean: Scalars['Boolean']['output'];
  InventoryItem: InventoryItem;
  JSON: Scalars['JSON']['output'];
  Location: Location;
  Mutation: Record<PropertyKey, never>;
  Order: Omit<Order, 'returns' | 'shipments'> & { returns: Array<ResolversParentTypes['Return']>, shipments: Array<ResolversParentTypes['Shipment']> } | FederationReferenceTypes['Order'];
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  ReceiveReturnInput: ReceiveReturnInput;
  ReceiveReturnLineInput: ReceiveReturnLineInput;
  RequestReturnInput: RequestReturnInput;
  Return: ReturnRecord;
  ReturnLine: ReturnLine;
  ReturnLineInput: ReturnLineInput;
  ShipShipmentInput: ShipShipmentInput;
  Shipment: ShipmentRecord;
  ShipmentConnection: ShipmentConnectionRecord;
  ShipmentEdge: Omit<ShipmentEdge, 'node'> & { node: ResolversParentTypes['Shipment'] };
  ShipmentEvent: Omit<ShipmentEvent, 'order' | 'shipment'> & { order: ResolversParentTypes['Order'], shipment: ResolversParentTypes['Shipment'] };
  ShipmentFilter: ShipmentFilter;
  ShipmentLine: ShipmentLine;
  ShipmentLineInput: ShipmentLineInput;
  Subscription: Record<PropertyKey, never>;
  SyncOrderShipmentsInput: SyncOrderShipmentsInput;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DomainEventResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['DomainEvent'] = ResolversParentTypes['DomainEvent']> = {
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  aggregateId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  aggregateType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  payload?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EventPageResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['EventPage'] = ResolversParentTypes['EventPage']> = {
  cursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['DomainEvent']>, ParentType, ContextType>;
  hasMore?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type InventoryItemResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['InventoryItem'] = ResolversParentTypes['InventoryItem']> = {
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LocationResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['Location'] = ResolversParentTypes['Location']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  approveReturn?: Resolver<ResolversTypes['Return'], ParentType, ContextType, RequireFields<MutationApproveReturnArgs, 'id'>>;
  cancelOrderShipments?: Resolver<Array<ResolversTypes['Shipment']>, ParentType, ContextType, RequireFields<MutationCancelOrderShipmentsArgs, 'orderId' | 'reason'>>;
  cancelShipment?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType, RequireFields<MutationCancelShipmentArgs, 'id' | 'reason'>>;
  createShipment?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType, RequireFields<MutationCreateShipmentArgs, 'input'>>;
  deliverShipment?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType, RequireFields<MutationDeliverShipmentArgs, 'id'>>;
  flagShipmentException?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType, RequireFields<MutationFlagShipmentExceptionArgs, 'id' | 'reason'>>;
  packShipment?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType, RequireFields<MutationPackShipmentArgs, 'id'>>;
  pickShipment?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType, RequireFields<MutationPickShipmentArgs, 'id'>>;
  receiveReturn?: Resolver<ResolversTypes['Return'], ParentType, ContextType, RequireFields<MutationReceiveReturnArgs, 'input'>>;
  refundReturn?: Resolver<ResolversTypes['Return'], ParentType, ContextType, RequireFields<MutationRefundReturnArgs, 'id' | 'includeShipping'>>;
  rejectReturn?: Resolver<ResolversTypes['Return'], ParentType, ContextType, RequireFields<MutationRejectReturnArgs, 'id' | 'reason'>>;
  requestReturn?: Resolver<ResolversTypes['Return'], ParentType, ContextType, RequireFields<MutationRequestReturnArgs, 'input'>>;
  shipShipment?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType, RequireFields<MutationShipShipmentArgs, 'input'>>;
  syncOrderShipments?: Resolver<Array<ResolversTypes['Shipment']>, ParentType, ContextType, RequireFields<MutationSyncOrderShipmentsArgs, 'input'>>;
  syncOrdersShipments?: Resolver<Array<ResolversTypes['Shipment']>, ParentType, ContextType, RequireFields<MutationSyncOrdersShipmentsArgs, 'input'>>;
};

export type OrderResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  returns?: Resolver<Array<ResolversTypes['Return']>, ParentType, ContextType>;
  shipments?: Resolver<Array<ResolversTypes['Shipment']>, ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  fulfillmentEvents?: Resolver<ResolversTypes['EventPage'], ParentType, ContextType, RequireFields<QueryFulfillmentEventsArgs, 'first'>>;
  return?: Resolver<Maybe<ResolversTypes['Return']>, ParentType, ContextType, RequireFields<QueryReturnArgs, 'id'>>;
  returnByRma?: Resolver<Maybe<ResolversTypes['Return']>, ParentType, ContextType, RequireFields<QueryReturnByRmaArgs, 'rmaNumber'>>;
  shipment?: Resolver<Maybe<ResolversTypes['Shipment']>, ParentType, ContextType, RequireFields<QueryShipmentArgs, 'id'>>;
  shipments?: Resolver<ResolversTypes['ShipmentConnection'], ParentType, ContextType, RequireFields<QueryShipmentsArgs, 'first'>>;
};

export type ReturnResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['Return'] = ResolversParentTypes['Return'], FederationReferenceType extends FederationReferenceTypes['Return'] = FederationReferenceTypes['Return']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Return']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['ReturnLine']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  refundAmount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  refundCurrency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rmaNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReturnStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ReturnLineResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['ReturnLine'] = ResolversParentTypes['ReturnLine']> = {
  condition?: Resolver<Maybe<ResolversTypes['ReturnCondition']>, ParentType, ContextType>;
  item?: Resolver<ResolversTypes['InventoryItem'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  receivedQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  restockLocation?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ShipmentResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['Shipment'] = ResolversParentTypes['Shipment'], FederationReferenceType extends FederationReferenceTypes['Shipment'] = FederationReferenceTypes['Shipment']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Shipment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  carrier?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deliverBy?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  late?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['ShipmentLine']>, ParentType, ContextType>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  service?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  shipBy?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  shippedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ShipmentStatus'], ParentType, ContextType>;
  trackingNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  trackingUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ShipmentConnectionResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['ShipmentConnection'] = ResolversParentTypes['ShipmentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ShipmentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ShipmentEdgeResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['ShipmentEdge'] = ResolversParentTypes['ShipmentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType>;
};

export type ShipmentEventResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['ShipmentEvent'] = ResolversParentTypes['ShipmentEvent']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  shipment?: Resolver<ResolversTypes['Shipment'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ShipmentStatus'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ShipmentLineResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['ShipmentLine'] = ResolversParentTypes['ShipmentLine']> = {
  item?: Resolver<ResolversTypes['InventoryItem'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = FulfillmentContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  shipmentUpdated?: SubscriptionResolver<ResolversTypes['ShipmentEvent'], "shipmentUpdated", ParentType, ContextType, Partial<SubscriptionShipmentUpdatedArgs>>;
};

export type Resolvers<ContextType = FulfillmentContext> = {
  DateTime?: GraphQLScalarType;
  DomainEvent?: DomainEventResolvers<ContextType>;
  EventPage?: EventPageResolvers<ContextType>;
  InventoryItem?: InventoryItemResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Location?: LocationResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Return?: ReturnResolvers<ContextType>;
  ReturnLine?: ReturnLineResolvers<ContextType>;
  Shipment?: ShipmentResolvers<ContextType>;
  ShipmentConnection?: ShipmentConnectionResolvers<ContextType>;
  ShipmentEdge?: ShipmentEdgeResolvers<ContextType>;
  ShipmentEvent?: ShipmentEventResolvers<ContextType>;
  ShipmentLine?: ShipmentLineResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
};

