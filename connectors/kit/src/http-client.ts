// One HTTP client for every connector: rate limiter, retries with backoff and jitter, timeouts,
// request ids in logs, and failure classification into ConnectorError. (Interface; the kit implements it below.)
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
}

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
