// The gateway: composes the supergraph at start and serves it at /graphql with the offline IDE,
// /healthz, and /readyz (ready when every subgraph and its database answer).
import type { IncomingMessage } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { actorOf, formatError, serveHttp, type HttpService } from '@oms/platform';
import { ideRoutes, idePage, wantsHtml } from './ide';
import { composeSupergraph, SUBGRAPH_NAMES, type SubgraphName } from './supergraph';

export interface GatewayContext {
  actor: string;
}

export interface GatewayOptions {
  port: number;
  host?: string;
  subgraphUrls: Record<SubgraphName, string>;
}

class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context?.actor) request.http?.headers.set('x-oms-actor', context.actor);
  }
}

async function subgraphReadiness(urls: Record<SubgraphName, string>) {
  const entries = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const readyz = urls[name].replace(/\/graphql$/, '/readyz');
      try {
        const response = await fetch(readyz, { signal: AbortSignal.timeout(3000) });
        const body = (await response.json()) as Record<string, unknown>;
        return [name, { ready: response.ok, ...body }] as const;
      } catch (error) {
        return [name, { ready: false, error: (error as Error).message }] as const;
      }
    }),
  );
  const subgraphs = Object.fromEntries(entries);
  const database = (entries.find(([, report]) => 'database' in report)?.[1] as { database?: unknown } | undefined)?.database;
  return { ready: entries.every(([, report]) => report.ready), database, subgraphs };
}

export async function startGateway(options: GatewayOptions): Promise<HttpService> {
  const gateway = new ApolloGateway({
    supergraphSdl: composeSupergraph(options.subgraphUrls),
    buildService: ({ url }) => new SubgraphDataSource({ url }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    // The process owner (scripts/start.ts, index.ts) stops services in order; Apollo must not race it.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  const routes = ideRoutes();
  return serveHttp<GatewayContext>({
    name: 'gateway',
    apollo,
    port: options.port,
    host: options.host,
    context: async (req: IncomingMessage) => ({ actor: actorOf(req) }),
    readiness: () => subgraphReadiness(options.subgraphUrls),
    routes,
    // A browser opening /graphql gets the IDE; everything else goes to Apollo.
    interceptGraphql: (req, res) => {
      if (!wantsHtml(req)) return false;
      idePage(res);
      return true;
    },
  });
}
