import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ConnectionRecord } from '../models/connection.model';
import type { SyncRunRecord } from '../models/sync-run.model';
import type { DeadLetterRecord, DeadLetterConnectionRecord } from '../models/dead-letter.model';
import type { AnyConnector } from '../services/connector-registry';
import type { StockReconciliationView, StockDriftView } from '../models/stock-reconciliation.model';
import type { ChannelsContext } from '../context';
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

export type AddChannelConnectionInput = {
  /** The hub channel name for orders from this connection, e.g. shopify-eu. */
  channel: Scalars['String']['input'];
  /** The connector's config (see its manifest); credential fields are encrypted at rest. */
  config: Scalars['JSON']['input'];
  /** Connector id, e.g. `shopify`: one of the installed connectors that channelConnectors lists. */
  kind: Scalars['String']['input'];
  /** Hub location id → channel location id. */
  locationMap?: InputMaybe<Scalars['JSON']['input']>;
  name: Scalars['String']['input'];
  /** SKUs to push stock for besides those seen in orders. */
  skus?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Units held back from published stock; default the config's stockBuffer, else 0. */
  stockBuffer?: InputMaybe<Scalars['Int']['input']>;
  /** Seconds between incremental syncs (10 to 86400); default 60. */
  syncIntervalSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** Secret the channel signs webhooks with (when the connector supports webhooks and its config has no field for it). */
  webhookSecret?: InputMaybe<Scalars['String']['input']>;
};

export type ChannelConnection = {
  __typename?: 'ChannelConnection';
  capabilities: Array<Scalars['String']['output']>;
  /** The hub channel name its orders carry (Order.channel). */
  channel: Scalars['String']['output'];
  /** The connector config with credential fields shown as "[redacted]". */
  config: Scalars['JSON']['output'];
  counts: ConnectionCounts;
  createdAt: Scalars['DateTime']['output'];
  /** The sync running now, with its progress; null when idle. */
  currentRun?: Maybe<SyncRun>;
  /** Dead letters, newest first (open and retrying ones unless `status` says otherwise). */
  deadLetters: DeadLetterConnection;
  health: ConnectionHealth;
  id: Scalars['ID']['output'];
  /** Connector id, e.g. `shopify`: one of the installed connectors that channelConnectors lists. */
  kind: Scalars['String']['output'];
  lag: ConnectionLag;
  /** The last stock reconciliation, scheduled or on demand; null before the first. */
  lastStockReconciliation?: Maybe<StockReconciliation>;
  lastSuccessAt?: Maybe<Scalars['DateTime']['output']>;
  lastSyncAt?: Maybe<Scalars['DateTime']['output']>;
  /**
   * SKUs whose stock is pushed to this channel: the explicit `skus` plus every SKU seen in an order
   * imported from it. An empty listing pushes nothing (the hub never creates products on a channel).
   */
  listedSkus: Array<Scalars['String']['output']>;
  /** Hub location id → channel location id. Without it the channel's default location gets the SKU's total availability. */
  locationMap?: Maybe<Scalars['JSON']['output']>;
  name: Scalars['String']['output'];
  nextSyncAt?: Maybe<Scalars['DateTime']['output']>;
  /** Why the connection is PARKED; null otherwise. */
  parkedReason?: Maybe<Scalars['String']['output']>;
  /**
   * Stock counts the channel sent (a WMS count file) that the hub refused because they are below what
   * is reserved there, newest first: the open INBOX dead letters that carry a count.
   */
  refusedStockCounts: Array<RefusedStockCount>;
  /** Recent sync runs, newest first. */
  runs: Array<SyncRun>;
  /** SKUs listed explicitly for stock pushes. */
  skus: Array<Scalars['String']['output']>;
  status: ChannelConnectionStatus;
  /** Why the connection is PARKED (credentials refused, config invalid) or PAUSED. */
  statusReason?: Maybe<Scalars['String']['output']>;
  /** Units held back from every published quantity (available − buffer, never below zero). */
  stockBuffer: Scalars['Int']['output'];
  /** SKUs whose channel quantity differed from the hub's at the last reconciliation and were not corrected by it. */
  stockDrift: Array<StockDrift>;
  /** Scheduled stock reconciliation: interval, whether it corrects, when it runs next (null when the connector cannot read stock). */
  stockReconciliation?: Maybe<StockReconciliationSettings>;
  syncIntervalSeconds: Scalars['Int']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Path on this service where the channel posts webhooks (null when the connector has none). */
  webhookPath?: Maybe<Scalars['String']['output']>;
  /** Whether a webhook secret is stored (the secret itself is never returned). */
  webhookSecretSet: Scalars['Boolean']['output'];
};


export type ChannelConnectionDeadLettersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<DeadLetterStatus>;
};


export type ChannelConnectionRefusedStockCountsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type ChannelConnectionRunsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ChannelConnectionStatus =
  | 'ACTIVE'
  /** Stopped by the runtime because the channel refused the credentials or the config; fix and resume. */
  | 'PARKED'
  /** Stopped by someone; nothing is synced or pushed until resumed. */
  | 'PAUSED';

export type ChannelConnector = {
  __typename?: 'ChannelConnector';
  capabilities: Array<Scalars['String']['output']>;
  /** The connection config's fields, read from the connector's own schema (what addChannelConnection validates). */
  configFields: Array<ConnectorConfigField>;
  /** The same schema as JSON Schema (input side), for clients that build forms generically; null when it cannot be expressed. */
  configSchema?: Maybe<Scalars['JSON']['output']>;
  displayName: Scalars['String']['output'];
  /** Connector id, used as `kind` (e.g. `shopify`): the manifest id of an installed connector package. */
  kind: Scalars['String']['output'];
  /** Config fields that hold credentials: encrypted at rest, never returned. */
  secretFields: Array<Scalars['String']['output']>;
  version: Scalars['String']['output'];
  /** Whether the channel pushes orders by webhook to /webhooks/<connection id>. */
  webhooks: Scalars['Boolean']['output'];
};

export type ConnectionCounts = {
  __typename?: 'ConnectionCounts';
  /** Orders cancelled in the hub because the channel cancelled them. */
  cancelled: Scalars['Int']['output'];
  /** Open dead letters. */
  deadLetters: Scalars['Int']['output'];
  /** Channel orders now in the hub through this connection (created by it). */
  imported: Scalars['Int']['output'];
  /** Shipments confirmed on the channel with tracking. */
  pushedFulfillments: Scalars['Int']['output'];
  /** Stock levels published to the channel. */
  pushedStock: Scalars['Int']['output'];
  /** Orders read again that the hub already had. */
  unchanged: Scalars['Int']['output'];
  /** Webhook deliveries accepted (duplicates excluded). */
  webhooksReceived: Scalars['Int']['output'];
};

export type ConnectionHealth = {
  __typename?: 'ConnectionHealth';
  lastCheckAt?: Maybe<Scalars['DateTime']['output']>;
  message?: Maybe<Scalars['String']['output']>;
  ok: Scalars['Boolean']['output'];
};

export type ConnectionLag = {
  __typename?: 'ConnectionLag';
  /** Seconds since the oldest stock change or shipment still waiting to be pushed; 0 when none waits. */
  outboundSeconds: Scalars['Int']['output'];
  /** Shipped hub shipments waiting to be confirmed on this channel. */
  pendingFulfillments: Scalars['Int']['output'];
  /** SKUs whose stock is waiting to be pushed to this channel. */
  pendingStockSkus: Scalars['Int']['output'];
  /** Seconds since the last successful sync; null before the first one. */
  syncSeconds?: Maybe<Scalars['Int']['output']>;
};

/** One field of a connector's connection config. */
export type ConnectorConfigField = {
  __typename?: 'ConnectorConfigField';
  defaultValue?: Maybe<Scalars['JSON']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** The allowed values of an enumerated field. */
  options: Array<Scalars['String']['output']>;
  /** Must be given (no default). */
  required: Scalars['Boolean']['output'];
  /** A credential: encrypted at rest, never returned. */
  secret: Scalars['Boolean']['output'];
  type: ConnectorConfigFieldType;
};

