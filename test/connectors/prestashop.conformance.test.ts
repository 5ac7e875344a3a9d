// The kit's standard connector suite run against the PrestaShop connector, its simulator and a real hub.
import { describeConformance } from '@oms/connector-kit/src/conformance';
import { prestashopConnector, startPrestashopSimulator } from '@oms/connector-prestashop';
import { startTestStack } from '../support/stack';

describeConformance('prestashop', {
  connector: prestashopConnector,
  startSimulator: (options) => startPrestashopSimulator(options),
  startHub: async () => {
    const hub = await startTestStack();
    const headers: Record<string, string> = hub.adminKey ? { authorization: `Bearer ${hub.adminKey}` } : {};
    return {
      gatewayUrl: hub.gatewayUrl,
      headers,
      gql: (query: string, variables?: object) => hub.gql(query, variables),
      stop: () => hub.stop(),
    };
  },
});
