// One HTTP client for every connector: rate limiter, retries with backoff and jitter, timeouts,
// request ids in logs, and failure classification into ConnectorError. Interfaces first, then the kit's
// implementation (`createChannelHttpClient`); connectors only ever see `ChannelHttpClient`.
import { randomUUID } from 'node:crypto';
import Bottleneck from 'bottleneck';
import { ExponentialBackoff, handleWhen, retry, type IBackoff, type IBackoffFactory, type IRetryBackoffContext } from 'cockatiel';
import type { RateLimitPolicy } from './connector';
import { ConnectorError } from './errors';
import { kitLogger, type KitLogger } from './logger';
import { classifyStatus, parseRetryAfter, type CredentialHint } from './http-classify';

export interface ChannelRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path relative to the connection's base URL, or an absolute URL (next-page links). */
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** Serialised as JSON unless `rawBody` is given. */
  json?: unknown;
  rawBody?: string;
  timeoutMs?: number;
  /** Cancels the request and any wait for a retry (the sync's stop signal). */
  signal?: AbortSignal;
  /**
   * Whether sending the request twice is harmless. Default: true for GET, PUT and DELETE, false for
   * POST and PATCH. A non-idempotent request that may have reached the channel (network error,
   * timeout, 5xx) is not retried here: the TRANSIENT error goes up, and the writer's own check for
   * its earlier write decides on the next run. Refusals that prove nothing was done (429) still wait
   * and retry.
   */
  idempotent?: boolean;
}

const isIdempotent = (request: ChannelRequest) => request.idempotent ?? !(request.method === 'POST' || request.method === 'PATCH');

export interface ChannelResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, else the text. */
  body: T;
  requestId: string;
}

export interface ChannelHttpClient {
  /** Sends with rate limiting and retries; resolves on 2xx, throws ConnectorError otherwise. */
  request<T = unknown>(request: ChannelRequest): Promise<ChannelResponse<T>>;
}

/**
 * Channel-specific classification, run on every response before the status rules (2xx included, so a
 * GraphQL `THROTTLED` error inside a 200 body becomes RATE_LIMITED). Return a ConnectorError to fail
 * (retried by its kind), `'ok'` to hand the response to the caller whatever its status (a GraphQL 400
 * whose body lists the errors), or undefined to fall through to the kit's status rules.
 */
export type ResponseClassifier = (response: ChannelResponse, request: ChannelRequest) => ConnectorError | 'ok' | undefined;

export interface ChannelHttpClientOptions {
  baseUrl: string;
  rateLimit: RateLimitPolicy;
  defaultHeaders?: Record<string, string>;
  log?: KitLogger;
  classify?: ResponseClassifier;
  /** Names the channel and the credential in AUTH messages ("Shopify rejected the access token ..."). */
  channelName?: string;
  credential?: CredentialHint;
  /** Per attempt; a request's own `timeoutMs` wins. Default 30 s. */
  timeoutMs?: number;
  retry?: {
    /** Retries of TRANSIENT failures (5xx, network, timeouts). Default 4. */
    maxAttempts?: number;
    initialDelayMs?: number;
    maxDelayMs?: number;
    /** RATE_LIMITED responses waited out before giving up with RATE_LIMITED. Default 5. */
    maxRateLimitWaits?: number;
    /**
     * A Retry-After longer than this is not waited here: the RATE_LIMITED (429) or TRANSIENT (5xx, e.g. a
     * shop in maintenance mode) error goes up to the runtime with `retryAfterMs`. Default 60 s.
     */
    maxRetryAfterMs?: number;
  };
}

function buildUrl(baseUrl: string, request: ChannelRequest): URL {
  const url = /^https?:\/\//i.test(request.path) ? new URL(request.path) : new URL(request.path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
  return url;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!(response.headers.get('content-type') ?? '').includes('json') || text === '') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A leaky bucket per client: `burst` requests at once after a quiet period, refilled at `requestsPerSecond`. */
function createLimiter(policy: RateLimitPolicy): Bottleneck {
  const intervalMs = Math.max(10, Math.round(1000 / policy.requestsPerSecond));
  const amount = Math.max(1, Math.round((policy.requestsPerSecond * intervalMs) / 1000));
  return new Bottleneck({
    maxConcurrent: policy.maxConcurrent,
    reservoir: policy.burst,
    reservoirIncreaseAmount: amount,
    reservoirIncreaseInterval: intervalMs,
    reservoirIncreaseMaximum: policy.burst,
  });
}

