// Shopify's Admin GraphQL API for one connection: the endpoint and token, classification of Shopify's
// own failures (THROTTLED with 200 or 429, MAX_COST_EXCEEDED, ACCESS_DENIED, userErrors), and pacing
// by the query cost the shop reports in `extensions.cost.throttleStatus`.
import { ConnectorError, type ChannelResponse, type ConnectorContext, type ConnectorHttpOptions, type ResponseClassifier } from '@oms/connector-kit';
import type { ShopifyConfig } from './manifest';

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface ShopifyGraphqlError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface ShopifyGraphqlBody<T> {
  data?: T | null;
  errors?: ShopifyGraphqlError[] | string;
  extensions?: { cost?: { requestedQueryCost: number; actualQueryCost: number | null; throttleStatus: ThrottleStatus } };
}

export const SHOPIFY_CREDENTIAL = { label: 'access token', field: 'accessToken' };

export function shopifyOrigin(config: Pick<ShopifyConfig, 'shopDomain' | 'baseUrl'>): string {
  return (config.baseUrl ?? `https://${config.shopDomain}`).replace(/\/+$/, '');
}

export function graphqlPath(config: Pick<ShopifyConfig, 'apiVersion'>): string {
  return `admin/api/${config.apiVersion}/graphql.json`;
}

const errorsOf = (body: unknown): ShopifyGraphqlError[] => {
  const errors = (body as ShopifyGraphqlBody<unknown> | undefined)?.errors;
  return Array.isArray(errors) ? errors : [];
};

/** How long until the bucket holds `cost` points again. */
export function throttleWaitMs(cost: number, status: ThrottleStatus | undefined): number {
  if (!status || status.restoreRate <= 0) return 1000;
  return Math.max(0, Math.ceil(((cost - status.currentlyAvailable) / status.restoreRate) * 1000));
}

