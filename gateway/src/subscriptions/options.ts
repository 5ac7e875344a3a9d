// Tunables of the subscription server, with defaults (and OMS_SUBSCRIPTION_* overrides for deployments;
// README.md lists them).
import { readGatewaySettings } from '../config';

export interface SubscriptionOptions {
  /** Events a connection may have waiting before it is closed as too slow (4429). */
  maxQueuedEvents: number;
  /** Bytes a connection's socket may buffer before it is closed as too slow (4429). */
  maxBufferedBytes: number;
  /** WebSocket ping interval; a connection that misses a pong within it is terminated. */
  heartbeatMs: number;
  /** Silence after which a log is read anyway (lost notice, or no bus at all). */
  pollIntervalMs: number;
  /** Events per page when replaying from a cursor. */
  replayPageSize: number;
  /**
   * How far behind the end of its log a subscription's `after` may be (in events of the whole log);
   * an older cursor is refused with BAD_USER_INPUT on `after`, saying how to catch up instead.
   */
  maxReplayEvents: number;
  /** Replay pages read at once by this gateway, whoever replays: a replay from the start of a huge log cannot crowd out live work. */
  replayConcurrency: number;
  /** Delivery-time fetches run at once by this gateway (the rest wait their turn). */
  fetchConcurrency: number;
  /** Open graphql-ws connections on this gateway; more are refused at the upgrade (503 + Retry-After). */
  maxConnections: number;
  /** Open connections per API key (or token subject); more are closed at once with 4429. */
  maxConnectionsPerKey: number;
  /** Running subscriptions per connection; a subscribe over it fails with RATE_LIMITED before any work. */
  maxSubscriptionsPerConnection: number;
  /** Running subscriptions per API key across its connections. */
  maxSubscriptionsPerKey: number;
  /** Subscriptions of one key still replaying (`after`) at once; another replay is refused until one is live. */
  maxReplaysPerKey: number;
  /** How often the credentials of open connections are checked again: API keys, JWTs, and the keys behind signed identities (revoked → 4401). */
  reauthenticateMs: number;
  /** How long shutdown waits for `complete` messages and close handshakes. */
  shutdownGraceMs: number;
}


export function subscriptionOptions(overrides: Partial<SubscriptionOptions> = {}): SubscriptionOptions {
  return {
    ...readGatewaySettings().subscriptions,
    reauthenticateMs: 60_000,
    shutdownGraceMs: 3_000,
    ...overrides,
  };
}
