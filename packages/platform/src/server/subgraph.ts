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
import { serveHttp, type HttpService, type Route } from './http-server';
import { actorName, type Identity } from '../auth/identity';
import { IDENTITY_HEADER, verifySignedIdentity } from '../auth/signature';
import { OmsError } from '../errors';
import type { AnyPolicyMap } from '../auth/policy';
import { enforcePolicies, guardReferences } from '../auth/policy-enforcement';

export interface SubgraphOptions<TContext extends BaseContext> {
  name: string;
  /** Path of the subgraph's SDL file under schema/. */
  schemaPath: string;
  resolvers: unknown;
  /** Who may call each field (the subgraph's src/policies.ts); enforced here, for every request. */
  policies: AnyPolicyMap;
  connection: Connection;
  /** Backend of the embedded database, reported by /readyz. */
  databaseBackend?: string;
  /** Builds the per-request context for a caller the gateway (or a hub service) signed. */
  createContext: (req: IncomingMessage, identity: Identity) => Promise<TContext> | TContext;
  port: number;
  host?: string;
  /** Extra HTTP routes beside /graphql (exact paths or `/prefix/*`), e.g. webhook endpoints. */
  routes?: Record<string, Route>;
}

export async function serveSubgraph<TContext extends BaseContext>(options: SubgraphOptions<TContext>): Promise<HttpService> {
  const typeDefs = parse(readFileSync(options.schemaPath, 'utf8'));
  const resolvers = guardReferences(options.resolvers as GraphQLResolverMap<unknown>, options.policies);
  const schema = enforcePolicies(buildSubgraphSchema({ typeDefs, resolvers }), options.policies, options.name);
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
    context: async (req) => options.createContext(req, await requireSignedIdentity(req, options.name)),
    routes: options.routes,
    readiness: async () => {
      await options.connection.db!.admin().command({ ping: 1 });
      return { ready: true, database: { engine: engine.name, version: engine.version, backend: engine.backend, name: options.connection.name } };
    },
  });
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers[name];
  return Array.isArray(header) ? header[0] : header;
}

/**
 * The identity the gateway (or a hub service) signed for this request to `service`. Anything else is
 * refused, expired tokens and tokens signed for another service too: a subgraph is never a public endpoint.
 */
export async function requireSignedIdentity(req: IncomingMessage, service: string): Promise<Identity> {
  const identity = await verifySignedIdentity(headerOf(req, IDENTITY_HEADER), service);
  if (!identity) {
    throw new OmsError('UNAUTHENTICATED', `This subgraph only answers requests signed by the gateway for ${service} (missing, expired or invalid ${IDENTITY_HEADER} header); send requests to the gateway's /graphql`, {
      http: { status: 401 },
    });
  }
  return identity;
}

/**
 * The name recorded in ledgers and histories. A hub service acting for a user (orders reserving
 * stock for the admin who placed the order) passes that user's actor in `x-oms-actor`; from anyone
 * else the header is ignored.
 */
export function actorOf(req: IncomingMessage, identity: Identity): string {
  const onBehalfOf = headerOf(req, 'x-oms-actor');
  return identity.role === 'SERVICE' && onBehalfOf ? onBehalfOf : actorName(identity);
}
