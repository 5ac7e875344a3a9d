// A subgraph that refuses a request (503 + Retry-After under load, or any non-2xx with a GraphQL
// body) keeps its typed error through the gateway: without this, Apollo's data source turns every
// non-2xx into an untyped "503: Service Unavailable" that clients see as INTERNAL_SERVER_ERROR.
import { GraphQLError } from 'graphql';
import { ERROR_CODES, OmsError, parseRetryAfter, unavailable, type ErrorCode } from '@oms/platform';

interface ResponseLike {
  status: number;
  statusText: string;
  url: string;
  headers: { get(name: string): string | null };
}

interface RemoteError {
  message?: string;
  extensions?: Record<string, unknown>;
}

/** The typed error a subgraph answered a non-2xx response with (null: leave it to Apollo). */
export function typedSubgraphError(service: string, response: ResponseLike, body: unknown): GraphQLError | null {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  const first = (body as { errors?: RemoteError[] } | null)?.errors?.[0];
  const code = first?.extensions?.code;
  if (first && typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)) {
    const { code: _code, ...details } = first.extensions ?? {};
    if (retryAfterSeconds !== undefined && details.retryAfterSeconds === undefined) details.retryAfterSeconds = retryAfterSeconds;
    return new OmsError(code as ErrorCode, first.message ?? `${service} refused the request`, { ...details, serviceName: service });
  }
  if (response.status === 503 || response.status === 429) return unavailable(service, `HTTP ${response.status}`, retryAfterSeconds ?? 1);
  return null;
}
