// Runs the orders subgraph on its own (MONGODB_URI, ORDERS_PORT); `npm start` runs it in-process.
import { createLogger, refuseToStartWithoutSharedSecrets, subgraphOptionsFromEnv } from '@oms/platform';
import { startOrdersSubgraph } from './server';

export { startOrdersSubgraph };

if (require.main === module) {
  // On its own it must share the gateway's secret: one it made up would refuse every request.
  refuseToStartWithoutSharedSecrets('orders subgraph');
  const log = createLogger('orders');
  startOrdersSubgraph(subgraphOptionsFromEnv('orders'))
    .then((running) => {
      log.info({ url: running.service.url }, 'orders subgraph ready');
      const stop = () => void running.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error) => {
      log.error({ err: error }, 'orders subgraph failed to start');
      process.exit(1);
    });
}
