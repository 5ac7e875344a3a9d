import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { InventoryItemRecord, InventoryItemConnectionRecord } from '../models/inventory-item.model';
import type { LocationRecord } from '../models/location.model';
import type { StockLevelRecord } from '../models/stock-level.model';
import type { StockMovementRecord, StockMovementConnectionRecord } from '../models/stock-movement.model';
import type { AllocationRecord } from '../models/allocation.types';
import type { EventPageRecord, StoredEvent } from '@oms/platform';
import type { InventoryContext } from '../context';
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

export type AdjustStockInput = {
  /** Positive to add units, negative to remove them. */
  delta: Scalars['Int']['input'];
  locationId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  reference?: InputMaybe<Scalars['String']['input']>;
  sku: Scalars['String']['input'];
};

export type AllocateOrderInput = {
  /** Where the order ships to; used to pick the nearest location. */
  destination?: InputMaybe<GeoPointInput>;
  /** The order's wanted quantity per SKU (totals, not increments). */
  lines: Array<AllocationLineInput>;
  orderId: Scalars['ID']['input'];
  /** Strategy name (see allocationStrategies); default fewest-shipments-nearest. */
  strategy?: InputMaybe<Scalars['String']['input']>;
};

/** Stock held and shipped for one order. */
export type Allocation = {
  __typename?: 'Allocation';
  /** True when every wanted unit is reserved or shipped. */
  complete: Scalars['Boolean']['output'];
  lines: Array<AllocationLine>;
  orderId: Scalars['ID']['output'];
  /** Wanted quantities that could not be reserved yet (backordered). */
  unallocated: Array<UnallocatedLine>;
};

export type AllocationLine = {
  __typename?: 'AllocationLine';
  location: Location;
  locationId: Scalars['ID']['output'];
  /** Units still reserved at this location. */
  reserved: Scalars['Int']['output'];
  /** Units already shipped from this location. */
  shipped: Scalars['Int']['output'];
  sku: Scalars['String']['output'];
};

export type AllocationLineInput = {
  quantity: Scalars['Int']['input'];
  sku: Scalars['String']['input'];
};

export type CommitShipmentInput = {
  lines: Array<AllocationLineInput>;
  locationId: Scalars['ID']['input'];
  orderId: Scalars['ID']['input'];
  shipmentId: Scalars['ID']['input'];
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

export type GeoPointInput = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
};

export type InventoryItem = {
  __typename?: 'InventoryItem';
  active: Scalars['Boolean']['output'];
  /** Units that can be sold now, summed over active locations (never below zero per location). */
  available: Scalars['Int']['output'];
  barcode?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  description?: Maybe<Scalars['String']['output']>;
  /** Price of one unit in self-service orders, in minor units of listPriceCurrency; null: not sold there. */
  listPrice?: Maybe<Scalars['Int']['output']>;
  /** ISO-4217 currency of listPrice. */
  listPriceCurrency?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  onHand: Scalars['Int']['output'];
  reserved: Scalars['Int']['output'];
  sku: Scalars['String']['output'];
  /** Stock at each location that holds this SKU. */
  stock: Array<StockLevel>;
  updatedAt: Scalars['DateTime']['output'];
  weightGrams?: Maybe<Scalars['Int']['output']>;
};

