// The webhooks subgraph's own variables: delivery retries and pace, endpoint limits, the queue prefix
// and whether partner endpoints may point at private addresses. settings.ts turns them into WebhookSettings.
import { defineConfig, env } from '@oms/platform';

export const webhooksConfig = defineConfig('webhooks subgraph', {
  OMS_WEBHOOK_BACKOFF_BASE_MS: env.number(1_000, 'First retry of a delivery waits up to this long; each failure doubles it (full jitter).'),
  OMS_WEBHOOK_BACKOFF_CAP_MS: env.number(600_000, 'Longest wait between two attempts of a delivery.'),
  OMS_WEBHOOK_MAX_ATTEMPTS: env.number(12, 'Attempts per round (a redelivery starts a new round) before a delivery is DEAD.'),
  OMS_WEBHOOK_TIMEOUT_MS: env.number(10_000, "Per attempt: connect, send and receive the answer's status."),
  OMS_WEBHOOK_FOLLOW_INTERVAL_MS: env.number(60_000, 'How often the event logs are read when no notice arrives, and how long the list of active endpoints is trusted.'),
  OMS_WEBHOOK_SWEEP_INTERVAL_MS: env.number(60_000, 'Without Redis, the longest the delivery scheduler sleeps.'),
  OMS_WEBHOOK_CONCURRENCY: env.number(10, 'Deliveries sent at once by one process.'),
  OMS_WEBHOOK_QUEUE_PREFIX: env.textOr('oms', 'BullMQ key prefix, to keep hubs (and test runs) sharing one Redis apart.'),
  OMS_WEBHOOK_ALLOW_PRIVATE_URLS: env.flag(false, 'Lets PARTNER endpoints point at loopback and private addresses (development and tests only).'),
  OMS_WEBHOOK_MAX_ENDPOINTS_PER_OWNER: env.number(10, 'Endpoints one partner may have registered at once.'),
  OMS_WEBHOOK_KEY_RECHECK_MS: env.number(5_000, 'How long a registering API key found standing is trusted before it is asked about again.'),
});
