// Calls another service's graph over HTTP. Remote typed errors keep their code; an unreachable or
// overloaded service becomes UNAVAILABLE (with `retryAfterSeconds` when the service said when to come
// back: its Retry-After header or the error's own hint) so callers can fail cleanly and retry later.
import { OmsError, unavailable, type ErrorCode, ERROR_CODES } from '../errors';
import type { Identity } from '../auth/identity';
import { internalHeaders } from '../auth/signature';
import { PRIORITY_HEADER, type AdmissionClass } from '../server/admission';

export interface GraphqlClientOptions {
  /** The service called, by name (`orders`, `gateway`...): named in errors, and the audience of signed requests. */
  service: string;
  url: string | (() => string);
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** Signs every request as this identity (hub services calling subgraphs or the gateway). */
  identity?: Identity;
  /**
   * Admission class asked of a subgraph (signed requests only). Default `internal`: a hub service
   * calling a peer finishes work already admitted, so the peer serves it before new client work.
   * Use `client` for work that starts something new and may wait (a replay of an event log).
   * The gateway ignores it: everything that reaches it is new work.
   */
  priority?: AdmissionClass;
}

interface RemoteError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export class GraphqlClient {
  constructor(private readonly options: GraphqlClientOptions) {}

  async request<TData>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<TData> {
    const url = typeof this.options.url === 'function' ? this.options.url() : this.options.url;
    // Signed for the service called (its name is the token's audience): no other service accepts it.
    const signed = this.options.identity ? await internalHeaders(this.options.identity, this.options.service) : {};
    const priority: Record<string, string> = this.options.identity ? { [PRIORITY_HEADER]: this.options.priority ?? 'internal' } : {};
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.options.headers, ...signed, ...priority, ...headers },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw unavailable(this.options.service, (error as Error).message);
    }
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw unavailable(this.options.service, (error as Error).message, retryAfterSeconds);
    }
    let payload: { data?: TData; errors?: RemoteError[] };
    try {
      payload = JSON.parse(text);
    } catch {
      throw unavailable(this.options.service, `HTTP ${response.status} with a non-JSON body`, retryAfterSeconds ?? (response.status === 503 || response.status === 429 ? 1 : undefined));
    }
    const first = payload.errors?.[0];
    if (first) {
      const code = first.extensions?.code;
      const known = typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
      const { code: _code, stacktrace: _stack, ...details } = first.extensions ?? {};
      // A refusal's hint travels on: the caller's own caller should wait as long.
      if (retryAfterSeconds !== undefined && details.retryAfterSeconds === undefined && (code === 'UNAVAILABLE' || code === 'RATE_LIMITED')) details.retryAfterSeconds = retryAfterSeconds;
      if (known) throw new OmsError(code as ErrorCode, first.message, details);
      throw unavailable(this.options.service, first.message, retryAfterSeconds);
    }
    if (!payload.data) throw unavailable(this.options.service, `HTTP ${response.status} without data`, retryAfterSeconds);
    return payload.data;
  }
}
