// Starts the channels subgraph: database, indexes, the connector runtime (scheduler, webhooks,
// outbound pushes) and the HTTP server with the webhook endpoints beside /graphql.
import path from 'node:path';
import { connectDatabase, ensureIndexes, projectRoot, serveSubgraph, type RunningSubgraph, type SubgraphStartOptions } from '@oms/platform';
import { createContextFactory } from './context';
import { policies } from './policies';
import { resolvers } from './resolvers';
import { createChannelsRuntime, type ChannelsRuntime } from './services/runtime';
import { WEBHOOK_PREFIX } from './services/webhooks/webhook-inbox';

export interface RunningChannelsSubgraph extends RunningSubgraph {
  runtime: ChannelsRuntime;
}

export async function startChannelsSubgraph(options: SubgraphStartOptions): Promise<RunningChannelsSubgraph> {
  const connection = await connectDatabase(options.mongoUri, options.dbName, { monitorCommands: options.monitorCommands });
  const runtime = createChannelsRuntime(connection, options);
  await ensureIndexes(connection);
  const service = await serveSubgraph({
    name: 'channels',
    schemaPath: path.join(projectRoot, 'schema', 'channels.graphql'),
    resolvers,
    policies,
    connection,
    databaseBackend: options.databaseBackend,
    createContext: createContextFactory(runtime),
    port: options.port,
    host: options.host,
    routes: { [`${WEBHOOK_PREFIX}*`]: runtime.inbox.route },
  });
  await runtime.start();
  return {
    name: 'channels',
    service,
    connection,
    runtime,
    stop: async () => {
      await runtime.stop();
      await service.stop();
      await connection.close();
    },
  };
}