/** Shopify-specific outcomes inside otherwise "successful" (or generic) HTTP responses. */
export const classifyShopifyResponse: ResponseClassifier = (response: ChannelResponse) => {
  const body = response.body as ShopifyGraphqlBody<unknown> | undefined;
  const errors = errorsOf(body);
  const throttled = errors.find((error) => error.extensions?.code === 'THROTTLED' || error.message === 'Throttled');
  if (throttled) {
    const cost = body?.extensions?.cost;
    const retryAfterMs = Math.max(throttleWaitMs(cost?.requestedQueryCost ?? 0, cost?.throttleStatus), 100);
    return new ConnectorError('RATE_LIMITED', `Shopify throttled the query (cost ${cost?.requestedQueryCost ?? '?'}, ${cost?.throttleStatus.currentlyAvailable ?? '?'} points available): retry after ${retryAfterMs} ms`, { retryAfterMs, body });
  }
  if (response.status !== 200) return undefined;
  const maxCost = errors.find((error) => error.extensions?.code === 'MAX_COST_EXCEEDED');
  if (maxCost) return new ConnectorError('CONFIG', `Shopify refused the query: ${maxCost.message} (lower the connection's pageSize)`, { body });
  const denied = errors.find((error) => error.extensions?.code === 'ACCESS_DENIED');
  if (denied) return new ConnectorError('AUTH', `Shopify denied access: ${denied.message}: the app behind the connection's accessToken lacks a scope this call needs`, { body });
  const internal = errors.find((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR');
  if (internal) return new ConnectorError('TRANSIENT', `Shopify failed: ${internal.message}`, { body });
  return undefined;
};

/** The connection's HTTP client options: the runtime builds the client from these (createConnectorContext). */
export function shopifyHttpOptions(config: ShopifyConfig): ConnectorHttpOptions {
  return {
    baseUrl: shopifyOrigin(config),
    defaultHeaders: { 'x-shopify-access-token': config.accessToken },
    classify: classifyShopifyResponse,
    channelName: 'Shopify',
    credential: SHOPIFY_CREDENTIAL,
  };
}

// Last throttle status seen per HTTP client (one per connection), to pace queries before Shopify must throttle them.
const throttleByClient = new WeakMap<object, { status: ThrottleStatus; at: number; lastCost: Map<string, number> }>();

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

const NON_IDEMPOTENT_MUTATIONS = new Set(['OmsFulfil']);

export class ShopifyClient {
  constructor(private readonly ctx: ConnectorContext<ShopifyConfig>) {}

  /**
   * Runs one Admin GraphQL operation; resolves `data`. Top-level GraphQL errors that are not Shopify's
   * throttling/cost/auth codes become CONFIG (the query or the API version is wrong for this shop).
   */
  async graphql<T>(operationName: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    await this.pace(operationName);
    const { config } = this.ctx;
    let response: ChannelResponse<ShopifyGraphqlBody<T>>;
    try {
      response = await this.ctx.http.request<ShopifyGraphqlBody<T>>({
        method: 'POST',
        path: graphqlPath(config),
        // Carried per request too, so a runtime client built without shopifyHttpOptions still authenticates.
        headers: { 'x-shopify-access-token': config.accessToken },
        json: { query, variables, operationName },
        signal: this.ctx.signal,
        // Reads and absolute writes (inventorySetQuantities) may be repeated; creating a fulfillment may not.
        idempotent: !/^\s*mutation\b/.test(query) || !NON_IDEMPOTENT_MUTATIONS.has(operationName),
      });
    } catch (error) {
      // Whatever client the runtime built, the merchant must read which credential to fix.
      if (error instanceof ConnectorError && error.kind === 'AUTH' && (error.details.status === 401 || error.details.status === 403) && !error.message.includes('accessToken')) {
        throw new ConnectorError('AUTH', `Shopify rejected the access token (HTTP ${error.details.status}): check the connection's accessToken`, error.details);
      }
      throw error;
    }
    const body = response.body;
    this.remember(operationName, body);
    const errors = errorsOf(body);
    if (errors.length || typeof body?.errors === 'string') {
      const message = typeof body?.errors === 'string' ? body.errors : errors.map((error) => error.message).join('; ');
      throw new ConnectorError('CONFIG', `Shopify rejected ${operationName} (API ${config.apiVersion}): ${message}`, { status: response.status, requestId: response.requestId, body });
    }
    if (!body?.data) throw new ConnectorError('TRANSIENT', `Shopify answered ${operationName} without data`, { status: response.status, requestId: response.requestId });
    return body.data;
  }

  private remember(operationName: string, body: ShopifyGraphqlBody<unknown> | undefined): void {
    const cost = body?.extensions?.cost;
    if (!cost) return;
    const entry = throttleByClient.get(this.ctx.http) ?? { status: cost.throttleStatus, at: Date.now(), lastCost: new Map<string, number>() };
    entry.status = cost.throttleStatus;
    entry.at = Date.now();
    entry.lastCost.set(operationName, cost.requestedQueryCost);
    throttleByClient.set(this.ctx.http, entry);
  }

  /** Waits until the bucket should hold what this operation cost last time (Shopify's advice: avoid being throttled). */
  private async pace(operationName: string): Promise<void> {
    const entry = throttleByClient.get(this.ctx.http);
    const cost = entry?.lastCost.get(operationName);
    if (!entry || cost === undefined) return;
    const restored = Math.min(entry.status.maximumAvailable, entry.status.currentlyAvailable + ((Date.now() - entry.at) / 1000) * entry.status.restoreRate);
    if (restored >= cost) return;
    const wait = throttleWaitMs(cost, { ...entry.status, currentlyAvailable: restored });
    this.ctx.log.debug({ operationName, cost, restored, wait }, 'pacing Shopify query by cost');
    await sleep(wait, this.ctx.signal);
  }
}

export function isMaxCostExceeded(error: unknown): boolean {
  return error instanceof ConnectorError && errorsOf(error.details.body).some((entry) => entry.extensions?.code === 'MAX_COST_EXCEEDED');
}
