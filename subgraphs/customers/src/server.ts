// Starts the customers subgraph: database connection, indexes, HTTP server.
import path from 'node:path';
import { connectDatabase, ensureIndexes, projectRoot, serveSubgraph, type RunningSubgraph, type SubgraphStartOptions } from '@oms/platform';
import { createContextFactory } from './context';
import { customerModel } from './models/customer.model';
import { policies } from './policies';
import { resolvers } from './resolvers';
import { CustomerService } from './services/customer.service';

export async function startCustomersSubgraph(options: SubgraphStartOptions): Promise<RunningSubgraph> {
  const connection = await connectDatabase(options.mongoUri, options.dbName, { monitorCommands: options.monitorCommands });
  const customers = new CustomerService(customerModel(connection));
  await ensureIndexes(connection);
  const service = await serveSubgraph({
    name: 'customers',
    schemaPath: path.join(projectRoot, 'schema', 'customers.graphql'),
    resolvers,
    policies,
    connection,
    databaseBackend: options.databaseBackend,
    createContext: createContextFactory(customers),
    port: options.port,
    host: options.host,
  });
  return {
    name: 'customers',
    service,
    connection,
    stop: async () => {
      await service.stop();
      await connection.close();
    },
  };
}
