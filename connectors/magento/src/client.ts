// Magento REST calls the connector makes, over the kit's HTTP client: URLs (`/rest/{store}/V1/...`),
// bearer auth, searchCriteria encoding and Magento's error bodies turned into ConnectorErrors that
// say what to fix.
import { ConnectorError, isConnectorError, type ChannelHttpClientOptions, type ChannelRequest, type ChannelResponse, type ConnectorContext, type ConnectorHttpOptions, type KitLogger, type ResponseClassifier } from '@oms/connector-kit';
import { magentoManifest, type MagentoConfig } from './manifest';
import { renderMagentoMessage, type MagentoSearchResult, type MagentoShipment, type MagentoSource, type MagentoSourceItem, type MagentoStoreConfig } from './types';

export interface SearchFilter {
  field: string;
  value: string | number;
  conditionType?: 'eq' | 'neq' | 'gt' | 'gteq' | 'lt' | 'lteq' | 'in' | 'nin' | 'like';
}

export interface SearchQuery {
  /** Groups are AND-ed; the filters inside one group are OR-ed (Magento's rule). */
  filterGroups?: SearchFilter[][];
  sortOrders?: Array<{ field: string; direction: 'ASC' | 'DESC' }>;
  pageSize?: number;
  currentPage?: number;
}

/** `searchCriteria[...]` query parameters in Magento's bracket syntax. */
export function encodeSearchCriteria(query: SearchQuery): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  (query.filterGroups ?? []).forEach((group, g) =>
    group.forEach((filter, f) => {
      const prefix = `searchCriteria[filter_groups][${g}][filters][${f}]`;
      params[`${prefix}[field]`] = filter.field;
      params[`${prefix}[value]`] = filter.value;
      params[`${prefix}[condition_type]`] = filter.conditionType ?? 'eq';
    }),
  );
  (query.sortOrders ?? []).forEach((sort, s) => {
    params[`searchCriteria[sortOrders][${s}][field]`] = sort.field;
    params[`searchCriteria[sortOrders][${s}][direction]`] = sort.direction;
  });
  if (query.pageSize !== undefined) params['searchCriteria[pageSize]'] = query.pageSize;
  if (query.currentPage !== undefined) params['searchCriteria[currentPage]'] = query.currentPage;
  // An empty criteria still has to be sent: getList endpoints answer 400 without `searchCriteria`.
  if (Object.keys(params).length === 0) params.searchCriteria = '';
  return params;
}

const CREDENTIAL = { label: 'integration access token', field: 'accessToken' };

/**
 * Magento-specific classification for the kit's HTTP client: AUTH messages quote Magento's reason and
 * name `accessToken`; "entity doesn't exist" on a write is that record's problem, not the connection's.
 */
export const classifyMagentoResponse: ResponseClassifier = (response, request) => magentoFailure(response, request);

function magentoFailure(response: ChannelResponse, request: ChannelRequest): ConnectorError | undefined {
  if (response.status < 400) return undefined;
  const reason = renderMagentoMessage(response.body);
  if (response.status === 401) {
    return new ConnectorError(
      'AUTH',
      `Magento refused the integration access token (HTTP 401${reason ? `: ${reason}` : ''}): check the connection's accessToken, that the integration is active and has access to this resource, and on Magento 2.4.4+ that integration tokens may be used as bearer tokens`,
      { status: 401, body: response.body },
    );
  }
  if (response.status === 404 && request.method !== 'GET' && reason && /doesn't exist/i.test(reason)) {
    return new ConnectorError('BAD_RECORD', `Magento: ${reason} (${request.method} ${pathOf(request)})`, { status: 404, body: response.body });
  }
  if ((response.status === 400 || response.status === 404) && reason && /store that was requested wasn't found/i.test(reason)) {
    return new ConnectorError('CONFIG', `Magento does not know the store view of this connection: check storeCode (${reason})`, { status: response.status, body: response.body });
  }
  if (response.status === 400 && request.method !== 'GET' && reason) {
    return new ConnectorError('BAD_RECORD', `Magento rejected ${request.method} ${pathOf(request)}: ${reason}`, { status: 400, body: response.body });
  }
  return undefined;
}

function pathOf(request: ChannelRequest): string {
  return request.path.replace(/^https?:\/\/[^/]+/i, '');
}

/** What the runtime's HTTP client for a connection needs (Connector.httpOptions). */
export function magentoHttpOptions(config: MagentoConfig): ConnectorHttpOptions {
  return {
    baseUrl: config.baseUrl,
    defaultHeaders: { authorization: `Bearer ${config.accessToken}` },
    classify: classifyMagentoResponse,
    channelName: 'Magento',
    credential: CREDENTIAL,
  };
}

