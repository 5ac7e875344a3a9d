// Starts the fulfillment subgraph: database connection, indexes, peers, HTTP server.
import path from 'node:path';
import { connectDatabase, ensureIndexes, projectRoot, serveSubgraph, type RunningSubgraph, type SubgraphStartOptions } from '@oms/platform';
import { createContextFactory } from './context';
import { shipmentModel } from './models/shipment.model';
import { resolvers } from './resolvers';
import { FulfillmentPeers } from './services/peers';
import { ShipmentService } from './services/shipment.service';

export async function startFulfillmentSubgraph(options: SubgraphStartOptions): Promise<RunningSubgraph> {
  const connection = await connectDatabase(options.mongoUri, options.dbName, { monitorCommands: options.monitorCommands });
  const shipments = new ShipmentService(shipmentModel(connection), FulfillmentPeers.fromUrls(options.peers));
  await ensureIndexes(connection);
  const service = await serveSubgraph({
    name: 'fulfillment',
    schemaPath: path.join(projectRoot, 'schema', 'fulfillment.graphql'),
    resolvers,
    connection,
    databaseBackend: options.databaseBackend,
    createContext: createContextFactory(shipments),
    port: options.port,
    host: options.host,
  });
  return {
    name: 'fulfillment',
    service,
    connection,
    stop: async () => {
      await service.stop();
      await connection.close();
    },
  };
}
