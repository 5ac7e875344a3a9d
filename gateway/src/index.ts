// Runs the gateway on its own (GATEWAY_PORT, <NAME>_URL per subgraph); `npm start` runs it in-process.
import { createLogger } from '@oms/platform';
import { DEFAULT_PORTS, defaultSubgraphUrls } from './config';
import { startGateway } from './server';

export { startGateway };
export type { GatewayService, GatewayContext } from './server';
export { composeSupergraph, SUBGRAPH_NAMES, type SubgraphName } from './supergraph';
export { DEFAULT_PORTS, defaultSubgraphUrls } from './config';

if (require.main === module) {
  const log = createLogger('gateway');
  startGateway({ port: Number(process.env.GATEWAY_PORT ?? DEFAULT_PORTS.gateway), host: process.env.HOST, subgraphUrls: defaultSubgraphUrls() })
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
