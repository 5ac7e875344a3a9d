// The gateway: composes the supergraph at start and serves it at /graphql with the offline IDE,
// /healthz, and /readyz (ready when every subgraph and its database answer). It authenticates every
// caller and forwards a signed identity to the subgraphs, which trust nothing else. It admits a
// bounded number of operations (HTTP and graphql-ws alike) and refuses the excess at once with
// UNAVAILABLE, 503 and Retry-After, before the subgraphs drown.
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import depthLimit from 'graphql-depth-limit';
import Redis from 'ioredis';
import {
  AdmissionController,
  admissionLimitsFromEnv,
  formatError,
  IDENTITY_HEADER,
  loggingConfig,
  internalHeaders,
  OmsError,
  serveHttp,
  serviceIdentity,
  signIdentity,
  unavailable,
  type AdmissionLimits,
  type EventBus,
  type HttpService,
  type ReadinessReport,
} from '@oms/platform';
import { createAuthenticator, type AuthenticatedIdentity, type Authenticate } from './auth/authenticate';
import { FailedAuthLimiter } from './auth/failed-auth';
import { requestLimitsFromEnv, type RequestLimits } from './auth/limits';
import { jwtConfigFromEnv, type JwtConfig } from './auth/jwt';
import { operationGuard } from './auth/operation-guard';
import { KeyRateLimiter } from './auth/rate-limit';
import { GATEWAY_ADMISSION_DEFAULTS, gatewayConfig } from './config';
import { CONSOLE_PATH, consoleRoutes } from './console';
import { graphqlRoute } from './graphql-route';
import { ideRoutes } from './ide';
import { retryHints } from './overload/retry-hint';
import { typedSubgraphError } from './overload/subgraph-errors';
import { createSubscriptionServer, type SubscriptionOptions, type SubscriptionServer } from './subscriptions';
import { composeSupergraph, SUBGRAPH_NAMES, type SubgraphName } from './supergraph';

export interface GatewayContext {
  /** Null only for anonymous schema introspection outside production (the IDE). */
  identity: AuthenticatedIdentity | null;
  actor: string;
  /** The caller's rate limit was spent already: a graphql-ws message (before parsing) or a subscription's metered event fetch. */
  prepaid?: boolean;
}

export interface GatewayOptions {
  port: number;
  host?: string;
  subgraphUrls: Record<SubgraphName, string>;
  jwt?: JwtConfig;
  /** Shares rate-limit budgets (and subscription fan-out) across gateway processes. */
  redisUrl?: string;
  /** Where subgraphs announce stored events (the stack's bus; standalone: Redis from redisUrl, else polling). */
  eventBus?: EventBus;
  /** Redis channel prefix of the event bus created from redisUrl (default `oms`). */
  redisPrefix?: string;
  /** graphql-ws subscription limits (queue bound, heartbeat, polling). */
  subscriptions?: Partial<SubscriptionOptions>;
  /** Production mode: no anonymous or non-admin introspection. Defaults to NODE_ENV=production. */
  production?: boolean;
  maxDepth?: number;
  maxCost?: number;
  /** Body, token, failed-authentication and list-size limits (default: OMS_* variables, see limits.ts). */
  limits?: Partial<RequestLimits>;
  /** Admission limits (default: OMS_GATEWAY_* variables, else GATEWAY_ADMISSION_DEFAULTS). */
  admission?: Partial<AdmissionLimits>;
}

export interface GatewayService extends HttpService {
  apollo: ApolloServer<GatewayContext>;
  authenticate: Authenticate;
  subscriptions: SubscriptionServer;
}

type FetchResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly name: string,
    url: string,
  ) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Signed for this subgraph only: no other service (nor the gateway itself) accepts the token.
    if (context?.identity) request.http?.headers.set(IDENTITY_HEADER, await signIdentity(stripLimits(context.identity), this.name));
  }

  /** A subgraph's refusal (UNAVAILABLE with its retry hint...) stays typed instead of becoming "503: Service Unavailable". */
  override async errorFromResponse(response: FetchResponse): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response).catch(() => null);
    const typed = typedSubgraphError(this.name, response, body);
    if (typed) return typed;
    return new OmsError('UNAVAILABLE', `${this.name} answered HTTP ${response.status}: ${response.statusText}`, { service: this.name });
  }

  /** An unreachable subgraph (connection refused, reset) is UNAVAILABLE to clients, not an internal error. */
  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError) throw error;
    throw unavailable(this.name, error.message, 1);
  }
}

function stripLimits({ rateLimitPerMinute: _limit, ...identity }: AuthenticatedIdentity) {
  return identity;
}

