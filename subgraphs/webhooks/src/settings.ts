// Tunables of the webhooks subgraph, from the environment (tests shorten the backoff).
export interface WebhookSettings {
  /** First retry waits up to this long; each failure doubles it (full jitter). */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Attempts per round (a redelivery starts a new round) before a delivery is DEAD. */
  maxAttempts: number;
  /** Per attempt: connect, send and receive the answer's status. */
  timeoutMs: number;
  /**
   * How often the event logs are read when no notice arrives (notices wake the reader at once; this
   * is the safety net for a lost notice), and how long the list of active endpoints is trusted
   * (a change through this process is seen at once).
   */
  followIntervalMs: number;
  /**
   * Without Redis, the longest the scheduler sleeps: it is armed for the next due delivery and woken by
   * every new delivery and retry, so this only catches deliveries another process wrote.
   */
  sweepIntervalMs: number;
  /** Deliveries sent at once by one process. */
  concurrency: number;
  /** BullMQ key prefix, to keep hubs (and test runs) sharing one Redis apart. */
  queuePrefix: string;
  /** Lets PARTNER endpoints point at loopback / private addresses (development and tests only). */
  allowPrivateUrls: boolean;
  /** Endpoints one partner may have registered at once (the back office is not limited). */
  maxEndpointsPerOwner: number;
  /** How long a registering API key found standing is trusted before it is asked about again (revocation). */
  keyRecheckMs: number;
}

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

export function settingsFromEnv(overrides: Partial<WebhookSettings> = {}): WebhookSettings {
  return {
    backoffBaseMs: number('OMS_WEBHOOK_BACKOFF_BASE_MS', 1_000),
    backoffCapMs: number('OMS_WEBHOOK_BACKOFF_CAP_MS', 600_000),
    maxAttempts: number('OMS_WEBHOOK_MAX_ATTEMPTS', 12),
    timeoutMs: number('OMS_WEBHOOK_TIMEOUT_MS', 10_000),
    followIntervalMs: number('OMS_WEBHOOK_FOLLOW_INTERVAL_MS', 60_000),
    sweepIntervalMs: number('OMS_WEBHOOK_SWEEP_INTERVAL_MS', 60_000),
    concurrency: number('OMS_WEBHOOK_CONCURRENCY', 10),
    queuePrefix: process.env.OMS_WEBHOOK_QUEUE_PREFIX || 'oms',
    allowPrivateUrls: ['1', 'true'].includes(process.env.OMS_WEBHOOK_ALLOW_PRIVATE_URLS ?? ''),
    maxEndpointsPerOwner: number('OMS_WEBHOOK_MAX_ENDPOINTS_PER_OWNER', 10),
    keyRecheckMs: number('OMS_WEBHOOK_KEY_RECHECK_MS', 5_000),
    ...overrides,
  };
}
