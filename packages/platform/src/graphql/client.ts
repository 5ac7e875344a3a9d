// Calls another service's graph over HTTP with a typed document from @oms/contracts (generated from
// the SDL of the service called, so a renamed field fails the build of its callers, not a request).
// One behaviour for every failure to reach the service — its address not known yet (still starting),
// connection refused, timeout, a body cut short or not JSON — a typed UNAVAILABLE with
// `retryAfterSeconds` (the service's own Retry-After or hint when it gave one), so callers fail cleanly
// and retry later. Remote typed errors keep their code.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { OmsError, unavailable, type ErrorCode, ERROR_CODES } from '../errors';
import type { Identity } from '../auth/identity';
import { internalHeaders } from '../auth/signature';
import { PRIORITY_HEADER, type AdmissionClass } from '../server/admission';

export type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** How long a caller waits before trying a service it could not reach at all (it said nothing itself). */
export const UNREACHABLE_RETRY_SECONDS = 1;

/** The header a hub service names the user it acts for in (see requireSignedIdentity's on-behalf-of). */
export const ACTOR_HEADER = 'x-oms-actor';

export interface GraphqlClientOptions {
  /** The service called, by name (`orders`, `gateway`...): named in errors, and the audience of signed requests. */
  service: string;
  /** The service's address; a function that throws means it is not known yet (the service is still starting). */
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

export interface PeerRequestOptions {
  /** The user the calling service acts for, sent in `x-oms-actor` (recorded in the peer's history). */
  actor?: string;
  headers?: Record<string, string>;
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

/** `_entities` representations of `typename` entities keyed by `key` (`id`, `sku`...), in `keys` order. */
export function representations(typename: string, keys: readonly string[], key = 'id'): Array<Record<string, unknown>> {
  return keys.map((value) => ({ __typename: typename, [key]: value }));
}

/** An `_entities` answer narrowed to the type asked for; null when the peer has no such entity. */
export function entityOf<TEntity extends { __typename: string }, TName extends TEntity['__typename']>(
  entity: TEntity | null | undefined,
  typename: TName,
): Extract<TEntity, { __typename: TName }> | null {
  return entity && entity.__typename === typename ? (entity as Extract<TEntity, { __typename: TName }>) : null;
}

/** Printed once per document: documents are module constants. */
const printed = new WeakMap<DocumentNode, string>();

function queryText(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

export class GraphqlClient {
  constructor(private readonly options: GraphqlClientOptions) {}

  /** Runs a typed operation (from @oms/contracts) against the service. */
  async execute<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, options: PeerRequestOptions = {}): Promise<TData> {
    const headers = { ...options.headers, ...(options.actor ? { [ACTOR_HEADER]: options.actor } : {}) };
    return this.send<TData>(queryText(document), variables as Record<string, unknown>, headers);
  }

  /**
   * Runs an operation given as text. Only for operations not in @oms/contracts yet (the gateway's);
   * hub services use `execute` with a typed document.
   */
  async request<TData>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<TData> {
    return this.send<TData>(query, variables, headers);
  }

  private address(): string {
    if (typeof this.options.url === 'string') return this.options.url;
    try {
      return this.options.url();
    } catch (error) {
      throw unavailable(this.options.service, (error as Error).message, UNREACHABLE_RETRY_SECONDS);
    }
  }

  private async send<TData>(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<TData> {
    const url = this.address();
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
      throw unavailable(this.options.service, (error as Error).message, UNREACHABLE_RETRY_SECONDS);
    }
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw unavailable(this.options.service, (error as Error).message, retryAfterSeconds ?? UNREACHABLE_RETRY_SECONDS);
    }
    let payload: { data?: TData; errors?: RemoteError[] };
    try {
      payload = JSON.parse(text);
    } catch {
      throw unavailable(this.options.service, `HTTP ${response.status} with a non-JSON body`, retryAfterSeconds ?? UNREACHABLE_RETRY_SECONDS);
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
