// Runs the customers subgraph on its own (MONGODB_URI, CUSTOMERS_PORT); `npm start` runs it in-process.
import { createLogger, refuseToStartWithoutSharedSecrets, subgraphOptionsFromEnv } from '@oms/platform';
import { startCustomersSubgraph } from './server';

export { startCustomersSubgraph };

if (require.main === module) {
  // On its own it must share the gateway's secret: one it made up would refuse every request.
  refuseToStartWithoutSharedSecrets('customers subgraph');
  const log = createLogger('customers');
  startCustomersSubgraph(subgraphOptionsFromEnv('customers'))
    .then((running) => {
      log.info({ url: running.service.url }, 'customers subgraph ready');
      const stop = () => void running.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error) => {
      log.error({ err: error }, 'customers subgraph failed to start');
      process.exit(1);
    });
}
