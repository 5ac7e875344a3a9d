// Tunables of the webhooks subgraph, from the environment (tests shorten the backoff): declared with
// their defaults in config.ts, read when the subgraph starts.
import { webhooksConfig } from './config';

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

/** The settings from the environment (ConfigurationError naming a bad variable), with `overrides` on top. */
export function settingsFromEnv(overrides: Partial<WebhookSettings> = {}): WebhookSettings {
  const values = webhooksConfig.read();
  return {
    backoffBaseMs: values.OMS_WEBHOOK_BACKOFF_BASE_MS,
    backoffCapMs: values.OMS_WEBHOOK_BACKOFF_CAP_MS,
    maxAttempts: values.OMS_WEBHOOK_MAX_ATTEMPTS,
    timeoutMs: values.OMS_WEBHOOK_TIMEOUT_MS,
    followIntervalMs: values.OMS_WEBHOOK_FOLLOW_INTERVAL_MS,
    sweepIntervalMs: values.OMS_WEBHOOK_SWEEP_INTERVAL_MS,
    concurrency: values.OMS_WEBHOOK_CONCURRENCY,
    queuePrefix: values.OMS_WEBHOOK_QUEUE_PREFIX,
    allowPrivateUrls: values.OMS_WEBHOOK_ALLOW_PRIVATE_URLS,
    maxEndpointsPerOwner: values.OMS_WEBHOOK_MAX_ENDPOINTS_PER_OWNER,
    keyRecheckMs: values.OMS_WEBHOOK_KEY_RECHECK_MS,
    ...overrides,
  };
}
