// The simulator's routes: eBay's paths, the OAuth scope each needs, and what each answers.
import type { EbayErrorDetail } from '../classify';
import { searchOrders } from './orders-query';
import { EbayHttpError, ebayError, type EbayStore } from './store';

export interface RouteRequest {
  store: EbayStore;
  baseUrl: string;
  url: URL;
  params: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
}

export interface RouteAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  /** Any one of these scopes lets the call through (eBay accepts the read-only scope for reads). */
  scopes: string[];
  handle(request: RouteRequest): RouteAnswer;
}

const SCOPE = 'https://api.ebay.com/oauth/api_scope/';
const FULFILLMENT_READ = [`${SCOPE}sell.fulfillment`, `${SCOPE}sell.fulfillment.readonly`];
const FULFILLMENT_WRITE = [`${SCOPE}sell.fulfillment`];
const INVENTORY_READ = [`${SCOPE}sell.inventory`, `${SCOPE}sell.inventory.readonly`];
const INVENTORY_WRITE = [`${SCOPE}sell.inventory`];
const BULK_LIMIT = 25;

function route(method: string, path: string, scopes: string[], handle: Route['handle']): Route {
  const names: string[] = [];
  const pattern = new RegExp(`^${path.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
  return { method, pattern, names, scopes, handle };
}

function bulkRequests(body: unknown, field: string): unknown[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw new EbayHttpError(400, [ebayError(25709, 'API_INVENTORY', 'REQUEST', `Invalid value for ${field}`, { fieldName: field })]);
  if (requests.length > BULK_LIMIT) throw new EbayHttpError(400, [ebayError(25709, 'API_INVENTORY', 'REQUEST', `Invalid value for ${field}: at most ${BULK_LIMIT} entries`, { fieldName: field })]);
  return requests;
}

/** 200 when every entry succeeded, 207 Multi-Status when some failed (eBay's bulk calls). */
const multiStatus = (responses: Array<{ statusCode: number }>) => (responses.every((entry) => entry.statusCode < 300) ? 200 : 207);

export const ROUTES: Route[] = [
  route('GET', '/sell/fulfillment/v1/order', FULFILLMENT_READ, ({ store, url, baseUrl }) => ({ status: 200, body: searchOrders(store.orders.values(), url.searchParams, `${baseUrl}${url.pathname}${url.search}`) })),
  route('GET', '/sell/fulfillment/v1/order/{orderId}', FULFILLMENT_READ, ({ store, params }) => ({ status: 200, body: structuredClone(store.order(params.orderId)) })),
  route('GET', '/sell/fulfillment/v1/order/{orderId}/shipping_fulfillment', FULFILLMENT_READ, ({ store, params }) => {
    store.order(params.orderId);
    const fulfillments = store.fulfillments.get(params.orderId) ?? [];
    return { status: 200, body: { fulfillments: structuredClone(fulfillments), total: fulfillments.length } };
  }),
  route('GET', '/sell/fulfillment/v1/order/{orderId}/shipping_fulfillment/{fulfillmentId}', FULFILLMENT_READ, ({ store, params }) => {
    const found = (store.fulfillments.get(params.orderId) ?? []).find((entry) => entry.fulfillmentId === params.fulfillmentId);
    if (!found) throw new EbayHttpError(404, [ebayError(32400, 'API_FULFILLMENT', 'REQUEST', 'Invalid shipping fulfillment ID', { fulfillmentId: params.fulfillmentId })]);
    return { status: 200, body: structuredClone(found) };
  }),
  route('POST', '/sell/fulfillment/v1/order/{orderId}/shipping_fulfillment', FULFILLMENT_WRITE, ({ store, params, baseUrl, body }) => {
    const created = store.createFulfillment(params.orderId, body);
    // eBay answers 201 with an empty body; the new id is only in the Location header.
    return { status: 201, body: {}, headers: { location: `${baseUrl}/sell/fulfillment/v1/order/${encodeURIComponent(params.orderId)}/shipping_fulfillment/${created.fulfillmentId}` } };
  }),
  route('POST', '/sell/inventory/v1/bulk_update_price_quantity', INVENTORY_WRITE, ({ store, body }) => {
    const responses = bulkRequests(body, 'requests').map((entry) => store.updateQuantity(entry));
    return { status: multiStatus(responses), body: { responses } };
  }),
  route('POST', '/sell/inventory/v1/bulk_get_inventory_item', INVENTORY_READ, ({ store, body }) => {
    const responses = bulkRequests(body, 'requests').map((entry) => {
      const sku = String((entry as { sku?: unknown })?.sku ?? '');
      const item = store.inventoryItem(sku);
      return item
        ? { sku, statusCode: 200, inventoryItem: item }
        : { sku, statusCode: 404, errors: [ebayError(25710, 'API_INVENTORY', 'REQUEST', "We didn't find the resource/entity you are requesting. Please verify the request", { sku })] as EbayErrorDetail[] };
    });
    return { status: multiStatus(responses), body: { responses } };
  }),
  route('GET', '/sell/inventory/v1/inventory_item', INVENTORY_READ, ({ store, url, baseUrl }) => {
    const limit = Math.min(200, Math.max(1, Number(url.searchParams.get('limit') ?? 25) || 25));
    const offset = Math.max(0, Number(url.searchParams.get('offset') ?? 0) || 0);
    const skus = [...store.inventory.keys()].sort();
    const items = skus.slice(offset, offset + limit).map((sku) => store.inventoryItem(sku));
    return { status: 200, body: { href: `${baseUrl}${url.pathname}?limit=${limit}&offset=${offset}`, total: skus.length, size: items.length, limit, inventoryItems: items } };
  }),
  route('GET', '/sell/inventory/v1/inventory_item/{sku}', INVENTORY_READ, ({ store, params }) => {
    const item = store.inventoryItem(params.sku);
    if (!item) throw new EbayHttpError(404, [ebayError(25710, 'API_INVENTORY', 'REQUEST', "We didn't find the resource/entity you are requesting. Please verify the request", { sku: params.sku })]);
    return { status: 200, body: item };
  }),
];

export function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(candidate.names.map((name, index) => [name, decodeURIComponent(match[index + 1])]));
    return { route: candidate, params };
  }
  return undefined;
}
