// What a connector's test hands the conformance suite: the connector, a way to start its channel
// simulator, and a way to start a hub. Every simulator implements SimulatorHandle.
import type { Connector } from '../connector';

export interface SimulatorRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  /** Epoch ms when the simulator received it (used to prove Retry-After was waited). */
  at?: number;
}

export interface SimulatorFaults {
  /** The next n API requests get 429 with this Retry-After. */
  rateLimitNext(n: number, retryAfterSeconds: number): void;
  /** The next n API requests fail with this status (default 500). */
  failNext(n: number, status?: number): void;
  /** After n more requests, the next request's connection is reset (once). */
  crashAfterRequests(n: number): void;
}

export interface SimulatorHandle<TConfig> {
  config: TConfig;
  /** The same connection with a credential the channel refuses. */
  badCredentialsConfig: TConfig;
  baseUrl: string;
  /** SKUs the simulator's orders use; the hub needs inventory items for them. */
  skus: string[];
  faults: SimulatorFaults;
  /** Makes the order unmappable (e.g. a line without SKU) and marks it updated. */
  corruptOrder(channelOrderId: string): void;
  /** Cancels the order on the channel (updated now). */
  cancelOrder(channelOrderId: string): void;
  /** Creates n new orders (updated now); resolves their channel order ids. */
  addOrders(n: number): Promise<string[]>;
  /** Channel order ids, as the connector reports them in CanonicalOrder.channelOrderId. */
  orderIds(): string[];
  requests(): SimulatorRequest[];
  /** What the channel shows as available for this SKU (its default location). */
  stockOf(sku: string): number | undefined;
  fulfillmentsOf(channelOrderId: string): Array<{ trackingNumber: string; carrier: string; trackingUrl?: string }>;
  stop(): Promise<void>;
}

export interface ConformanceHub {
  gatewayUrl: string;
  headers: Record<string, string>;
  gql: (query: string, variables?: object) => Promise<any>;
  stop(): Promise<void>;
}

export interface ConformanceTarget<TConfig> {
  connector: Connector<TConfig>;
  startSimulator(options: { orders: number; pageSize?: number }): Promise<SimulatorHandle<TConfig>>;
  /** Starts a hub (the test passes startTestStack from test/support/stack.ts). */
  startHub(): Promise<ConformanceHub>;
}

export interface ConformanceOptions {
  /** Per-test timeout; default 60 s. */
  timeoutMs?: number;
  /** Hub channel names are `<prefix>-<case>`; default the connector's manifest id. */
  channelPrefix?: string;
}
