// Starts a whole hub (four subgraphs + gateway, ephemeral ports) on the test database, with
// databases of its own so test files never see each other's data.
import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { startStack, type Stack } from '@oms/stack';
import { GATEWAY_AUDIENCE, internalHeaders, type Identity } from '@oms/platform';
import type { SubgraphName } from '@oms/gateway';
import { countRoundTrips, type RoundTripCounter } from './round-trips';

export interface GqlResponse<T> {
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

export interface CommandCounter {
  reset(): void;
  /**
   * Database round-trips of each subgraph since the last reset (a batch sent together counts once;
   * handshakes, pings, event-log polling and the timer-driven webhooks and channels subgraphs excluded).
   */
  counts(): Record<SubgraphName, number>;
}

export interface ApiKeyHandle {
  id: string;
  secret: string;
  /** The actor recorded for requests made with the key, e.g. `staff:key_…`. */
  actor: string;
  headers: Record<string, string>;
}

export interface TestStack {
  stack: Stack;
  gatewayUrl: string;
  /** The ADMIN key `gql` and `data` send unless given other headers. */
  adminKey: string;
  /** The actor recorded for requests made with the admin key. */
  adminActor: string;
  /** Creates an API key through the graph (as admin). */
  createKey(role: 'ADMIN' | 'STAFF' | 'PARTNER' | 'CUSTOMER' | 'SERVICE', options?: { channels?: string[]; customerId?: string; name?: string; rateLimitPerMinute?: number }): Promise<ApiKeyHandle>;
  /** Headers for calling a subgraph (or the gateway) directly, signed as `identity` (default: a hub service) for every one of them. */
  signedHeaders(identity?: Identity): Promise<Record<string, string>>;
  gql<T = any>(query: string, variables?: object, headers?: Record<string, string>): Promise<GqlResponse<T>>;
  /** Like gql, but fails the test on any GraphQL error. */
  data<T = any>(query: string, variables?: object): Promise<T>;
  subgraphs: Record<SubgraphName, { url: string; connection: Connection }>;
  commandCounter(): CommandCounter;
  stop(): Promise<void>;
}

const BACKGROUND_COLLECTIONS = new Set(['events', 'consumer_cursors']);
const BACKGROUND_SUBGRAPHS = new Set<string>(['webhooks', 'channels']);

export async function postGraphql<T>(url: string, query: string, variables: object = {}, headers: Record<string, string> = {}): Promise<GqlResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GqlResponse<T>;
}

export interface TestStackOptions {
  /** Redis for cross-process event fan-out (subscriptions on several gateways). */
  redisUrl?: string;
  /** Keeps this run's Redis channels apart from any other hub's. */
  redisPrefix?: string;
}

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const mongoUri = process.env.OMS_TEST_MONGODB_URI;
  if (!mongoUri) throw new Error('OMS_TEST_MONGODB_URI is not set: run tests through jest (global setup starts the database)');
  const dbPrefix = `t${randomBytes(4).toString('hex')}`;
  const adminKey = `oms_test_admin_${randomBytes(24).toString('base64url')}`;
  const stack = await startStack({
    mongoUri,
    dbPrefix,
    ports: 'ephemeral',
    monitorCommands: true,
    databaseBackend: process.env.OMS_TEST_DB_BACKEND,
    bootstrapAdminKey: adminKey,
    redisUrl: options.redisUrl,
    redisPrefix: options.redisPrefix,
  });
  const names = Object.keys(stack.subgraphs) as SubgraphName[];

  // The webhook dispatcher and the connector runtime work on timers of their own, whatever a test asks;
  // no query a test measures reaches them, so their commands would only add noise.
  const counted = names.filter((name) => !BACKGROUND_SUBGRAPHS.has(name));
  // Background consumers poll event logs; they are not part of any request's cost.
  const counters = Object.fromEntries(
    counted.map((name) => [name, countRoundTrips(stack.subgraphs[name].connection.getClient(), (collection) => !collection || !BACKGROUND_COLLECTIONS.has(collection))]),
  ) as Record<SubgraphName, RoundTripCounter>;

  const gatewayUrl = stack.gateway.url;
  const adminHeaders = { authorization: `Bearer ${adminKey}` };
  const gql = <T>(query: string, variables?: object, headers?: Record<string, string>) => postGraphql<T>(gatewayUrl, query, variables, headers ?? adminHeaders);
  const viewer = await gql<{ viewer: { subject: string } }>('{ viewer { subject } }');
  if (!viewer.data) throw new Error(`The test admin key does not work: ${JSON.stringify(viewer.errors)}`);
  return {
    stack,
    gatewayUrl,
    adminKey,
    adminActor: `admin:${viewer.data.viewer.subject}`,
    createKey: async (role, options = {}) => {
      const created = await gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
        `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`,
        { input: { name: options.name ?? `${role.toLowerCase()} test key`, role, channels: options.channels, customerId: options.customerId, rateLimitPerMinute: options.rateLimitPerMinute } },
      );
      if (!created.data) throw new Error(`createApiKey failed: ${JSON.stringify(created.errors)}`);
      const { secret, apiKey } = created.data.createApiKey;
      return { id: apiKey.id, secret, actor: `${role.toLowerCase()}:${apiKey.id}`, headers: { authorization: `Bearer ${secret}` } };
    },
    signedHeaders: (identity = { subject: 'test-suite', role: 'SERVICE', channels: [] }) => internalHeaders(identity, [...names, GATEWAY_AUDIENCE]),
    gql,
    data: async <T>(query: string, variables?: object) => {
      const result = await gql<T>(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
      return result.data as T;
    },
    subgraphs: Object.fromEntries(names.map((name) => [name, { url: stack.subgraphs[name].service.url, connection: stack.subgraphs[name].connection }])) as TestStack['subgraphs'],
    commandCounter: () => ({
      reset: () => counted.forEach((name) => counters[name].reset()),
      counts: () => Object.fromEntries(counted.map((name) => [name, counters[name].count()])) as Record<SubgraphName, number>,
    }),
    stop: async () => {
      const connections = names.map((name) => stack.subgraphs[name].connection);
      // Drop this file's databases before the connections close, so the test database stays small.
      await Promise.all(connections.map((connection) => connection.dropDatabase().catch(() => undefined)));
      await stack.stop();
    },
  };
}
