// Starts the orders subgraph: database connection, indexes, peers, HTTP server.
import path from 'node:path';
import { connectDatabase, ensureIndexes, projectRoot, serveSubgraph, type RunningSubgraph, type SubgraphStartOptions } from '@oms/platform';
import { createContextFactory } from './context';
import { counterModel } from './models/counter.model';
import { orderModel } from './models/order.model';
import { resolvers } from './resolvers';
import { OrderNumbers } from './services/order-numbers';
import { OrderService } from './services/order.service';
import { OrderPeers } from './services/peers';

export async function startOrdersSubgraph(options: SubgraphStartOptions): Promise<RunningSubgraph> {
  const connection = await connectDatabase(options.mongoUri, options.dbName, { monitorCommands: options.monitorCommands });
  const orders = new OrderService(orderModel(connection), new OrderNumbers(counterModel(connection)), OrderPeers.fromUrls(options.peers));
  await ensureIndexes(connection);
  const service = await serveSubgraph({
    name: 'orders',
    schemaPath: path.join(projectRoot, 'schema', 'orders.graphql'),
    resolvers,
    connection,
    databaseBackend: options.databaseBackend,
    createContext: createContextFactory(orders),
    port: options.port,
    host: options.host,
  });
  return {
    name: 'orders',
    service,
    connection,
    stop: async () => {
      await service.stop();
      await connection.close();
    },
  };
}
