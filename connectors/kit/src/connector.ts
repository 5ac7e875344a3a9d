// The contract every channel connector implements. A connector speaks its channel's API on one side
// and hands canonical records (hub shapes, see canonical.ts) to the runtime on the other; it never
// touches the hub's database. Everything generic (HTTP, retries, rate limits, cursors, dead letters)
// comes from the kit, so a connector is a manifest, a few stream readers, writers and mappers.
import type { z } from 'zod';
import type { ChannelHttpClient, ChannelHttpClientOptions } from './http-client';
import type { CanonicalFulfillment, CanonicalOrder, CanonicalPublishedStock, CanonicalStockLevel } from './canonical';
import type { HubHeaders } from './hub/hub-graphql';
import type { KitLogger } from './logger';

export type Capability = 'orders.read' | 'orders.webhook' | 'stock.write' | 'stock.read' | 'fulfillment.write';

/** How fast the channel lets us call it; the kit's HTTP client enforces it per connection. */
export interface RateLimitPolicy {
  /** Sustained requests per second. */
  requestsPerSecond: number;
  /** Requests that may go at once after a quiet period (leaky-bucket size). */
  burst: number;
  maxConcurrent: number;
}

export interface ConnectorManifest<TConfig> {
  /** Channel kind, e.g. `shopify`. */
  id: string;
  displayName: string;
  version: string;
  capabilities: Capability[];
  /** Validates a connection's configuration; errors name the field. */
  configSchema: z.ZodType<TConfig>;
  /** Config fields holding credentials: encrypted at rest, never returned by the graph. */
  secretFields: Array<keyof TConfig & string>;
  rateLimit: RateLimitPolicy;
}

/** What a connector call gets: the connection's HTTP client (rate-limited, retrying) and a logger. */
export interface ConnectorContext<TConfig> {
  config: TConfig;
  /** The hub channel name orders from this connection carry (e.g. `shopify-eu`). */
  channel: string;
  http: ChannelHttpClient;
  log: KitLogger;
  signal?: AbortSignal;
}

/** One record read from a channel: mapped, or unusable (dead-lettered with the reason, the rest go on). */
export type ChannelRecord<T> =
  | { ok: true; channelId: string; record: T }
  | { ok: false; channelId: string; reason: string; raw: unknown };

/**
 * A page of records and the checkpoint to resume after it. The runtime saves the checkpoint only
 * after the whole batch is handed to the hub (at least once; the hub's import is idempotent).
 */
export interface StreamBatch<T> {
  records: Array<ChannelRecord<T>>;
  checkpoint: string;
}

export interface StreamReader<TConfig, T> {
  /** Primary key of a record on the channel, for de-duplication and dead letters. */
  name: 'orders';
  /** Reads everything changed after `checkpoint` (null: from the start), oldest change first, page by page. */
  read(ctx: ConnectorContext<TConfig>, checkpoint: string | null): AsyncIterable<StreamBatch<T>>;
}

export interface WriteResult {
  /** Channel-side identifiers of what was written (fulfillment id, inventory adjustment id...). */
  reference?: string;
  /**
   * Stock levels the channel refused while it took the others (an unknown SKU, a product without
   * stock tracking): the runtime dead-letters each with its reason and counts the rest as published.
   */
  rejected?: Array<{ sku: string; channelLocationId?: string; reason: string }>;
}

export interface ParsedWebhook<T> {
  /** The channel's delivery id, used to drop duplicates. */
  deliveryId: string;
  topic: string;
  records: Array<ChannelRecord<T>>;
}