export function createChannelHttpClient(options: ChannelHttpClientOptions): ChannelHttpClient {
  const log = options.log ?? kitLogger('http', { baseUrl: options.baseUrl });
  const limiter = createLimiter(options.rateLimit);
  const channelName = options.channelName ?? 'The channel';
  const maxRateLimitWaits = options.retry?.maxRateLimitWaits ?? 5;
  const maxRetryAfterMs = options.retry?.maxRetryAfterMs ?? 60_000;
  const waitsTooLong = (error: ConnectorError) => (error.details.retryAfterMs ?? 0) > maxRetryAfterMs;
  const transientRetry = retry(handleWhen((error) => error instanceof ConnectorError && error.kind === 'TRANSIENT' && !unsafeToRepeat.has(error) && !waitsTooLong(error)), {
    maxAttempts: options.retry?.maxAttempts ?? 4,
    // Decorrelated jitter (cockatiel's default generator) spreads retries of many connections apart;
    // a 5xx that says when to come back (Retry-After) is not retried before then.
    backoff: new RetryAfterBackoff(new ExponentialBackoff({ initialDelay: options.retry?.initialDelayMs ?? 200, maxDelay: options.retry?.maxDelayMs ?? 10_000 })),
  });
  transientRetry.onRetry((event) => log.warn({ delayMs: Math.round(event.delay), attempt: event.attempt, error: 'error' in event ? event.error.message : undefined }, 'retrying channel request'));

  /** TRANSIENT failures of non-idempotent requests: the channel may have done the work already. */
  const unsafeToRepeat = new WeakSet<ConnectorError>();

  async function attempt(request: ChannelRequest, requestId: string, attemptNo: number): Promise<ChannelResponse> {
    try {
      return await send(request, requestId, attemptNo);
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'TRANSIENT' && !isIdempotent(request)) unsafeToRepeat.add(error);
      throw error;
    }
  }

  async function send(request: ChannelRequest, requestId: string, attemptNo: number): Promise<ChannelResponse> {
    const url = buildUrl(options.baseUrl, request);
    const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? 30_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json', ...options.defaultHeaders, ...request.headers, 'x-request-id': requestId };
    let body: string | undefined;
    if (request.rawBody !== undefined) body = request.rawBody;
    else if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] ??= 'application/json';
    }
    const started = performance.now();
    let response: Response;
    let parsed: unknown;
    try {
      response = await limiter.schedule(() => fetch(url, { method: request.method, headers, body, signal }));
      parsed = await readBody(response);
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason ?? error;
      const timedOut = timeout.aborted;
      const reason = timedOut ? `timed out after ${timeoutMs} ms` : describeNetworkError(error);
      log.warn({ requestId, method: request.method, path: url.pathname, attempt: attemptNo, durationMs: Math.round(performance.now() - started), error: reason }, 'channel request failed');
      throw new ConnectorError('TRANSIENT', `${channelName} request ${request.method} ${url.pathname} failed: ${reason}`, { requestId });
    }
    const durationMs = Math.round(performance.now() - started);
    log.info({ requestId, method: request.method, path: url.pathname, status: response.status, durationMs, attempt: attemptNo }, 'channel request');
    const result: ChannelResponse = { status: response.status, headers: response.headers, body: parsed, requestId };
    const custom = options.classify?.(result, request);
    if (custom === 'ok') return result;
    if (custom) {
      custom.details.requestId ??= requestId;
      custom.details.status ??= response.status;
      throw custom;
    }
    if (response.ok) return result;
    throw classifyStatus({ status: response.status, headers: response.headers, body: parsed, requestId, method: request.method, path: url.pathname, channelName, credential: options.credential });
  }

  return {
    async request<T>(request: ChannelRequest): Promise<ChannelResponse<T>> {
      const requestId = randomUUID();
      let attemptNo = 0;
      for (let waits = 0; ; waits++) {
        try {
          return (await transientRetry.execute(() => attempt(request, requestId, ++attemptNo), request.signal)) as ChannelResponse<T>;
        } catch (error) {
          if (!(error instanceof ConnectorError) || error.kind !== 'RATE_LIMITED') throw error;
          const waitMs = error.details.retryAfterMs ?? 1000;
          if (waits >= maxRateLimitWaits || waitMs > maxRetryAfterMs) throw error;
          log.warn({ requestId, waitMs, waits: waits + 1 }, 'rate limited by the channel: waiting Retry-After');
          // A little over Retry-After: channels count the window from their own clock.
          await sleep(waitMs + 25, request.signal);
        }
      }
    },
  };
}

/**
 * The backoff of TRANSIENT retries, lengthened to the failure's Retry-After when the channel sent one
 * (503 in maintenance mode, 502/504 from a CDN). Waits longer than the client's maximum never get here:
 * those errors are not retried in the client at all.
 */
class RetryAfterBackoff implements IBackoff<IRetryBackoffContext<unknown>> {
  constructor(
    private readonly inner: IBackoffFactory<IRetryBackoffContext<unknown>>,
    readonly duration = 0,
  ) {}

  next(context: IRetryBackoffContext<unknown>): RetryAfterBackoff {
    const inner = this.inner.next(context);
    const error = 'error' in context.result ? context.result.error : undefined;
    const retryAfterMs = error instanceof ConnectorError ? (error.details.retryAfterMs ?? 0) : 0;
    // A little over Retry-After, as for 429: channels count the time from their own clock.
    return new RetryAfterBackoff(inner, retryAfterMs > 0 ? Math.max(inner.duration, retryAfterMs + 25) : inner.duration);
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

export { parseRetryAfter };
export type { CredentialHint };
