// eBay's error bodies (`errors[]` with errorId, domain, category, message, parameters) and the OAuth
// token endpoint's (`error`, `error_description`) turned into ConnectorErrors that say what to fix.
import { ConnectorError, parseRetryAfter, type ChannelRequest, type ChannelResponse } from '@oms/connector-kit';

export interface EbayErrorParameter {
  name: string;
  value: string;
}

/** One entry of eBay's `errors[]` (ErrorDetailV3). */
export interface EbayErrorDetail {
  errorId: number;
  domain: string;
  subdomain?: string;
  /** REQUEST: the call was wrong; BUSINESS: a rule refused it; APPLICATION: eBay failed. */
  category: 'REQUEST' | 'BUSINESS' | 'APPLICATION' | string;
  message: string;
  longMessage?: string;
  inputRefIds?: string[];
  parameters?: EbayErrorParameter[];
}

export function ebayErrors(body: unknown): EbayErrorDetail[] {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? errors.filter((error): error is EbayErrorDetail => typeof error === 'object' && error !== null && 'errorId' in error) : [];
}

/** `32100 (API_FULFILLMENT, REQUEST): Invalid order ID [orderId=1-2]` for every error, joined. */
export function describeEbayErrors(errors: EbayErrorDetail[]): string {
  return errors
    .map((error) => {
      const parameters = error.parameters?.length ? ` [${error.parameters.map((parameter) => `${parameter.name}=${parameter.value}`).join(', ')}]` : '';
      return `${error.errorId} (${error.domain}, ${error.category}): ${error.longMessage ?? error.message}${parameters}`;
    })
    .join('; ');
}

/** eBay's daily quotas have no per-call reset header; with none, hand the wait to the runtime. */
export const QUOTA_WAIT_MS = 5 * 60_000;

/**
 * Errors about one record (an order id, a line item, a SKU eBay does not know), even on a read: the
 * writer looking the record up fails for that record alone, the connection is fine.
 */
const RECORD_ERRORS = new Set([32100, 32200, 32210, 32300, 32400, 32500, 25710]);

const CREDENTIALS = 'check the connection\'s clientId, clientSecret and refreshToken';

function pathOf(request: ChannelRequest): string {
  return request.path.replace(/^https?:\/\/[^/]+/i, '').replace(/\?.*$/, '');
}

/**
 * Classifies an eBay REST API response (the kit's `classify` hook). 401s are the client's business
 * first (it refreshes the access token once); what reaches here after that is the connection's fault.
 */
export function classifyEbayResponse(response: ChannelResponse, request: ChannelRequest): ConnectorError | undefined {
  const { status } = response;
  if (status < 400) return undefined;
  const errors = ebayErrors(response.body);
  const reason = errors.length ? describeEbayErrors(errors) : typeof response.body === 'string' ? response.body.slice(0, 300) : JSON.stringify(response.body ?? '').slice(0, 300);
  const where = `${request.method} ${pathOf(request)}`;
  const details = { status, body: response.body };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after')) ?? QUOTA_WAIT_MS;
    return new ConnectorError('RATE_LIMITED', `eBay call limit reached (HTTP 429) on ${where}: ${reason}; retry after ${retryAfterMs} ms`, { ...details, retryAfterMs });
  }
  if (status === 401) return new ConnectorError('AUTH', `eBay refused the access token refreshed with this connection's refreshToken (HTTP 401: ${reason}): ${CREDENTIALS}`, details);
  if (status === 403) {
    return new ConnectorError('AUTH', `eBay denied ${where} (HTTP 403: ${reason}): the seller's consent lacks a scope this call needs: check the connection's scopes and refreshToken`, details);
  }
  if (status >= 500 || status === 408 || errors.some((error) => error.category === 'APPLICATION')) {
    return new ConnectorError('TRANSIENT', `eBay failed on ${where} (HTTP ${status}): ${reason}`, { ...details, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
  }
  if (request.method !== 'GET' || errors.some((error) => RECORD_ERRORS.has(error.errorId))) {
    // A write carries one record (an order's fulfillment, a batch of SKUs): eBay refused that record.
    return new ConnectorError('BAD_RECORD', `eBay refused ${where} (HTTP ${status}): ${reason}`, details);
  }
  return new ConnectorError('CONFIG', `eBay refused ${where} (HTTP ${status}): ${reason}: check the connection's apiBaseUrl and settings`, details);
}

/** The token endpoint's OAuth errors: which credential is wrong, in the merchant's words. */
export function classifyTokenResponse(response: ChannelResponse): ConnectorError | undefined {
  const { status } = response;
  if (status < 400) return undefined;
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as { error?: string; error_description?: string };
  const said = body.error ? `${body.error}${body.error_description ? `: ${body.error_description}` : ''}` : JSON.stringify(response.body ?? '').slice(0, 200);
  const details = { status, body: response.body };
  if (status === 429) {
    return new ConnectorError('RATE_LIMITED', `eBay's token endpoint is over its limit (HTTP 429)`, { ...details, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) ?? QUOTA_WAIT_MS });
  }
  if (status >= 500) return new ConnectorError('TRANSIENT', `eBay's token endpoint failed (HTTP ${status}): ${said}`, details);
  if (body.error === 'invalid_grant') {
    return new ConnectorError('AUTH', `eBay refused the refreshToken (${said}): it expired or was revoked; the seller must consent again and the connection's refreshToken be replaced`, details);
  }
  if (body.error === 'invalid_client' || status === 401) {
    return new ConnectorError('AUTH', `eBay refused the application's credentials (HTTP ${status}, ${said}): check the connection's clientId and clientSecret`, details);
  }
  if (body.error === 'invalid_scope') {
    return new ConnectorError('AUTH', `eBay refused the scopes asked for (${said}): the connection's scopes must be among those the seller consented to with this refreshToken`, details);
  }
  return new ConnectorError('CONFIG', `eBay's token endpoint refused the refresh (HTTP ${status}, ${said}): check the connection's tokenUrl`, details);
}
