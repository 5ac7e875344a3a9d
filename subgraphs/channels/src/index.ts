// Runs the channels subgraph (the connector runtime) on its own (MONGODB_URI, CHANNELS_PORT,
// GATEWAY_URL, REDIS_URL); `npm start` runs it in-process.
import { createLogger, refuseToStartWithoutSharedSecrets, subgraphOptionsFromEnv } from '@oms/platform';
import { startChannelsSubgraph } from './server';

export { startChannelsSubgraph };
export type { RunningChannelsSubgraph } from './server';

if (require.main === module) {
  // On its own it must share the gateway's secret: one it made up would refuse every request.
  refuseToStartWithoutSharedSecrets('channels subgraph');
  const log = createLogger('channels');
  startChannelsSubgraph(subgraphOptionsFromEnv('channels'))
    .then((running) => {
      log.info({ url: running.service.url }, 'channels subgraph ready');
      const stop = () => void running.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error) => {
      log.error({ err: error }, 'channels subgraph failed to start');
      process.exit(1);
    });
}