export type ConnectorConfigFieldType =
  | 'BOOLEAN'
  /** An object or a list, given as JSON. */
  | 'JSON'
  | 'NUMBER'
  | 'STRING';

export type DeadLetter = {
  __typename?: 'DeadLetter';
  attempts: Scalars['Int']['output'];
  /** The record's id on the channel (an order id; a SKU for stock; a hub shipment id for fulfillments). */
  channelRecordId: Scalars['String']['output'];
  /** INBOX letters: the CSV column or EDI segment at fault, when known. */
  column?: Maybe<Scalars['String']['output']>;
  connection: ChannelConnection;
  createdAt: Scalars['DateTime']['output'];
  /** INBOX letters: the file the channel dropped. */
  file?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The raw channel record, the canonical order or the push, for a person to inspect. */
  raw?: Maybe<Scalars['JSON']['output']>;
  reason: Scalars['String']['output'];
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  retriedAt?: Maybe<Scalars['DateTime']['output']>;
  /** INBOX letters: the row in the file (header = 1); null for a whole file or an EDI document. */
  row?: Maybe<Scalars['Int']['output']>;
  /**
   * MAP: the connector could not read it; HUB: the hub refused it; CHANNEL: the channel refused a push;
   * FILE: a row or document of a file the channel dropped could not be read or applied.
   */
  stage: Scalars['String']['output'];
  status: DeadLetterStatus;
  /** INBOX letters of a stock count the hub refused because it is below what is reserved. */
  stockCountRefusal?: Maybe<RefusedStockCount>;
  stream: DeadLetterStream;
  updatedAt: Scalars['DateTime']['output'];
};

export type DeadLetterConnection = {
  __typename?: 'DeadLetterConnection';
  edges: Array<DeadLetterEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type DeadLetterEdge = {
  __typename?: 'DeadLetterEdge';
  cursor: Scalars['String']['output'];
  node: DeadLetter;
};

export type DeadLetterStatus =
  | 'OPEN'
  /** The record went through later. */
  | 'RESOLVED'
  /** A retry is under way. */
  | 'RETRYING';

export type DeadLetterStream =
  | 'FULFILLMENTS'
  /**
   * What a connector's inbox could not apply from a file the channel dropped (orders, shipment
   * confirmations, stock counts, EDI). Not retried by retryDeadLetters: the partner sends a corrected file.
   */
  | 'INBOX'
  | 'ORDERS'
  | 'STOCK';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Adds a connection. The config is validated by the connector's schema (errors name the field, e.g.
   * `input.config.accessToken`) and tried against the channel (`check`) before anything is stored.
   * Credentials are encrypted at rest. The first sync starts at once.
   */
  addChannelConnection: ChannelConnection;
  /** Sets how often the connection's stock is reconciled on schedule, and whether those runs correct drift or only report it. */
  configureStockReconciliation: ChannelConnection;
  /** Stops syncing and pushing for this connection until it is resumed. Idempotent. */
  pauseChannelConnection: ChannelConnection;
  /**
   * Compares the stock the channel shows for the connection's listed SKUs with what the hub would
   * publish (available − stockBuffer, per mapped location) and, unless `dryRun`, writes the hub's
   * quantity where they differ. The report is kept as the connection's `lastStockReconciliation`.
   * A connector without the capability `stock.read` is refused (BAD_USER_INPUT naming it); a paused or
   * parked connection is not corrected (CONFLICT), only looked at with `dryRun`.
   */
  reconcileChannelStock: StockReconciliation;
  /** Resumes a paused or parked connection (a parked one is checked against the channel first) and syncs at once. */
  resumeChannelConnection: ChannelConnection;
  /**
   * Retries open dead letters of a connection (all of them without `ids`): orders the hub refused are
   * sent again; records the connector could not read are read again from the channel by the next sync;
   * failed pushes are pushed again. Returns the dead letters as they are after the retry was started.
   */
  retryDeadLetters: Array<DeadLetter>;
  /**
   * Starts an orders sync now; while one runs, returns that run instead of starting another. For a
   * connector whose channel drops files (ERP/WMS), the run then applies the connection's inbox.
   */
  triggerChannelSync: SyncRun;
  /**
   * Changes a connection's settings. A new config (e.g. rotated credentials) is validated and checked
   * like a new one; secret fields left out keep their stored value.
   */
  updateChannelConnection: ChannelConnection;
};


