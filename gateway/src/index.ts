// Runs the gateway on its own (GATEWAY_PORT, <NAME>_URL per subgraph, REDIS_URL and OMS_REDIS_PREFIX for
// shared rate limits and subscription fan-out; config.ts declares them all); `npm start` runs it in-process.
import { createLogger, refuseToStartWithoutSharedSecrets } from '@oms/platform';
import { readGatewaySettings } from './config';
import { startGateway } from './server';

export { startGateway };
export type { GatewayService, GatewayContext } from './server';
export { CONSOLE_PATH, consoleBuilt } from './console';
export { composeSupergraph, SUBGRAPH_NAMES, type SubgraphName } from './supergraph';
export { DEFAULT_PORTS, defaultSubgraphUrls, gatewayConfig, gatewayAdmissionConfig, readGatewaySettings } from './config';

if (require.main === module) {
  // On its own it must share the subgraphs' secret: one it made up would have every request refused.
  refuseToStartWithoutSharedSecrets('gateway');
  const log = createLogger('gateway');
  // With Redis, every gateway process hears every subgraph's event notices (subscription fan-out).
  Promise.resolve()
    .then(() => startGateway(readGatewaySettings()))
    .then((service) => {
      log.info({ url: service.url }, 'gateway ready');
      const stop = () => void service.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error) => {
      log.error({ err: error }, 'gateway failed to start');
      process.exit(1);
    });
}
