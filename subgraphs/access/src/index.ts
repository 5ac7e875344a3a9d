// Runs the access subgraph on its own (MONGODB_URI, ACCESS_PORT); `npm start` runs it in-process.
import { createLogger, refuseToStartWithoutSharedSecrets, subgraphOptionsFromEnv } from '@oms/platform';
import { startAccessSubgraph } from './server';

export { startAccessSubgraph };

if (require.main === module) {
  // On its own it must share the gateway's secret: one it made up would refuse every request.
  refuseToStartWithoutSharedSecrets('access subgraph');
  const log = createLogger('access');
  startAccessSubgraph(subgraphOptionsFromEnv('access'))
    .then((running) => {
      if (running.createdAdminKey) process.stdout.write(`\nAdmin API key (shown once, store it now): ${running.createdAdminKey}\n\n`);
      log.info({ url: running.service.url }, 'access subgraph ready');
      const stop = () => void running.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error) => {
      log.error({ err: error }, 'access subgraph failed to start');
      process.exit(1);
    });
}