export type MutationAddChannelConnectionArgs = {
  input: AddChannelConnectionInput;
};


export type MutationConfigureStockReconciliationArgs = {
  id: Scalars['ID']['input'];
  input: StockReconciliationSettingsInput;
};


export type MutationPauseChannelConnectionArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationReconcileChannelStockArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
};


export type MutationResumeChannelConnectionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRetryDeadLettersArgs = {
  connectionId: Scalars['ID']['input'];
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
};


export type MutationTriggerChannelSyncArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateChannelConnectionArgs = {
  id: Scalars['ID']['input'];
  input: UpdateChannelConnectionInput;
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
  /** A connection by id; null when unknown. */
  channelConnection?: Maybe<ChannelConnection>;
  /** Channel connections, oldest first. PARTNER keys see the connections of their channels only. */
  channelConnections: Array<ChannelConnection>;
  /** The connectors this hub can run (the connector packages installed with it), with what each can do and its credential fields. */
  channelConnectors: Array<ChannelConnector>;
};


export type QueryChannelConnectionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryChannelConnectionsArgs = {
  kind?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<ChannelConnectionStatus>;
};

/** A stock count from the channel's warehouse that the hub refused: it is below what is reserved there. Nothing was written. */
export type RefusedStockCount = {
  __typename?: 'RefusedStockCount';
  count: Scalars['Int']['output'];
  /** The INBOX dead letter holding it. */
  deadLetterId: Scalars['ID']['output'];
  file: Scalars['String']['output'];
  /** The hub location the count was for. */
  locationId: Scalars['String']['output'];
  refusedAt: Scalars['DateTime']['output'];
  /** Units reserved there when the count was refused; null when the hub could not say. */
  reserved?: Maybe<Scalars['Int']['output']>;
  row: Scalars['Int']['output'];
  sku: Scalars['String']['output'];
  /** The warehouse code in the file. */
  warehouse: Scalars['String']['output'];
};

export type StockDrift = {
  __typename?: 'StockDrift';
  /** The channel location compared (MSI source, Shopify location, PrestaShop shop). */
  channelLocationId?: Maybe<Scalars['String']['output']>;
  /** What the channel showed; null when it does not list the SKU there. */
  channelQuantity?: Maybe<Scalars['Int']['output']>;
  /** channelQuantity − hubQuantity (an unlisted SKU counts as 0). */
  difference: Scalars['Int']['output'];
  /** When the hub last changed this SKU's stock. */
  hubChangedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Seconds between the hub's last change of this SKU and the reconciliation. */
  hubChangedSecondsAgo?: Maybe<Scalars['Int']['output']>;
  /** What the hub publishes: available − stockBuffer, never below zero. */
  hubQuantity: Scalars['Int']['output'];
  outcome: StockDriftOutcome;
  /** Why it was not corrected (the channel's refusal, a queued push). */
  reason?: Maybe<Scalars['String']['output']>;
  sku: Scalars['String']['output'];
};

export type StockDriftOutcome =
  /** The hub's quantity was written to the channel. */
  | 'CORRECTED'
  /** The write failed (channel unreachable, credentials refused); the next run tries again. */
  | 'FAILED'
  /** A stock push for the SKU is already queued; it will publish the current level. */
  | 'PENDING_PUSH'
  /** The channel refused the hub's quantity (e.g. it does not know the SKU). */
  | 'REFUSED'
  /** Found and left as it is (dry run). */
  | 'REPORTED';

