// Tunables of the subscription server, with defaults (and OMS_SUBSCRIPTION_* overrides for deployments).

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
  /** How often API-key credentials of open connections are checked again (revoked → 4401). */
  reauthenticateMs: number;
  /** How long shutdown waits for `complete` messages and close handshakes. */
  shutdownGraceMs: number;
}

function fromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function subscriptionOptions(overrides: Partial<SubscriptionOptions> = {}): SubscriptionOptions {
  return {
    maxQueuedEvents: fromEnv('OMS_SUBSCRIPTION_MAX_QUEUE', 1_000),
    maxBufferedBytes: fromEnv('OMS_SUBSCRIPTION_MAX_BUFFERED_BYTES', 16 * 1024 * 1024),
    heartbeatMs: fromEnv('OMS_SUBSCRIPTION_HEARTBEAT_MS', 15_000),
    pollIntervalMs: fromEnv('OMS_SUBSCRIPTION_POLL_MS', 1_000),
    replayPageSize: 100,
    reauthenticateMs: 60_000,
    shutdownGraceMs: 3_000,
    ...overrides,
  };
}
