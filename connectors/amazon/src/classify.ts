// Amazon's failures as the runtime must see them. Login with Amazon answers OAuth errors
// (`{ error, error_description }`); SP-API answers `{ errors: [{ code, message, details }] }` and, on
// 429, the operation's quota in `x-amzn-RateLimit-Limit` (requests per second) instead of Retry-After.
import { bodyExcerpt, ConnectorError, type ResponseClassifier } from '@oms/connector-kit';
import { operationFor } from './operations';
import { OPERATION_QUOTAS } from './rate-limits';
import type { SpApiError } from './types';

export const CHANNEL_NAME = 'Amazon';
export const CREDENTIAL = { label: 'refresh token', field: 'refreshToken' };

export function spApiErrors(body: unknown): SpApiError[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? errors.filter((error): error is SpApiError => typeof error?.code === 'string') : [];
}

function describe(body: unknown): string {
  const errors = spApiErrors(body);
  if (!errors.length) return bodyExcerpt(body);
  return errors.map((error) => `${error.code}: ${error.message}${error.details ? ` (${error.details})` : ''}`).join('; ');
}

/** Waiting one token's refill: the header's rate when Amazon sends it, else the operation's default quota. */
function rateLimitWaitMs(limitHeader: string | null, method: string, pathname: string): number {
  const rate = Number(limitHeader);
  if (Number.isFinite(rate) && rate > 0) return Math.ceil(1000 / rate);
  const operation = operationFor(method, pathname);
  return operation ? Math.ceil(1000 / OPERATION_QUOTAS[operation].rate) : 2000;
}

function classifyTokenEndpoint(status: number, body: unknown): ConnectorError | undefined {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error !== 'string') return undefined;
  const description = String((body as { error_description?: unknown }).error_description ?? '');
  const detail = `${error}${description ? `: ${description}` : ''}`;
  if (error === 'invalid_grant') {
    return new ConnectorError('AUTH', `Login with Amazon refused the refresh token (${detail}): it expired or the seller revoked the app's authorisation; the seller must authorise the app again and the connection's refreshToken be replaced`, { body });
  }
  if (error === 'invalid_client' || error === 'unauthorized_client') {
    return new ConnectorError('AUTH', `Login with Amazon refused the app's credentials (${detail}): check the connection's clientId and clientSecret`, { body });
  }
  if (status >= 500 || status === 429) return undefined;
  return new ConnectorError('CONFIG', `Login with Amazon refused the token request (HTTP ${status}, ${detail}): check the connection's tokenEndpoint and clientId`, { body });
}

export const classifyAmazon: ResponseClassifier = (response, request) => {
  const { status, body, headers } = response;
  if (status >= 200 && status < 300) return undefined;
  const url = new URL(request.path, 'http://relative.invalid');
  const token = classifyTokenEndpoint(status, body);
  if (token) return token;
  const where = `${request.method} ${url.pathname}`;
  const reason = describe(body);
  const codes = spApiErrors(body).map((error) => error.code);
  if (status === 429) {
    const retryAfterMs = rateLimitWaitMs(headers.get('x-amzn-ratelimit-limit'), request.method, url.pathname);
    return new ConnectorError('RATE_LIMITED', `${CHANNEL_NAME} quota exceeded (HTTP 429) on ${where}: retry after ${retryAfterMs} ms`, { retryAfterMs, body });
  }
  if (status === 401 || status === 403) {
    return new ConnectorError('AUTH', `${CHANNEL_NAME} refused ${where} (HTTP ${status}, ${reason}): check that the seller authorised the app (the connection's ${CREDENTIAL.field}) and that the app has the role this call needs`, { body });
  }
  if (status === 404 && codes.length) {
    // The thing asked for does not exist (an order, a listing): that record, not the connection.
    return new ConnectorError('BAD_RECORD', `${CHANNEL_NAME} found nothing at ${where} (${reason})`, { body });
  }
  if (status === 400 && request.method === 'GET') {
    return new ConnectorError('CONFIG', `${CHANNEL_NAME} refused ${where} (HTTP 400, ${reason}): check the connection's marketplaceId and sellerId`, { body });
  }
  if ((status === 400 || status === 422) && request.method !== 'GET') {
    return new ConnectorError('BAD_RECORD', `${CHANNEL_NAME} refused ${where} (HTTP ${status}, ${reason})`, { body });
  }
  return undefined;
};
