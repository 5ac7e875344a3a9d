// The kit's standard connector suite run against the Magento connector, its simulator and a real hub.
import { describeConformance, type ConformanceHub } from '@oms/connector-kit/src/conformance';
import { magentoConnector, startMagentoSimulator } from '@oms/connector-magento';
import { startTestStack } from '../support/stack';

describeConformance('magento', {
  connector: magentoConnector,
  startSimulator: (options) => startMagentoSimulator(options),
  startHub: async (): Promise<ConformanceHub> => {
    const hub = await startTestStack();
    return {
      gatewayUrl: hub.gatewayUrl,
      headers: hub.adminKey ? { authorization: `Bearer ${hub.adminKey}` } : ({} as Record<string, string>),
      gql: (query: string, variables?: object) => hub.gql(query, variables),
      stop: () => hub.stop(),
    };
  },
});
