// Runs the inventory subgraph on its own (MONGODB_URI, INVENTORY_PORT); `npm start` runs it in-process.
import { createLogger, refuseToStartWithoutSharedSecrets, subgraphOptionsFromEnv } from '@oms/platform';
import { startInventorySubgraph } from './server';

export { startInventorySubgraph };

if (require.main === module) {
  // On its own it must share the gateway's secret: one it made up would refuse every request.
  refuseToStartWithoutSharedSecrets('inventory subgraph');
  const log = createLogger('inventory');
  startInventorySubgraph(subgraphOptionsFromEnv('inventory'))
    .then((running) => {
      log.info({ url: running.service.url }, 'inventory subgraph ready');
      const stop = () => void running.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error) => {
      log.error({ err: error }, 'inventory subgraph failed to start');
      process.exit(1);
    });
}
