// The gateway's configuration: every variable it reads, declared once (type, default, description) and
// parsed when it starts. Where it finds each subgraph (<NAME>_URL) comes from the shared service
// settings of @oms/platform; the gateway's own limits, JWT verification and subscription caps are here.
import { admissionConfig, defineConfig, env, loggingConfig, readServicesConfig, SUBGRAPH_PORTS, type AdmissionLimits, type Env } from '@oms/platform';
import type { JwtConfig } from './auth/jwt';
import type { RequestLimits } from './auth/limits';
import type { SubscriptionOptions } from './subscriptions/options';
import { SUBGRAPH_NAMES, type SubgraphName } from './supergraph';

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = { gateway: 4000, ...SUBGRAPH_PORTS };

/** Where the gateway finds each subgraph: <NAME>_URL, else the local default port. */
export function defaultSubgraphUrls(environment: Env = process.env): Record<SubgraphName, string> {
  const { subgraphs } = readServicesConfig(environment);
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphs[name].url])) as Record<SubgraphName, string>;
}

/**
 * Operations the gateway works on at once and queues behind them (OMS_GATEWAY_MAX_CONCURRENT,
 * _MAX_QUEUE, _QUEUE_TIMEOUT_MS). Fewer than a subgraph admits, so excess client work is refused here
 * before the subgraphs drown; over the limits a request gets UNAVAILABLE, 503 and Retry-After at once.
 */
export const GATEWAY_ADMISSION_DEFAULTS: AdmissionLimits = { maxConcurrent: 32, internalReserve: 0, maxQueued: 256, maxQueueWaitMs: 30_000 };
export const gatewayAdmissionConfig = admissionConfig('OMS_GATEWAY', GATEWAY_ADMISSION_DEFAULTS);

export const gatewayConfig = defineConfig('gateway', {
  OMS_REDIS_PREFIX: env.textOr('oms', 'Redis channel prefix of the event bus, to keep hubs sharing one Redis apart.'),
  OMS_CONSOLE_DIST: env.text({ description: "The ops console's build served at /console.", readmeDefault: '`apps/console/dist`' }),
  OMS_JWT_SECRET: env.text('Accept HS256 JWTs signed with this secret.'),
  OMS_JWT_JWKS_URL: env.text('Accept RS256/ES256 JWTs verified with this JWKS endpoint.'),
  OMS_JWT_PUBLIC_KEY: env.text('Accept RS256 JWTs verified with this PEM public key.'),
  OMS_JWT_ISSUER: env.text('Required `iss` of accepted JWTs.'),
  OMS_JWT_AUDIENCE: env.text('Required `aud` of accepted JWTs.'),
  OMS_RATE_LIMIT_PER_MINUTE: env.number(1200, 'Requests per minute per API key or JWT subject.'),
  OMS_MAX_QUERY_DEPTH: env.integer(12, 'Deepest operation accepted.'),
  OMS_MAX_QUERY_COST: env.number(20_000, 'Costliest operation accepted (lists count `first` × their items).'),
  OMS_ASSUMED_LIST_SIZE: env.number(20, 'Items assumed for a list of objects without `first`, for the query cost.'),
  OMS_MAX_REQUEST_BYTES: env.number(1_048_576, 'Largest request body of an authenticated caller (413 beyond it).'),
  OMS_MAX_QUERY_TOKENS: env.number(10_000, 'Tokens graphql-js parses before giving up (400).'),
  OMS_FAILED_AUTH_PER_MINUTE: env.number(20, 'Failed authentications per client address and minute.'),
  OMS_SUBSCRIPTION_MAX_QUEUE: env.number(1_000, 'Events a connection may have waiting before it is closed as a slow consumer.'),
  OMS_SUBSCRIPTION_MAX_BUFFERED_BYTES: env.number(16_777_216, "Bytes a connection's socket may buffer before it is closed as a slow consumer."),
  OMS_SUBSCRIPTION_HEARTBEAT_MS: env.number(15_000, 'WebSocket ping interval; a connection that misses a pong within it is terminated.'),
  OMS_SUBSCRIPTION_POLL_MS: env.number(1_000, 'Silence after which an event log is read anyway (a lost notice, or no bus at all).'),
  OMS_SUBSCRIPTION_REPLAY_PAGE: env.number(100, 'Events per replay page.'),
  OMS_SUBSCRIPTION_MAX_REPLAY_EVENTS: env.number(100_000, "How far behind the end of its event log a subscription's `after` may be."),
  OMS_SUBSCRIPTION_REPLAY_CONCURRENCY: env.number(2, 'Replay pages read at once by a gateway.'),
  OMS_SUBSCRIPTION_FETCH_CONCURRENCY: env.number(16, 'Delivery-time fetches run at once.'),
  OMS_SUBSCRIPTION_MAX_CONNECTIONS: env.number(10_000, 'graphql-ws connections per gateway.'),
  OMS_SUBSCRIPTION_MAX_CONNECTIONS_PER_KEY: env.number(500, 'graphql-ws connections per API key.'),
  OMS_SUBSCRIPTION_MAX_PER_CONNECTION: env.number(100, 'Running subscriptions per connection.'),
  OMS_SUBSCRIPTION_MAX_PER_KEY: env.number(1_000, 'Running subscriptions per API key.'),
  OMS_SUBSCRIPTION_MAX_REPLAYS_PER_KEY: env.number(4, 'Replays (`after:`) per API key running at once.'),
});

