// The kit's standard connector suite run against the ERP/WMS file connector, its simulated warehouse
// (a real in-process SFTP server) and a real hub. Channel faults are the transport's: a busy SFTP
// server naming its wait (429 in the simulator's request log), failures, dropped connections.
import { describeConformance } from '@oms/connector-kit/src/conformance';
import { erpWmsConnector, startErpWmsSimulator } from '@oms/connector-erp-wms';
import { startTestStack } from '../support/stack';

describeConformance('erp-wms', {
  connector: erpWmsConnector,
  startSimulator: (options) => startErpWmsSimulator(options),
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
