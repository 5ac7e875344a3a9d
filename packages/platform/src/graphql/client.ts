// Calls another service's graph over HTTP. Remote typed errors keep their code; an unreachable
// service becomes UNAVAILABLE so callers can fail cleanly and retry.
import { OmsError, unavailable, type ErrorCode, ERROR_CODES } from '../errors';
import type { Identity } from '../auth/identity';
import { internalHeaders } from '../auth/signature';

export interface GraphqlClientOptions {
  /** Service name used in error messages. */
  service: string;
  url: string | (() => string);
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** Signs every request as this identity (hub services calling subgraphs or the gateway). */
  identity?: Identity;
}

interface RemoteError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

export class GraphqlClient {
  constructor(private readonly options: GraphqlClientOptions) {}

  async request<TData>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<TData> {
    const url = typeof this.options.url === 'function' ? this.options.url() : this.options.url;
    const signed = this.options.identity ? await internalHeaders(this.options.identity) : {};
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.options.headers, ...signed, ...headers },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw unavailable(this.options.service, (error as Error).message);
    }
    const text = await response.text();
    let payload: { data?: TData; errors?: RemoteError[] };
    try {
      payload = JSON.parse(text);
    } catch {
      throw unavailable(this.options.service, `HTTP ${response.status} with a non-JSON body`);
    }
    const first = payload.errors?.[0];
    if (first) {
      const code = first.extensions?.code;
      const known = typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
      const { code: _code, stacktrace: _stack, ...details } = first.extensions ?? {};
      if (known) throw new OmsError(code as ErrorCode, first.message, details);
      throw unavailable(this.options.service, first.message);
    }
    if (!payload.data) throw unavailable(this.options.service, `HTTP ${response.status} without data`);
    return payload.data;
  }
}
