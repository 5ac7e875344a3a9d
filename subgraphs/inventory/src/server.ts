// Starts the inventory subgraph: database connection, indexes, outbox recovery (ledger and events), HTTP server.
import path from 'node:path';
import { announceEvents, connectDatabase, createLogger, ensureIndexes, projectRoot, serveSubgraph, type RunningSubgraph, type SubgraphStartOptions } from '@oms/platform';
import { createContextFactory } from './context';
import { policies } from './policies';
import { resolvers } from './resolvers';
import { createInventoryServices } from './services';

const log = createLogger('inventory');

export async function startInventorySubgraph(options: SubgraphStartOptions): Promise<RunningSubgraph> {
  const connection = await connectDatabase(options.mongoUri, options.dbName, { monitorCommands: options.monitorCommands });
  // Registers every model (the event log's too) before the indexes are built.
  const services = createInventoryServices(connection);
  await ensureIndexes(connection);
  // Before serving: movements and events a previous run applied but did not get into the ledger or the log.
  const recovered = await services.stock.recoverPendingMovements();
  if (recovered > 0) log.warn({ levels: recovered }, 'moved interrupted stock movements into the ledger');
  const stopAnnouncing = announceEvents(services.events, options);
  const relayed = await services.stock.sweepEvents();
  if (relayed > 0) log.warn({ events: relayed }, 'relayed events left in outboxes by an interrupted run');
  const service = await serveSubgraph({
    name: 'inventory',
    schemaPath: path.join(projectRoot, 'schema', 'inventory.graphql'),
    resolvers,
    policies,
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
      await services.stock.drainLedger().catch((error) => log.warn({ err: error }, 'ledger not drained at stop; the start-up recovery finishes it'));
      await stopAnnouncing();
      await connection.close();
    },
  };
}
