// The kit's standard connector suite run against the eBay connector, its simulator and a real hub.
import { describeConformance } from '@oms/connector-kit/src/conformance';
import { ebayConnector, startEbaySimulator } from '@oms/connector-ebay';
import { startTestStack } from '../support/stack';

describeConformance('ebay', {
  connector: ebayConnector,
  startSimulator: (options) => startEbaySimulator(options),
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