/** Full options for the kit's `createChannelHttpClient` (for callers building a client themselves). */
export function magentoHttpClientOptions(config: MagentoConfig, log?: KitLogger): ChannelHttpClientOptions {
  return { ...magentoHttpOptions(config), rateLimit: magentoManifest.rateLimit, log };
}

/** Magento's REST API for one connection. Works with any ChannelHttpClient: auth is set per request. */
export class MagentoClient {
  constructor(private readonly ctx: ConnectorContext<MagentoConfig>) {}

  private url(path: string, scope: 'store' | 'global' = 'store'): string {
    // Inventory (MSI) is global; sales data is read and written through the connection's store view.
    const prefix = scope === 'store' ? `/rest/${this.ctx.config.storeCode}/V1` : '/rest/V1';
    return `${this.ctx.config.baseUrl}${prefix}/${path}`;
  }

  private async call<T>(request: ChannelRequest): Promise<ChannelResponse<T>> {
    const full: ChannelRequest = { ...request, headers: { authorization: `Bearer ${this.ctx.config.accessToken}`, ...request.headers }, signal: this.ctx.signal };
    try {
      return await this.ctx.http.request<T>(full);
    } catch (error) {
      // The runtime's client may not carry classifyMagentoResponse: apply it to what it classified.
      if (isConnectorError(error) && error.details.status !== undefined && error.kind !== 'RATE_LIMITED' && error.kind !== 'TRANSIENT') {
        const refined = magentoFailure({ status: error.details.status, headers: new Headers(), body: error.details.body, requestId: error.details.requestId ?? '' }, full);
        if (refined) {
          refined.details.requestId ??= error.details.requestId;
          throw refined;
        }
      }
      throw error;
    }
  }

  async searchOrders<T = unknown>(query: SearchQuery): Promise<MagentoSearchResult<T>> {
    const response = await this.call<MagentoSearchResult<T>>({ method: 'GET', path: this.url('orders'), query: encodeSearchCriteria(query) });
    return expectSearchResult(response.body, 'orders');
  }

  async getOrder<T = unknown>(orderId: string): Promise<T> {
    return (await this.call<T>({ method: 'GET', path: this.url(`orders/${encodeURIComponent(orderId)}`) })).body;
  }

  async searchShipments(query: SearchQuery): Promise<MagentoSearchResult<MagentoShipment>> {
    const response = await this.call<MagentoSearchResult<MagentoShipment>>({ method: 'GET', path: this.url('shipments'), query: encodeSearchCriteria(query) });
    return expectSearchResult(response.body, 'shipments');
  }

  /** ShipOrder: returns the new shipment's id (Magento sends the int as a JSON string or a number). */
  async shipOrder(orderId: string, body: unknown): Promise<string> {
    const response = await this.call<unknown>({ method: 'POST', path: this.url(`order/${encodeURIComponent(orderId)}/ship`), json: body });
    const id = String(response.body ?? '').replace(/^"|"$/g, '');
    if (!/^\d+$/.test(id)) throw new ConnectorError('TRANSIENT', `Magento answered order/${orderId}/ship without a shipment id: ${JSON.stringify(response.body)}`, { status: response.status, body: response.body });
    return id;
  }

  async saveSourceItems(items: MagentoSourceItem[]): Promise<void> {
    // Sets absolute quantities: repeating it is harmless, so the kit may retry it.
    await this.call({ method: 'POST', path: this.url('inventory/source-items', 'global'), json: { sourceItems: items }, idempotent: true });
  }

  /** MSI source items (global scope: stock is not per store view). */
  async searchSourceItems(query: SearchQuery): Promise<MagentoSearchResult<MagentoSourceItem>> {
    const response = await this.call<MagentoSearchResult<MagentoSourceItem>>({ method: 'GET', path: this.url('inventory/source-items', 'global'), query: encodeSearchCriteria(query) });
    return expectSearchResult(response.body, 'source items');
  }

  async storeConfigs(): Promise<MagentoStoreConfig[]> {
    const response = await this.call<MagentoStoreConfig[]>({ method: 'GET', path: this.url('store/storeConfigs', 'global') });
    if (!Array.isArray(response.body)) throw new ConnectorError('CONFIG', `Magento answered store/storeConfigs with something else than a list: check baseUrl (${this.ctx.config.baseUrl})`, { status: response.status });
    return response.body;
  }

  async getSource(sourceCode: string): Promise<MagentoSource> {
    return (await this.call<MagentoSource>({ method: 'GET', path: this.url(`inventory/sources/${encodeURIComponent(sourceCode)}`, 'global') })).body;
  }
}

function expectSearchResult<T>(body: unknown, what: string): MagentoSearchResult<T> {
  const result = body as MagentoSearchResult<T>;
  if (!result || !Array.isArray(result.items) || typeof result.total_count !== 'number') {
    throw new ConnectorError('CONFIG', `Magento answered the ${what} search with no items/total_count: check baseUrl points at the shop's root`, { body });
  }
  return result;
}
