// Builds and serves one federated subgraph: SDL + resolvers + a per-request context.
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse } from 'graphql';
import type { Connection } from 'mongoose';
import { formatError } from '../errors';
import { describeEngine } from '../db/engine';
import { serveHttp, type HttpService } from './http-server';

export interface SubgraphOptions<TContext extends BaseContext> {
  name: string;
  /** Path of the subgraph's SDL file under schema/. */
  schemaPath: string;
  resolvers: unknown;
  connection: Connection;
  /** Backend of the embedded database, reported by /readyz. */
  databaseBackend?: string;
  createContext: (req: IncomingMessage) => Promise<TContext> | TContext;
  port: number;
  host?: string;
}

export async function serveSubgraph<TContext extends BaseContext>(options: SubgraphOptions<TContext>): Promise<HttpService> {
  const typeDefs = parse(readFileSync(options.schemaPath, 'utf8'));
  const schema = buildSubgraphSchema({ typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> });
  const apollo = new ApolloServer<TContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // The process owner (scripts/start.ts, index.ts) stops services in order; Apollo must not race it.
    stopOnTerminationSignals: false,
    // Inline tracing costs time on every request and nobody reads it here.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginLandingPageDisabled()],
  });
  const engine = await describeEngine(options.connection, options.databaseBackend);
  return serveHttp<TContext>({
    name: options.name,
    apollo,
    port: options.port,
    host: options.host,
    context: async (req) => options.createContext(req),
    readiness: async () => {
      await options.connection.db!.admin().command({ ping: 1 });
      return { ready: true, database: { engine: engine.name, version: engine.version, backend: engine.backend, name: options.connection.name } };
    },
  });
}

/** The identity a request acts as, recorded in ledgers and histories. */
export function actorOf(req: IncomingMessage): string {
  const header = req.headers['x-oms-actor'];
  return (Array.isArray(header) ? header[0] : header) || 'anonymous';
}