export type StockReconciliation = {
  __typename?: 'StockReconciliation';
  /** Channel quantities compared (listed SKUs the hub knows, per published location). */
  checked: Scalars['Int']['output'];
  connection: ChannelConnection;
  /** Quantities written to the channel by this run. */
  corrected: Scalars['Int']['output'];
  /** Each difference found, by SKU (the first 1000; `drifted` counts them all). */
  drift: Array<StockDrift>;
  /** Quantities that differed. */
  drifted: Scalars['Int']['output'];
  /** Report only: nothing was written to the channel. */
  dryRun: Scalars['Boolean']['output'];
  error?: Maybe<Scalars['String']['output']>;
  finishedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** Listed SKUs the hub has no inventory item for (nothing to compare). */
  notInHub: Scalars['Int']['output'];
  /** Hub levels at channel locations the connector does not read back (with a locationMap, only the connection's own location is read). */
  notRead: Scalars['Int']['output'];
  startedAt: Scalars['DateTime']['output'];
  /** FAILED: the channel could not be read, or a correction could not be written (see error and each drift's outcome). */
  status: StockReconciliationStatus;
  trigger: StockReconciliationTrigger;
};

export type StockReconciliationSettings = {
  __typename?: 'StockReconciliationSettings';
  /** Whether scheduled runs write the hub's quantities (true, the default) or only report drift. */
  correct: Scalars['Boolean']['output'];
  /** Seconds between scheduled reconciliations (default 3600). */
  intervalSeconds: Scalars['Int']['output'];
  nextRunAt?: Maybe<Scalars['DateTime']['output']>;
};

export type StockReconciliationSettingsInput = {
  /** Whether scheduled runs correct drift (default true) or only report it. */
  correct?: InputMaybe<Scalars['Boolean']['input']>;
  /** Seconds between scheduled runs: 60 to 604800 (a week). */
  intervalSeconds: Scalars['Int']['input'];
};

export type StockReconciliationStatus =
  | 'FAILED'
  | 'SUCCEEDED';

export type StockReconciliationTrigger =
  | 'MANUAL'
  | 'SCHEDULE';

export type SyncProgress = {
  __typename?: 'SyncProgress';
  batches: Scalars['Int']['output'];
  cancelled: Scalars['Int']['output'];
  /** The checkpoint saved after the last batch. */
  checkpoint?: Maybe<Scalars['String']['output']>;
  created: Scalars['Int']['output'];
  deadLettered: Scalars['Int']['output'];
  imported: Scalars['Int']['output'];
  read: Scalars['Int']['output'];
  unchanged: Scalars['Int']['output'];
};

export type SyncRun = {
  __typename?: 'SyncRun';
  connection: ChannelConnection;
  /** Why the run failed or was aborted. */
  error?: Maybe<Scalars['String']['output']>;
  /** FAILED runs: the error's class (TRANSIENT, RATE_LIMITED, AUTH, CONFIG). */
  errorKind?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Updated after every batch, so it is visible while the run is going. */
  progress: SyncProgress;
  startedAt: Scalars['DateTime']['output'];
  status: SyncRunStatus;
  /** The stream synced: `orders`. */
  stream: Scalars['String']['output'];
  trigger: SyncTrigger;
};

export type SyncRunStatus =
  | 'ABORTED'
  | 'FAILED'
  | 'RUNNING'
  | 'SUCCEEDED';

export type SyncTrigger =
  | 'MANUAL'
  | 'RETRY'
  | 'SCHEDULE';

