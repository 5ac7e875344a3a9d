// Runs the fulfillment subgraph on its own (MONGODB_URI, FULFILLMENT_PORT); `npm start` runs it in-process.
import { createLogger, refuseToStartWithoutSharedSecrets, subgraphOptionsFromEnv } from '@oms/platform';
import { startFulfillmentSubgraph } from './server';

export { startFulfillmentSubgraph };

if (require.main === module) {
  // On its own it must share the gateway's secret: one it made up would refuse every request.
  refuseToStartWithoutSharedSecrets('fulfillment subgraph');
  const log = createLogger('fulfillment');
  startFulfillmentSubgraph(subgraphOptionsFromEnv('fulfillment'))
    .then((running) => {
      log.info({ url: running.service.url }, 'fulfillment subgraph ready');
      const stop = () => void running.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error) => {
      log.error({ err: error }, 'fulfillment subgraph failed to start');
      process.exit(1);
    });
}