/** Each subgraph's readiness with its details (asked as a signed hub service); the public sees who is ready. */
async function subgraphReadiness(urls: Record<SubgraphName, string>): Promise<ReadinessReport> {
  const entries = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const readyz = urls[name].replace(/\/graphql$/, '/readyz');
      try {
        const headers = await internalHeaders(serviceIdentity('gateway'), name);
        const response = await fetch(readyz, { headers, signal: AbortSignal.timeout(3000) });
        const body = (await response.json()) as Record<string, unknown>;
        return [name, { ...body, ready: response.ok }] as const;
      } catch (error) {
        return [name, { ready: false, error: (error as Error).message }] as const;
      }
    }),
  );
  const subgraphs = Object.fromEntries(entries);
  const database = (entries.find(([, report]) => 'database' in report)?.[1] as { database?: unknown } | undefined)?.database;
  const summary = { subgraphs: Object.fromEntries(entries.map(([name, report]) => [name, { ready: report.ready }])) };
  return { ready: entries.every(([, report]) => report.ready), database, subgraphs, summary };
}

export async function startGateway(options: GatewayOptions): Promise<GatewayService> {
  const redis = options.redisUrl ? new Redis(options.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: false }) : undefined;
  const { authenticate } = createAuthenticator({ accessUrl: () => options.subgraphUrls.access, jwt: options.jwt ?? jwtConfigFromEnv() });
  const gateway = new ApolloGateway({
    supergraphSdl: composeSupergraph(options.subgraphUrls),
    buildService: ({ name, url }) => new SubgraphDataSource(name, url!),
  });
  const configured = gatewayConfig.read();
  const production = options.production ?? loggingConfig.read().NODE_ENV === 'production';
  const maxDepth = options.maxDepth ?? configured.OMS_MAX_QUERY_DEPTH;
  const maxCost = options.maxCost ?? configured.OMS_MAX_QUERY_COST;
  const rateLimiter = new KeyRateLimiter(redis);
  const limits = { ...requestLimitsFromEnv(), ...options.limits };
  const failedAuth = new FailedAuthLimiter(limits.failedAuthPerMinute, redis);
  const admission = new AdmissionController('gateway', { ...admissionLimitsFromEnv('OMS_GATEWAY', GATEWAY_ADMISSION_DEFAULTS), ...options.admission });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [depthLimit(maxDepth)],
    // The process owner (scripts/start.ts, index.ts) stops services in order; Apollo must not race it.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      operationGuard({ rateLimiter, maxCost, production, assumedListSize: limits.assumedListSize }),
      retryHints<GatewayContext>(),
    ],
  });
  // Subscriptions never reach the Apollo gateway's executor (it cannot run them): graphql-ws on the same path.
  const subscriptions = createSubscriptionServer({
    gateway,
    apollo,
    authenticate,
    rateLimiter,
    subgraphUrls: options.subgraphUrls,
    eventBus: options.eventBus,
    redisUrl: options.redisUrl,
    redisPrefix: options.redisPrefix,
    maxDepth,
    maxCost,
    maxTokens: limits.maxTokens,
    assumedListSize: limits.assumedListSize,
    failedAuth,
    admission,
    options: options.subscriptions,
  });
  const routes = { ...ideRoutes(), ...consoleRoutes() };
  const graphql = graphqlRoute({ apollo, authenticate, failedAuth, limits, production });
  const service = await serveHttp<GatewayContext>({
    name: 'gateway',
    apollo,
    port: options.port,
    host: options.host,
    // /graphql is served by graphqlRoute, which identifies the caller before reading the body.
    context: () => Promise.reject(new Error('The gateway builds its context in graphqlRoute')),
    readiness: () => subgraphReadiness(options.subgraphUrls),
    routes: { ...routes, '/graphql': graphql },
    // Everything reaching the gateway is new work; the IDE's and the console's static files are never queued.
    admission: { controller: admission, classify: () => 'client', exempt: (pathname) => pathname in routes || pathname.startsWith(`${CONSOLE_PATH}/`) },
    onStop: async () => {
      redis?.disconnect();
    },
  }).catch(async (error: unknown) => {
    await subscriptions.close();
    throw error;
  });
  subscriptions.attach(service.server);
  let stopping: Promise<void> | undefined;
  // Subscribers get `complete` and a 1001 close before the HTTP server and Apollo stop.
  const stop = () => (stopping ??= subscriptions.close().then(() => service.stop()));
  return { ...service, stop, apollo, authenticate, subscriptions };
}