export interface WebhookRequest {
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

/** Something an inbox run could not apply, where it is (file, row, column or EDI segment) and why. */
export interface InboxDeadLetterEntry {
  /** What the record is about: orders (CSV rows, 850s), stock counts, shipment confirmations, EDI envelopes and replies. */
  stream: 'ORDERS' | 'STOCK' | 'FULFILLMENTS' | 'EDI';
  file: string;
  row?: number;
  column?: string;
  /** The record's id on the partner's side (order ref, PO number, SKU, file name). */
  channelId: string;
  reason: string;
  raw?: unknown;
}

/** A stock count the hub refused because it is below what is reserved at that location. */
export interface InboxStockRefusal {
  file: string;
  row: number;
  sku: string;
  locationId: string;
  warehouse: string;
  count: number;
  reserved: number | null;
}

/** What an inbox run is given: the hub's gateway, called as the connection, and where dead letters go. */
export interface InboxHub {
  url: string;
  headers: HubHeaders;
  /**
   * Called for each file with what it could not apply, before the file is moved out of the inbound
   * folder (a crash in between applies the file again and records the same letters again).
   */
  deadLetters(entries: InboxDeadLetterEntry[], stockRefusals: InboxStockRefusal[]): Promise<void>;
}

/** What one inbox run did: files applied, what could not be, and the stock counts the hub refused. */
export interface InboxOutcome {
  files: Array<{ file: string; outcome: string; applied: number; deadLettered: number }>;
  deadLetters: InboxDeadLetterEntry[];
  stockRefusals: InboxStockRefusal[];
}

/** What the runtime needs to build a connection's HTTP client; the rate limit defaults to the manifest's. */
export type ConnectorHttpOptions = Omit<ChannelHttpClientOptions, 'rateLimit' | 'log'> & { rateLimit?: RateLimitPolicy };

export interface Connector<TConfig = unknown> {
  manifest: ConnectorManifest<TConfig>;
  /**
   * Base URL, auth headers and channel-specific classification for this connection's HTTP client
   * (see createConnectorContext). Without it the runtime uses the config's `baseUrl` and the kit's
   * defaults, and the connector sets its credentials on each request.
   */
  httpOptions?(config: TConfig): ConnectorHttpOptions;
  /** Proves the config works (auth, shop reachable); throws a ConnectorError (kind CONFIG or AUTH) otherwise. */
  check(ctx: ConnectorContext<TConfig>): Promise<{ ok: true; details?: Record<string, unknown> }>;
  streams: { orders: StreamReader<TConfig, CanonicalOrder> };
  writers: {
    /** Publishes quantities (already buffered by the kit: available − buffer, never below zero). */
    setStock?(ctx: ConnectorContext<TConfig>, levels: CanonicalStockLevel[]): Promise<WriteResult>;
    /** Marks (part of) a channel order fulfilled, with tracking. */
    createFulfillment?(ctx: ConnectorContext<TConfig>, fulfillment: CanonicalFulfillment): Promise<WriteResult>;
  };
  readers?: {
    /**
     * What the channel shows now for these SKUs (capability `stock.read`), for stock reconciliation:
     * one entry per SKU asked (quantity null when the channel does not list it), batched and paged
     * as the channel's API allows.
     */
    publishedStock?(ctx: ConnectorContext<TConfig>, skus: string[]): Promise<CanonicalPublishedStock[]>;
  };
  /**
   * For channels that push work to us as files (ERP/WMS): applies what the partner dropped since the
   * last run (shipment confirmations, stock counts, EDI replies) through the hub's graph, called with
   * `hub.headers` (the connection's own identity), handing each file's dead letters to
   * `hub.deadLetters`. The runtime runs it after each orders sync, under the same lease. Throws a
   * ConnectorError when the channel cannot be reached (classified like a failed sync).
   */
  inbox?: {
    process(ctx: ConnectorContext<TConfig>, hub: InboxHub): Promise<InboxOutcome>;
  };
  webhooks?: {
    /** Throws ConnectorError kind AUTH when the signature does not verify. */
    verify(config: TConfig, request: WebhookRequest): void;
    parse(ctx: ConnectorContext<TConfig>, request: WebhookRequest): Promise<ParsedWebhook<CanonicalOrder>>;
  };
}
