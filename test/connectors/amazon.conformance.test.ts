// The kit's standard connector suite run against the Amazon SP-API connector, its simulator and a real hub.
import { describeConformance } from '@oms/connector-kit/src/conformance';
import { amazonConnector, startAmazonSimulator } from '@oms/connector-amazon';
import { startTestStack } from '../support/stack';

describeConformance('amazon', {
  connector: amazonConnector,
  startSimulator: (options) => startAmazonSimulator(options),
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
