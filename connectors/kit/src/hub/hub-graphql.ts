// Talks to the hub's GraphQL gateway for the kit: one POST per operation through the kit's HTTP client
// (retries on network errors and 5xx), and the hub's error codes split into record-level and fatal.
import { ConnectorError } from '../errors';
import { createChannelHttpClient, type ChannelHttpClient } from '../http-client';
import type { KitLogger } from '../logger';

export interface HubGraphqlError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export interface HubGraphqlResponse<T> {
  data?: T | null;
  errors?: HubGraphqlError[];
}

/** Codes that mean "this order cannot go in as it is": dead-letter it, go on with the rest. */
const RECORD_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'INVALID_TRANSITION', 'INSUFFICIENT_STOCK', 'CONFLICT']);

export const isRecordError = (error: HubGraphqlError): boolean => RECORD_CODES.has(error.extensions?.code ?? '');

/** `BAD_USER_INPUT (lines[0].sku): unknown SKU ...`: what a dead letter shows. */
export function describeHubError(error: HubGraphqlError): string {
  const code = error.extensions?.code ?? 'ERROR';
  const field = error.extensions?.field ? ` (${error.extensions.field})` : '';
  return `${code}${field}: ${error.message}`;
}

/** Errors that no record can fix (credentials, outages) stop the batch: it is retried as a whole. */
export function fatalHubError(errors: HubGraphqlError[]): ConnectorError | undefined {
  const fatal = errors.find((error) => !isRecordError(error));
  if (!fatal) return undefined;
  const code = fatal.extensions?.code;
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
    return new ConnectorError('AUTH', `The OMS hub refused the sink's credentials (${code}): ${fatal.message}; check the headers given to GraphHubSink`, { body: errors });
  }
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED') {
    return new ConnectorError('CONFIG', `The OMS hub does not accept the sink's operation (${code}): ${fatal.message}; the hub's schema and this kit differ`, { body: errors });
  }
  return new ConnectorError('TRANSIENT', `The OMS hub failed: ${describeHubError(fatal)}`, { body: errors });
}

export interface HubGraphqlClient {
  post<T>(query: string, variables: Record<string, unknown>): Promise<HubGraphqlResponse<T>>;
}

/** Static headers, or a provider called per request (short-lived signed identities must be refreshed). */
export type HubHeaders = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

export function createHubGraphqlClient(options: { url: string; headers?: HubHeaders; log: KitLogger; timeoutMs?: number }): HubGraphqlClient {
  const http: ChannelHttpClient = createChannelHttpClient({
    baseUrl: options.url,
    // The hub is ours: no channel quota, only a cap on parallel requests from one sync.
    rateLimit: { requestsPerSecond: 10_000, burst: 10_000, maxConcurrent: 16 },
    log: options.log,
    channelName: 'The OMS hub',
    credential: { label: 'API key', field: 'authorization header' },
    timeoutMs: options.timeoutMs ?? 120_000,
    // A GraphQL 400 (a variable that does not coerce) lists its errors in the body: they are per record.
    classify: (response) => (response.status === 400 && Array.isArray((response.body as HubGraphqlResponse<unknown>)?.errors) ? 'ok' : undefined),
  });
  return {
    async post<T>(query: string, variables: Record<string, unknown>) {
      const headers = typeof options.headers === 'function' ? await options.headers() : options.headers;
      const response = await http.request<HubGraphqlResponse<T>>({ method: 'POST', path: options.url, headers, json: { query, variables }, idempotent: true });
      const body = response.body;
      if (typeof body !== 'object' || body === null) throw new ConnectorError('TRANSIENT', `The OMS hub answered without a GraphQL body (HTTP ${response.status})`, { status: response.status });
      return body;
    },
  };
}