export type InventoryItemConnection = {
  __typename?: 'InventoryItemConnection';
  edges: Array<InventoryItemEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type InventoryItemEdge = {
  __typename?: 'InventoryItemEdge';
  cursor: Scalars['String']['output'];
  node: InventoryItem;
};

export type InventoryItemFilter = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  skus?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type Location = {
  __typename?: 'Location';
  active: Scalars['Boolean']['output'];
  address: LocationAddress;
  /** Short unique code, e.g. BER-1. */
  code: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: LocationKind;
  name: Scalars['String']['output'];
  /** Lower routes first when two locations are otherwise equal. */
  priority: Scalars['Int']['output'];
};

export type LocationAddress = {
  __typename?: 'LocationAddress';
  city: Scalars['String']['output'];
  /** ISO 3166-1 alpha-2. */
  countryCode: Scalars['String']['output'];
  lat: Scalars['Float']['output'];
  line1: Scalars['String']['output'];
  line2?: Maybe<Scalars['String']['output']>;
  lng: Scalars['Float']['output'];
  postalCode?: Maybe<Scalars['String']['output']>;
  region?: Maybe<Scalars['String']['output']>;
};

export type LocationAddressInput = {
  city: Scalars['String']['input'];
  countryCode: Scalars['String']['input'];
  lat: Scalars['Float']['input'];
  line1: Scalars['String']['input'];
  line2?: InputMaybe<Scalars['String']['input']>;
  lng: Scalars['Float']['input'];
  postalCode?: InputMaybe<Scalars['String']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
};

export type LocationKind =
  | 'DROP_SHIP_SUPPLIER'
  | 'STORE'
  | 'THIRD_PARTY_LOGISTICS'
  | 'WAREHOUSE';

export type Mutation = {
  __typename?: 'Mutation';
  /** Adds (receipt) or removes (damage, loss) units. A result below the reserved quantity is refused. */
  adjustStock: StockLevel;
  /**
   * Reserves stock for an order, routed by the chosen strategy. Declarative and idempotent per order:
   * `lines` are the order's wanted quantities; only what is not yet reserved or shipped is reserved,
   * so a retry changes nothing and a later call tops up a backorder.
   */
  allocateOrder: Allocation;
  /**
   * allocateOrder for up to 250 orders in one call (a batch import, concurrent placements), planned in
   * the order given; one answer per input, in the same order. An invalid input refuses the whole call.
   */
  allocateOrders: Array<Allocation>;
  /** Ships reserved units from a location: on-hand and reserved drop together. Idempotent on shipmentId. */
  commitShipment: Allocation;
  /** Releases an order's reserved units: all of them, or the given quantities per SKU. */
  releaseAllocation: Allocation;
  /** Puts returned units back on hand at a location (ledger kind RETURN). Idempotent on reference. */
  restock: StockLevel;
  /** Sets the on-hand count (a stock take). Refused below the reserved quantity. */
  setStock: StockLevel;
  /** Creates or updates the item with this SKU. */
  upsertInventoryItem: InventoryItem;
  /** Creates a location, or updates the one with this code. */
  upsertLocation: Location;
};


export type MutationAdjustStockArgs = {
  input: AdjustStockInput;
};


export type MutationAllocateOrderArgs = {
  input: AllocateOrderInput;
};


export type MutationAllocateOrdersArgs = {
  input: Array<AllocateOrderInput>;
};


export type MutationCommitShipmentArgs = {
  input: CommitShipmentInput;
};


export type MutationReleaseAllocationArgs = {
  input: ReleaseAllocationInput;
};


export type MutationRestockArgs = {
  input: RestockInput;
};


export type MutationSetStockArgs = {
  input: SetStockInput;
};


export type MutationUpsertInventoryItemArgs = {
  input: UpsertInventoryItemInput;
};


export type MutationUpsertLocationArgs = {
  input: UpsertLocationInput;
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
  /** What is reserved and shipped for an order; null when nothing was ever allocated. */
  allocation?: Maybe<Allocation>;
  /** The names of the allocation strategies that can be chosen per channel. */
  allocationStrategies: Array<Scalars['String']['output']>;
  /** Inventory's event log, oldest first, from a cursor (exclusive). */
  inventoryEvents: EventPage;
  /** An item by SKU; null when unknown. */
  inventoryItem?: Maybe<InventoryItem>;
  /** Items ordered by SKU. */
  inventoryItems: InventoryItemConnection;
  /** A location by id; null when unknown. */
  location?: Maybe<Location>;
  /** Every location, by priority then code. */
  locations: Array<Location>;
  /** The ledger of one SKU, newest first, optionally at one location. */
  stockMovements: StockMovementConnection;
};


export type QueryAllocationArgs = {
  orderId: Scalars['ID']['input'];
};


export type QueryInventoryEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type QueryInventoryItemArgs = {
  sku: Scalars['String']['input'];
};


export type QueryInventoryItemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<InventoryItemFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryLocationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLocationsArgs = {
  activeOnly?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryStockMovementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  locationId?: InputMaybe<Scalars['ID']['input']>;
  sku: Scalars['String']['input'];
};

export type ReleaseAllocationInput = {
  /** Quantities to release per SKU; all reserved units of the order when omitted. */
  lines?: InputMaybe<Array<AllocationLineInput>>;
  orderId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type RestockInput = {
  locationId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Return or document this belongs to; a repeat with the same reference restocks once. */
  reference: Scalars['String']['input'];
  sku: Scalars['String']['input'];
};

export type SetStockInput = {
  locationId: Scalars['ID']['input'];
  onHand: Scalars['Int']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  reference?: InputMaybe<Scalars['String']['input']>;
  safetyStock?: InputMaybe<Scalars['Int']['input']>;
  sku: Scalars['String']['input'];
};

export type StockLevel = {
  __typename?: 'StockLevel';
  /** onHand - reserved - safetyStock, never below zero. */
  available: Scalars['Int']['output'];
  item: InventoryItem;
  location: Location;
  onHand: Scalars['Int']['output'];
  reserved: Scalars['Int']['output'];
  /** Units kept back from sale at this location. */
  safetyStock: Scalars['Int']['output'];
  sku: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

/** The stock of one SKU at one location changed; the levels are those right after the change. */
export type StockLevelEvent = {
  __typename?: 'StockLevelEvent';
  at: Scalars['DateTime']['output'];
  /** onHand - reserved - safetyStock, never below zero. */
  available: Scalars['Int']['output'];
  /** Position in the inventory event log: pass as `after` to resume after this event. */
  cursor: Scalars['String']['output'];
  item: InventoryItem;
  location: Location;
  locationId: Scalars['ID']['output'];
  onHand: Scalars['Int']['output'];
  reserved: Scalars['Int']['output'];
  sku: Scalars['String']['output'];
};

/** One entry of the stock ledger: who changed what, why, and the resulting level. */
export type StockMovement = {
  __typename?: 'StockMovement';
  actor: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  deltaOnHand: Scalars['Int']['output'];
  deltaReserved: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  kind: StockMovementKind;
  location: Location;
  onHandAfter: Scalars['Int']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  /** Order, shipment or document this movement belongs to. */
  reference?: Maybe<Scalars['String']['output']>;
  reservedAfter: Scalars['Int']['output'];
  sku: Scalars['String']['output'];
};

export type StockMovementConnection = {
  __typename?: 'StockMovementConnection';
  edges: Array<StockMovementEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type StockMovementEdge = {
  __typename?: 'StockMovementEdge';
  cursor: Scalars['String']['output'];
  node: StockMovement;
};

export type StockMovementKind =
  | 'ADJUSTMENT'
  | 'RELEASE'
  | 'RESERVATION'
  | 'RETURN'
  | 'SHIPMENT'
  | 'STOCK_TAKE'
  | 'TRANSFER';

/** Live events, served by the gateway over graphql-ws on /graphql (this subgraph never executes them). */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Stock level changes (stock takes, adjustments, reservations, releases, shipments, returns),
   * oldest first. `after`: a cursor of an earlier event; later ones are replayed first.
   */
  stockLevelChanged: StockLevelEvent;
};


/** Live events, served by the gateway over graphql-ws on /graphql (this subgraph never executes them). */
export type SubscriptionStockLevelChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  locationId?: InputMaybe<Scalars['ID']['input']>;
  sku?: InputMaybe<Scalars['String']['input']>;
};

export type UnallocatedLine = {
  __typename?: 'UnallocatedLine';
  quantity: Scalars['Int']['output'];
  sku: Scalars['String']['output'];
};

export type UpsertInventoryItemInput = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  barcode?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  /** Self-service price of one unit in minor units; give listPriceCurrency with it. Null clears both. */
  listPrice?: InputMaybe<Scalars['Int']['input']>;
  listPriceCurrency?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  sku: Scalars['String']['input'];
  weightGrams?: InputMaybe<Scalars['Int']['input']>;
};

export type UpsertLocationInput = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  address: LocationAddressInput;
  code: Scalars['String']['input'];
  kind: LocationKind;
  name: Scalars['String']['input'];
  priority?: InputMaybe<Scalars['Int']['input']>;
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
  InventoryItem: InventoryItem;
  Location: Location;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  InventoryItem:
    ( { __typename: 'InventoryItem' }
    & GraphQLRecursivePick<FederationTypes['InventoryItem'], {"sku":true}> );
  Location:
    ( { __typename: 'Location' }
    & GraphQLRecursivePick<FederationTypes['Location'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AdjustStockInput: AdjustStockInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AllocateOrderInput: AllocateOrderInput;
  Allocation: ResolverTypeWrapper<AllocationRecord>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AllocationLine: ResolverTypeWrapper<Omit<AllocationLine, 'location'> & { location: ResolversTypes['Location'] }>;
  AllocationLineInput: AllocationLineInput;
  CommitShipmentInput: CommitShipmentInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DomainEvent: ResolverTypeWrapper<StoredEvent>;
  EventPage: ResolverTypeWrapper<EventPageRecord>;
  GeoPointInput: GeoPointInput;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  InventoryItem: ResolverTypeWrapper<InventoryItemRecord>;
  InventoryItemConnection: ResolverTypeWrapper<InventoryItemConnectionRecord>;
  InventoryItemEdge: ResolverTypeWrapper<Omit<InventoryItemEdge, 'node'> & { node: ResolversTypes['InventoryItem'] }>;
  InventoryItemFilter: InventoryItemFilter;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Location: ResolverTypeWrapper<LocationRecord>;
  LocationAddress: ResolverTypeWrapper<LocationAddress>;
  LocationAddressInput: LocationAddressInput;
  LocationKind: LocationKind;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReleaseAllocationInput: ReleaseAllocationInput;
  RestockInput: RestockInput;
  SetStockInput: SetStockInput;
  StockLevel: ResolverTypeWrapper<StockLevelRecord>;
  StockLevelEvent: ResolverTypeWrapper<Omit<StockLevelEvent, 'item' | 'location'> & { item: ResolversTypes['InventoryItem'], location: ResolversTypes['Location'] }>;
  StockMovement: ResolverTypeWrapper<StockMovementRecord>;
  StockMovementConnection: ResolverTypeWrapper<StockMovementConnectionRecord>;
  StockMovementEdge: ResolverTypeWrapper<Omit<StockMovementEdge, 'node'> & { node: ResolversTypes['StockMovement'] }>;
  StockMovementKind: StockMovementKind;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UnallocatedLine: ResolverTypeWrapper<UnallocatedLine>;
  UpsertInventoryItemInput: UpsertInventoryItemInput;
  UpsertLocationInput: UpsertLocationInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AdjustStockInput: AdjustStockInput;
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  AllocateOrderInput: AllocateOrderInput;
  Allocation: AllocationRecord;
  Boolean: Scalars['Boolean']['output'];
  AllocationLine: Omit<AllocationLine, 'location'> & { location: ResolversParentTypes['Location'] };
  AllocationLineInput: AllocationLineInput;
  CommitShipmentInput: CommitShipmentInput;
  DateTime: Scalars['DateTime']['output'];
  DomainEvent: StoredEvent;
  EventPage: EventPageRecord;
  GeoPointInput: GeoPointInput;
  Float: Scalars['Float']['output'];
  InventoryItem: InventoryItemRecord;
  InventoryItemConnection: InventoryItemConnectionRecord;
  InventoryItemEdge: Omit<InventoryItemEdge, 'node'> & { node: ResolversParentTypes['InventoryItem'] };
  InventoryItemFilter: InventoryItemFilter;
  JSON: Scalars['JSON']['output'];
  Location: LocationRecord;
  LocationAddress: LocationAddress;
  LocationAddressInput: LocationAddressInput;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  ReleaseAllocationInput: ReleaseAllocationInput;
  RestockInput: RestockInput;
  SetStockInput: SetStockInput;
  StockLevel: StockLevelRecord;
  StockLevelEvent: Omit<StockLevelEvent, 'item' | 'location'> & { item: ResolversParentTypes['InventoryItem'], location: ResolversParentTypes['Location'] };
  StockMovement: StockMovementRecord;
  StockMovementConnection: StockMovementConnectionRecord;
  StockMovementEdge: Omit<StockMovementEdge, 'node'> & { node: ResolversParentTypes['StockMovement'] };
  Subscription: Record<PropertyKey, never>;
  UnallocatedLine: UnallocatedLine;
  UpsertInventoryItemInput: UpsertInventoryItemInput;
  UpsertLocationInput: UpsertLocationInput;
};

export type AllocationResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Allocation'] = ResolversParentTypes['Allocation']> = {
  complete?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['AllocationLine']>, ParentType, ContextType>;
  orderId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  unallocated?: Resolver<Array<ResolversTypes['UnallocatedLine']>, ParentType, ContextType>;
};

export type AllocationLineResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['AllocationLine'] = ResolversParentTypes['AllocationLine']> = {
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  locationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  shipped?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DomainEventResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['DomainEvent'] = ResolversParentTypes['DomainEvent']> = {
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  aggregateId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  aggregateType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  payload?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EventPageResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['EventPage'] = ResolversParentTypes['EventPage']> = {
  cursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['DomainEvent']>, ParentType, ContextType>;
  hasMore?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type InventoryItemResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['InventoryItem'] = ResolversParentTypes['InventoryItem'], FederationReferenceType extends FederationReferenceTypes['InventoryItem'] = FederationReferenceTypes['InventoryItem']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['InventoryItem']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  barcode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  listPrice?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  listPriceCurrency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  onHand?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stock?: Resolver<Array<ResolversTypes['StockLevel']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  weightGrams?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type InventoryItemConnectionResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['InventoryItemConnection'] = ResolversParentTypes['InventoryItemConnection']> = {
  edges?: Resolver<Array<ResolversTypes['InventoryItemEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type InventoryItemEdgeResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['InventoryItemEdge'] = ResolversParentTypes['InventoryItemEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['InventoryItem'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LocationResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Location'] = ResolversParentTypes['Location'], FederationReferenceType extends FederationReferenceTypes['Location'] = FederationReferenceTypes['Location']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Location']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  address?: Resolver<ResolversTypes['LocationAddress'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['LocationKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type LocationAddressResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['LocationAddress'] = ResolversParentTypes['LocationAddress']> = {
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  countryCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  line1?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line2?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lng?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  postalCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  adjustStock?: Resolver<ResolversTypes['StockLevel'], ParentType, ContextType, RequireFields<MutationAdjustStockArgs, 'input'>>;
  allocateOrder?: Resolver<ResolversTypes['Allocation'], ParentType, ContextType, RequireFields<MutationAllocateOrderArgs, 'input'>>;
  allocateOrders?: Resolver<Array<ResolversTypes['Allocation']>, ParentType, ContextType, RequireFields<MutationAllocateOrdersArgs, 'input'>>;
  commitShipment?: Resolver<ResolversTypes['Allocation'], ParentType, ContextType, RequireFields<MutationCommitShipmentArgs, 'input'>>;
  releaseAllocation?: Resolver<ResolversTypes['Allocation'], ParentType, ContextType, RequireFields<MutationReleaseAllocationArgs, 'input'>>;
  restock?: Resolver<ResolversTypes['StockLevel'], ParentType, ContextType, RequireFields<MutationRestockArgs, 'input'>>;
  setStock?: Resolver<ResolversTypes['StockLevel'], ParentType, ContextType, RequireFields<MutationSetStockArgs, 'input'>>;
  upsertInventoryItem?: Resolver<ResolversTypes['InventoryItem'], ParentType, ContextType, RequireFields<MutationUpsertInventoryItemArgs, 'input'>>;
  upsertLocation?: Resolver<ResolversTypes['Location'], ParentType, ContextType, RequireFields<MutationUpsertLocationArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  allocation?: Resolver<Maybe<ResolversTypes['Allocation']>, ParentType, ContextType, RequireFields<QueryAllocationArgs, 'orderId'>>;
  allocationStrategies?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  inventoryEvents?: Resolver<ResolversTypes['EventPage'], ParentType, ContextType, RequireFields<QueryInventoryEventsArgs, 'first'>>;
  inventoryItem?: Resolver<Maybe<ResolversTypes['InventoryItem']>, ParentType, ContextType, RequireFields<QueryInventoryItemArgs, 'sku'>>;
  inventoryItems?: Resolver<ResolversTypes['InventoryItemConnection'], ParentType, ContextType, RequireFields<QueryInventoryItemsArgs, 'first'>>;
  location?: Resolver<Maybe<ResolversTypes['Location']>, ParentType, ContextType, RequireFields<QueryLocationArgs, 'id'>>;
  locations?: Resolver<Array<ResolversTypes['Location']>, ParentType, ContextType, RequireFields<QueryLocationsArgs, 'activeOnly'>>;
  stockMovements?: Resolver<ResolversTypes['StockMovementConnection'], ParentType, ContextType, RequireFields<QueryStockMovementsArgs, 'first' | 'sku'>>;
};

export type StockLevelResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StockLevel'] = ResolversParentTypes['StockLevel']> = {
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  item?: Resolver<ResolversTypes['InventoryItem'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  onHand?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  safetyStock?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type StockLevelEventResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StockLevelEvent'] = ResolversParentTypes['StockLevelEvent']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  item?: Resolver<ResolversTypes['InventoryItem'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  locationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  onHand?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StockMovementResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StockMovement'] = ResolversParentTypes['StockMovement']> = {
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deltaOnHand?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  deltaReserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['StockMovementKind'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['Location'], ParentType, ContextType>;
  onHandAfter?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reservedAfter?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StockMovementConnectionResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StockMovementConnection'] = ResolversParentTypes['StockMovementConnection']> = {
  edges?: Resolver<Array<ResolversTypes['StockMovementEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type StockMovementEdgeResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['StockMovementEdge'] = ResolversParentTypes['StockMovementEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['StockMovement'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  stockLevelChanged?: SubscriptionResolver<ResolversTypes['StockLevelEvent'], "stockLevelChanged", ParentType, ContextType, Partial<SubscriptionStockLevelChangedArgs>>;
};

export type UnallocatedLineResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['UnallocatedLine'] = ResolversParentTypes['UnallocatedLine']> = {
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = InventoryContext> = {
  Allocation?: AllocationResolvers<ContextType>;
  AllocationLine?: AllocationLineResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DomainEvent?: DomainEventResolvers<ContextType>;
  EventPage?: EventPageResolvers<ContextType>;
  InventoryItem?: InventoryItemResolvers<ContextType>;
  InventoryItemConnection?: InventoryItemConnectionResolvers<ContextType>;
  InventoryItemEdge?: InventoryItemEdgeResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Location?: LocationResolvers<ContextType>;
  LocationAddress?: LocationAddressResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  StockLevel?: StockLevelResolvers<ContextType>;
  StockLevelEvent?: StockLevelEventResolvers<ContextType>;
  StockMovement?: StockMovementResolvers<ContextType>;
  StockMovementConnection?: StockMovementConnectionResolvers<ContextType>;
  StockMovementEdge?: StockMovementEdgeResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  UnallocatedLine?: UnallocatedLineResolvers<ContextType>;
};

