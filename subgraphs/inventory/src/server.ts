// Starts the inventory subgraph: database connection, indexes, outbox recovery, HTTP server.
import path from 'node:path';
import { connectDatabase, createLogger, ensureIndexes, projectRoot, serveSubgraph, type RunningSubgraph, type SubgraphStartOptions } from '@oms/platform';
import { createContextFactory } from './context';
import { inventoryModels } from './models';
import { resolvers } from './resolvers';
import { InventoryItemService } from './services/inventory-item.service';
import { createInventoryLoaders } from './services/loaders';
import { LocationService } from './services/location.service';
import { StockService } from './services/stock.service';

const log = createLogger('inventory');

export async function startInventorySubgraph(options: SubgraphStartOptions): Promise<RunningSubgraph> {
  const connection = await connectDatabase(options.mongoUri, options.dbName, { monitorCommands: options.monitorCommands });
  const models = inventoryModels(connection);
  const services = {
    items: new InventoryItemService(models.items),
    locations: new LocationService(models.locations),
    stock: new StockService(models),
    createLoaders: () => createInventoryLoaders(models),
  };
  await ensureIndexes(connection);
  // Before serving: movements a previous run applied but did not get into the ledger.
  const recovered = await services.stock.recoverPendingMovements();
  if (recovered > 0) log.warn({ levels: recovered }, 'moved interrupted stock movements into the ledger');
  const service = await serveSubgraph({
    name: 'inventory',
    schemaPath: path.join(projectRoot, 'schema', 'inventory.graphql'),
    resolvers,
    connection,
    databaseBackend: options.databaseBackend,
    createContext: createContextFactory(services),
    port: options.port,
    host: options.host,
  });
  return {
    name: 'inventory',
    service,
    connection,
    stop: async () => {
      await service.stop();
      await connection.close();
    },
  };
}