/**
 * What `startGateway` takes from the environment, typed; the caller adds what only it knows (an event
 * bus). OMS_CONSOLE_DIST and OMS_RATE_LIMIT_PER_MINUTE have no option of startGateway: console.ts and
 * auth/rate-limit.ts read them from `gatewayConfig` when they are used, as do the defaults of the
 * modules tests build on their own (auth/jwt.ts, auth/limits.ts, subscriptions/options.ts).
 */
export interface GatewaySettings {
  port: number;
  host: string;
  subgraphUrls: Record<SubgraphName, string>;
  redisUrl?: string;
  redisPrefix: string;
  jwt: JwtConfig;
  production: boolean;
  maxDepth: number;
  maxCost: number;
  limits: Omit<RequestLimits, 'maxAnonymousBodyBytes'>;
  admission: AdmissionLimits;
  subscriptions: Omit<SubscriptionOptions, 'reauthenticateMs' | 'shutdownGraceMs'>;
}

/** Parses the gateway's variables (and the shared service ones); throws ConfigurationError naming each bad one. */
export function readGatewaySettings(environment: Env = process.env): GatewaySettings {
  const services = readServicesConfig(environment);
  const values = gatewayConfig.read(environment);
  const admission = gatewayAdmissionConfig.read(environment) as Record<string, number>;
  return {
    port: services.gateway.port,
    host: services.host,
    subgraphUrls: defaultSubgraphUrls(environment),
    redisUrl: services.redisUrl,
    redisPrefix: values.OMS_REDIS_PREFIX,
    jwt: {
      hs256Secret: values.OMS_JWT_SECRET,
      jwksUrl: values.OMS_JWT_JWKS_URL,
      publicKeyPem: values.OMS_JWT_PUBLIC_KEY,
      issuer: values.OMS_JWT_ISSUER,
      audience: values.OMS_JWT_AUDIENCE,
    },
    production: loggingConfig.read(environment).NODE_ENV === 'production',
    maxDepth: values.OMS_MAX_QUERY_DEPTH,
    maxCost: values.OMS_MAX_QUERY_COST,
    limits: {
      maxBodyBytes: values.OMS_MAX_REQUEST_BYTES,
      maxTokens: values.OMS_MAX_QUERY_TOKENS,
      failedAuthPerMinute: values.OMS_FAILED_AUTH_PER_MINUTE,
      assumedListSize: values.OMS_ASSUMED_LIST_SIZE,
    },
    admission: {
      maxConcurrent: Math.max(1, admission.OMS_GATEWAY_MAX_CONCURRENT),
      internalReserve: admission.OMS_GATEWAY_INTERNAL_RESERVE,
      maxQueued: admission.OMS_GATEWAY_MAX_QUEUE,
      maxQueueWaitMs: admission.OMS_GATEWAY_QUEUE_TIMEOUT_MS,
    },
    subscriptions: {
      maxQueuedEvents: values.OMS_SUBSCRIPTION_MAX_QUEUE,
      maxBufferedBytes: values.OMS_SUBSCRIPTION_MAX_BUFFERED_BYTES,
      heartbeatMs: values.OMS_SUBSCRIPTION_HEARTBEAT_MS,
      pollIntervalMs: values.OMS_SUBSCRIPTION_POLL_MS,
      replayPageSize: values.OMS_SUBSCRIPTION_REPLAY_PAGE,
      maxReplayEvents: values.OMS_SUBSCRIPTION_MAX_REPLAY_EVENTS,
      replayConcurrency: values.OMS_SUBSCRIPTION_REPLAY_CONCURRENCY,
      fetchConcurrency: values.OMS_SUBSCRIPTION_FETCH_CONCURRENCY,
      maxConnections: values.OMS_SUBSCRIPTION_MAX_CONNECTIONS,
      maxConnectionsPerKey: values.OMS_SUBSCRIPTION_MAX_CONNECTIONS_PER_KEY,
      maxSubscriptionsPerConnection: values.OMS_SUBSCRIPTION_MAX_PER_CONNECTION,
      maxSubscriptionsPerKey: values.OMS_SUBSCRIPTION_MAX_PER_KEY,
      maxReplaysPerKey: values.OMS_SUBSCRIPTION_MAX_REPLAYS_PER_KEY,
    },
  };
}
