// Starts the access subgraph: database, indexes, the bootstrap admin key, HTTP server.
import path from 'node:path';
import { connectDatabase, ensureIndexes, projectRoot, serveSubgraph, type RunningSubgraph, type SubgraphStartOptions } from '@oms/platform';
import { accessConfig } from './config';
import { createContextFactory } from './context';
import { apiKeyModel } from './models/api-key.model';
import { policies } from './policies';
import { resolvers } from './resolvers';
import { ApiKeyService } from './services/api-key.service';

export interface RunningAccessSubgraph extends RunningSubgraph {
  /** An admin key created by this start (first start without OMS_BOOTSTRAP_ADMIN_KEY): print it once. */
  createdAdminKey?: string;
}

export async function startAccessSubgraph(options: SubgraphStartOptions): Promise<RunningAccessSubgraph> {
  const connection = await connectDatabase(options.mongoUri, options.dbName, { monitorCommands: options.monitorCommands });
  const model = apiKeyModel(connection);
  const apiKeys = new ApiKeyService(model);
  await ensureIndexes(connection);
  const { createdKey } = await apiKeys.bootstrapAdmin(options.bootstrapAdminKey ?? accessConfig.read().OMS_BOOTSTRAP_ADMIN_KEY);
  const service = await serveSubgraph({
    name: 'access',
    schemaPath: path.join(projectRoot, 'schema', 'access.graphql'),
    resolvers,
    policies,
    connection,
    databaseBackend: options.databaseBackend,
    createContext: createContextFactory(apiKeys, model),
    port: options.port,
    host: options.host,
  });
  return {
    name: 'access',
    service,
    connection,
    createdAdminKey: createdKey,
    stop: async () => {
      await service.stop();
      await connection.close();
    },
  };
}
