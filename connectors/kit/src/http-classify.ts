// The kit's default mapping of an HTTP failure onto a ConnectorError kind (see errors.ts for what the
// runtime does with each kind); connectors add channel rules through the client's `classify` hook.
import { ConnectorError } from './errors';

/** Which credential a connection uses, so an AUTH error tells the merchant what to fix. */
export interface CredentialHint {
  /** Human name: `access token`, `API key`. */
  label: string;
  /** The config field holding it: `accessToken`. */
  field: string;
}

/** Retry-After is either delay-seconds (`2`, Shopify sends `2.0`) or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface FailedResponse {
  status: number;
  headers: Headers;
  body: unknown;
  requestId: string;
  method: string;
  path: string;
  channelName: string;
  credential?: CredentialHint;
}

/** A short excerpt of an error body for messages (channels put the reason there). */
export function bodyExcerpt(body: unknown, max = 300): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const DEFAULT_RATE_LIMIT_WAIT_MS = 2000;

export function classifyStatus(failure: FailedResponse): ConnectorError {
  const { status, headers, body, requestId, method, path, channelName, credential } = failure;
  const details = { status, requestId, body };
  const excerpt = bodyExcerpt(body);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers.get('retry-after')) ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    return new ConnectorError('RATE_LIMITED', `${channelName} rate limit reached (HTTP 429) on ${method} ${path}: retry after ${retryAfterMs} ms`, { ...details, retryAfterMs });
  }
  if (status === 401 || status === 403) {
    const what = credential ? `the ${credential.label}` : 'the credentials';
    const fix = credential ? `check the connection's ${credential.field}` : "check the connection's credentials";
    const scope = status === 403 ? ' or it lacks the permission (scope) this call needs' : '';
    return new ConnectorError('AUTH', `${channelName} rejected ${what} (HTTP ${status})${scope}: ${fix}`, details);
  }
  if (status >= 500 || status === 408) {
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
    return new ConnectorError('TRANSIENT', `${channelName} answered HTTP ${status} on ${method} ${path}: ${excerpt}`, { ...details, retryAfterMs });
  }
  if (status === 404) {
    return new ConnectorError('CONFIG', `${channelName} answered HTTP 404 on ${method} ${path}: check the connection's base URL and API version`, details);
  }
  // The channel refused what we sent: a write carries one record, so that record is bad; a read that is
  // refused means the connection's settings (filters, version) are wrong.
  if ((status === 400 || status === 422) && method !== 'GET') {
    return new ConnectorError('BAD_RECORD', `${channelName} rejected the data (HTTP ${status}) on ${method} ${path}: ${excerpt}`, details);
  }
  return new ConnectorError('CONFIG', `${channelName} refused ${method} ${path} (HTTP ${status}): ${excerpt}`, details);
}