export type UpdateChannelConnectionInput = {
  config?: InputMaybe<Scalars['JSON']['input']>;
  locationMap?: InputMaybe<Scalars['JSON']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  skus?: InputMaybe<Array<Scalars['String']['input']>>;
  stockBuffer?: InputMaybe<Scalars['Int']['input']>;
  syncIntervalSeconds?: InputMaybe<Scalars['Int']['input']>;
  webhookSecret?: InputMaybe<Scalars['String']['input']>;
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
  ChannelConnection: ChannelConnection;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  ChannelConnection:
    ( { __typename: 'ChannelConnection' }
    & GraphQLRecursivePick<FederationTypes['ChannelConnection'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AddChannelConnectionInput: AddChannelConnectionInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ChannelConnection: ResolverTypeWrapper<ConnectionRecord>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ChannelConnectionStatus: ChannelConnectionStatus;
  ChannelConnector: ResolverTypeWrapper<AnyConnector>;
  ConnectionCounts: ResolverTypeWrapper<ConnectionCounts>;
  ConnectionHealth: ResolverTypeWrapper<ConnectionHealth>;
  ConnectionLag: ResolverTypeWrapper<ConnectionLag>;
  ConnectorConfigField: ResolverTypeWrapper<ConnectorConfigField>;
  ConnectorConfigFieldType: ConnectorConfigFieldType;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeadLetter: ResolverTypeWrapper<DeadLetterRecord>;
  DeadLetterConnection: ResolverTypeWrapper<DeadLetterConnectionRecord>;
  DeadLetterEdge: ResolverTypeWrapper<Omit<DeadLetterEdge, 'node'> & { node: ResolversTypes['DeadLetter'] }>;
  DeadLetterStatus: DeadLetterStatus;
  DeadLetterStream: DeadLetterStream;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RefusedStockCount: ResolverTypeWrapper<RefusedStockCount>;
  StockDrift: ResolverTypeWrapper<StockDriftView>;
  StockDriftOutcome: StockDriftOutcome;
  StockReconciliation: ResolverTypeWrapper<StockReconciliationView>;
  StockReconciliationSettings: ResolverTypeWrapper<StockReconciliationSettings>;
  StockReconciliationSettingsInput: StockReconciliationSettingsInput;
  StockReconciliationStatus: StockReconciliationStatus;
  StockReconciliationTrigger: StockReconciliationTrigger;
  SyncProgress: ResolverTypeWrapper<SyncProgress>;
  SyncRun: ResolverTypeWrapper<SyncRunRecord>;
  SyncRunStatus: SyncRunStatus;
  SyncTrigger: SyncTrigger;
  UpdateChannelConnectionInput: UpdateChannelConnectionInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AddChannelConnectionInput: AddChannelConnectionInput;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  ChannelConnection: ConnectionRecord;
  ID: Scalars['ID']['output'];
  Boolean: Scalars['Boolean']['output'];
  ChannelConnector: AnyConnector;
  ConnectionCounts: ConnectionCounts;
  ConnectionHealth: ConnectionHealth;
  ConnectionLag: ConnectionLag;
  ConnectorConfigField: ConnectorConfigField;
  DateTime: Scalars['DateTime']['output'];
  DeadLetter: DeadLetterRecord;
  DeadLetterConnection: DeadLetterConnectionRecord;
  DeadLetterEdge: Omit<DeadLetterEdge, 'node'> & { node: ResolversParentTypes['DeadLetter'] };
  JSON: Scalars['JSON']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  RefusedStockCount: RefusedStockCount;
  StockDrift: StockDriftView;
  StockReconciliation: StockReconciliationView;
  StockReconciliationSettings: StockReconciliationSettings;
  StockReconciliationSettingsInput: StockReconciliationSettingsInput;
  SyncProgress: SyncProgress;
  SyncRun: SyncRunRecord;
  UpdateChannelConnectionInput: UpdateChannelConnectionInput;
};

export type ChannelConnectionResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['ChannelConnection'] = ResolversParentTypes['ChannelConnection'], FederationReferenceType extends FederationReferenceTypes['ChannelConnection'] = FederationReferenceTypes['ChannelConnection']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ChannelConnection']> | FederationReferenceType, FederationReferenceType, ContextType>;
  capabilities?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  config?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  counts?: Resolver<ResolversTypes['ConnectionCounts'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currentRun?: Resolver<Maybe<ResolversTypes['SyncRun']>, ParentType, ContextType>;
  deadLetters?: Resolver<ResolversTypes['DeadLetterConnection'], ParentType, ContextType, RequireFields<ChannelConnectionDeadLettersArgs, 'first'>>;
  health?: Resolver<ResolversTypes['ConnectionHealth'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lag?: Resolver<ResolversTypes['ConnectionLag'], ParentType, ContextType>;
  lastStockReconciliation?: Resolver<Maybe<ResolversTypes['StockReconciliation']>, ParentType, ContextType>;
  lastSuccessAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastSyncAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  listedSkus?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  locationMap?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nextSyncAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  parkedReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  refusedStockCounts?: Resolver<Array<ResolversTypes['RefusedStockCount']>, ParentType, ContextType, RequireFields<ChannelConnectionRefusedStockCountsArgs, 'first'>>;
  runs?: Resolver<Array<ResolversTypes['SyncRun']>, ParentType, ContextType, RequireFields<ChannelConnectionRunsArgs, 'first'>>;
  skus?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ChannelConnectionStatus'], ParentType, ContextType>;
  statusReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stockBuffer?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stockDrift?: Resolver<Array<ResolversTypes['StockDrift']>, ParentType, ContextType>;
  stockReconciliation?: Resolver<Maybe<ResolversTypes['StockReconciliationSettings']>, ParentType, ContextType>;
  syncIntervalSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  webhookPath?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  webhookSecretSet?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ChannelConnectorResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['ChannelConnector'] = ResolversParentTypes['ChannelConnector']> = {
  capabilities?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  configFields?: Resolver<Array<ResolversTypes['ConnectorConfigField']>, ParentType, ContextType>;
  configSchema?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  secretFields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  webhooks?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ConnectionCountsResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['ConnectionCounts'] = ResolversParentTypes['ConnectionCounts']> = {
  cancelled?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  deadLetters?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  imported?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pushedFulfillments?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pushedStock?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unchanged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  webhooksReceived?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ConnectionHealthResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['ConnectionHealth'] = ResolversParentTypes['ConnectionHealth']> = {
  lastCheckAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  message?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ConnectionLagResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['ConnectionLag'] = ResolversParentTypes['ConnectionLag']> = {
  outboundSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pendingFulfillments?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pendingStockSkus?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  syncSeconds?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type ConnectorConfigFieldResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['ConnectorConfigField'] = ResolversParentTypes['ConnectorConfigField']> = {
  defaultValue?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  options?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  required?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['ConnectorConfigFieldType'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeadLetterResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['DeadLetter'] = ResolversParentTypes['DeadLetter']> = {
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  channelRecordId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  column?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  connection?: Resolver<ResolversTypes['ChannelConnection'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  file?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  raw?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  retriedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  row?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  stage?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DeadLetterStatus'], ParentType, ContextType>;
  stockCountRefusal?: Resolver<Maybe<ResolversTypes['RefusedStockCount']>, ParentType, ContextType>;
  stream?: Resolver<ResolversTypes['DeadLetterStream'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type DeadLetterConnectionResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['DeadLetterConnection'] = ResolversParentTypes['DeadLetterConnection']> = {
  edges?: Resolver<Array<ResolversTypes['DeadLetterEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DeadLetterEdgeResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['DeadLetterEdge'] = ResolversParentTypes['DeadLetterEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['DeadLetter'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MutationResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addChannelConnection?: Resolver<ResolversTypes['ChannelConnection'], ParentType, ContextType, RequireFields<MutationAddChannelConnectionArgs, 'input'>>;
  configureStockReconciliation?: Resolver<ResolversTypes['ChannelConnection'], ParentType, ContextType, RequireFields<MutationConfigureStockReconciliationArgs, 'id' | 'input'>>;
  pauseChannelConnection?: Resolver<ResolversTypes['ChannelConnection'], ParentType, ContextType, RequireFields<MutationPauseChannelConnectionArgs, 'id'>>;
  reconcileChannelStock?: Resolver<ResolversTypes['StockReconciliation'], ParentType, ContextType, RequireFields<MutationReconcileChannelStockArgs, 'dryRun' | 'id'>>;
  resumeChannelConnection?: Resolver<ResolversTypes['ChannelConnection'], ParentType, ContextType, RequireFields<MutationResumeChannelConnectionArgs, 'id'>>;
  retryDeadLetters?: Resolver<Array<ResolversTypes['DeadLetter']>, ParentType, ContextType, RequireFields<MutationRetryDeadLettersArgs, 'connectionId'>>;
  triggerChannelSync?: Resolver<ResolversTypes['SyncRun'], ParentType, ContextType, RequireFields<MutationTriggerChannelSyncArgs, 'id'>>;
  updateChannelConnection?: Resolver<ResolversTypes['ChannelConnection'], ParentType, ContextType, RequireFields<MutationUpdateChannelConnectionArgs, 'id' | 'input'>>;
};

export type PageInfoResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  channelConnection?: Resolver<Maybe<ResolversTypes['ChannelConnection']>, ParentType, ContextType, RequireFields<QueryChannelConnectionArgs, 'id'>>;
  channelConnections?: Resolver<Array<ResolversTypes['ChannelConnection']>, ParentType, ContextType, Partial<QueryChannelConnectionsArgs>>;
  channelConnectors?: Resolver<Array<ResolversTypes['ChannelConnector']>, ParentType, ContextType>;
};

export type RefusedStockCountResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['RefusedStockCount'] = ResolversParentTypes['RefusedStockCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  deadLetterId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  file?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  locationId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  refusedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reserved?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  row?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  warehouse?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StockDriftResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['StockDrift'] = ResolversParentTypes['StockDrift']> = {
  channelLocationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  channelQuantity?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  difference?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  hubChangedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  hubChangedSecondsAgo?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  hubQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['StockDriftOutcome'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StockReconciliationResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['StockReconciliation'] = ResolversParentTypes['StockReconciliation']> = {
  checked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  connection?: Resolver<ResolversTypes['ChannelConnection'], ParentType, ContextType>;
  corrected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  drift?: Resolver<Array<ResolversTypes['StockDrift']>, ParentType, ContextType>;
  drifted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  notInHub?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  notRead?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['StockReconciliationStatus'], ParentType, ContextType>;
  trigger?: Resolver<ResolversTypes['StockReconciliationTrigger'], ParentType, ContextType>;
};

export type StockReconciliationSettingsResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['StockReconciliationSettings'] = ResolversParentTypes['StockReconciliationSettings']> = {
  correct?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  intervalSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  nextRunAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type SyncProgressResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['SyncProgress'] = ResolversParentTypes['SyncProgress']> = {
  batches?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cancelled?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  checkpoint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  created?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  deadLettered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  imported?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  read?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unchanged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SyncRunResolvers<ContextType = ChannelsContext, ParentType extends ResolversParentTypes['SyncRun'] = ResolversParentTypes['SyncRun']> = {
  connection?: Resolver<ResolversTypes['ChannelConnection'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  errorKind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['SyncProgress'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SyncRunStatus'], ParentType, ContextType>;
  stream?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  trigger?: Resolver<ResolversTypes['SyncTrigger'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ChannelsContext> = {
  ChannelConnection?: ChannelConnectionResolvers<ContextType>;
  ChannelConnector?: ChannelConnectorResolvers<ContextType>;
  ConnectionCounts?: ConnectionCountsResolvers<ContextType>;
  ConnectionHealth?: ConnectionHealthResolvers<ContextType>;
  ConnectionLag?: ConnectionLagResolvers<ContextType>;
  ConnectorConfigField?: ConnectorConfigFieldResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeadLetter?: DeadLetterResolvers<ContextType>;
  DeadLetterConnection?: DeadLetterConnectionResolvers<ContextType>;
  DeadLetterEdge?: DeadLetterEdgeResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RefusedStockCount?: RefusedStockCountResolvers<ContextType>;
  StockDrift?: StockDriftResolvers<ContextType>;
  StockReconciliation?: StockReconciliationResolvers<ContextType>;
  StockReconciliationSettings?: StockReconciliationSettingsResolvers<ContextType>;
  SyncProgress?: SyncProgressResolvers<ContextType>;
  SyncRun?: SyncRunResolvers<ContextType>;
};

