// Runs the webhooks subgraph on its own (MONGODB_URI, WEBHOOKS_PORT, GATEWAY_URL, peers' <NAME>_URL,
// REDIS_URL for BullMQ); `npm start` runs it in-process.
import { createLogger, refuseToStartWithoutSharedSecrets, subgraphOptionsFromEnv } from '@oms/platform';
import { startWebhooksSubgraph } from './server';

export { startWebhooksSubgraph };
export type { RunningWebhooksSubgraph } from './server';
export type { WebhookSettings } from './settings';
export { signPayload, verifySignature } from './services/signature';
export { queueNameFor } from './services/bull-queue';

if (require.main === module) {
  // On its own it must share the gateway's secret: one it made up would refuse every request.
  refuseToStartWithoutSharedSecrets('webhooks subgraph');
  const log = createLogger('webhooks');
  startWebhooksSubgraph(subgraphOptionsFromEnv('webhooks'))
    .then((running) => {
      log.info({ url: running.service.url, queue: running.queueKind }, 'webhooks subgraph ready');
      const stop = () => void running.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error) => {
      log.error({ err: error }, 'webhooks subgraph failed to start');
      process.exit(1);
    });
}
