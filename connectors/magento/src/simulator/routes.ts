// The simulator's REST routes: `/rest[/{store_code}]/V1/...` matched to store operations, with the
// ACL resource each route needs (named in Magento's 401 body; as in InventoryApi's webapi.xml). Answers are plain data; server.ts
// serialises them and applies auth, faults and rate limits.
import type { MagentoStoreConfig } from '../types';
import { parseSearchCriteria, search, SearchCriteriaError } from './search-criteria';
import { MagentoHttpError, NO_SUCH_ENTITY, type MagentoStore, type ShipRequest } from './store';

export interface RouteContext {
  store: MagentoStore;
  storeCodes: string[];
  baseUrl: string;
  query: URLSearchParams;
  body: unknown;
}

export interface Route {
  method: string;
  pattern: RegExp;
  acl: string;
  handle(ctx: RouteContext, params: string[]): unknown;
}

function criteria(query: URLSearchParams) {
  try {
    return parseSearchCriteria(query);
  } catch (error) {
    if (error instanceof SearchCriteriaError) throw new MagentoHttpError(400, error.message, error.parameters);
    throw error;
  }
}

function entityId(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new MagentoHttpError(400, 'The "%value" value\'s type is invalid. The "%type" type was expected. Verify and try again.', { value: raw, type: 'int' });
  return Number(raw);
}

function storeConfigs(ctx: RouteContext): MagentoStoreConfig[] {
  return ctx.storeCodes.map((code, index) => ({
    id: index + 1,
    code,
    website_id: 1,
    locale: 'en_US',
    base_currency_code: 'EUR',
    default_display_currency_code: 'EUR',
    timezone: 'Europe/Berlin',
    weight_unit: 'kgs',
    base_url: `${ctx.baseUrl}/`,
    secure_base_url: `${ctx.baseUrl}/`,
  }));
}

export const ROUTES: Route[] = [
  { method: 'GET', pattern: /^store\/storeConfigs$/, acl: 'Magento_Backend::stores', handle: storeConfigs },
  {
    method: 'GET',
    pattern: /^orders$/,
    acl: 'Magento_Sales::actions_view',
    handle: (ctx) => search([...ctx.store.orders.values()], criteria(ctx.query), 'entity_id'),
  },
  { method: 'GET', pattern: /^orders\/([^/]+)$/, acl: 'Magento_Sales::actions_view', handle: (ctx, [id]) => ctx.store.order(entityId(id)) },
  {
    method: 'POST',
    pattern: /^order\/([^/]+)\/ship$/,
    acl: 'Magento_Sales::ship',
    // ShipOrderInterface::execute returns an int; the REST renderer sends it as a JSON string.
    handle: (ctx, [id]) => String(ctx.store.ship(entityId(id), (ctx.body ?? {}) as ShipRequest)),
  },
  {
    method: 'GET',
    pattern: /^shipments$/,
    acl: 'Magento_Sales::shipment',
    handle: (ctx) => search(ctx.store.shipments, criteria(ctx.query), 'entity_id'),
  },
  {
    method: 'GET',
    pattern: /^shipment\/([^/]+)$/,
    acl: 'Magento_Sales::shipment',
    handle: (ctx, [id]) => {
      const shipment = ctx.store.shipments.find((s) => s.entity_id === entityId(id));
      if (!shipment) throw new MagentoHttpError(404, NO_SUCH_ENTITY);
      return shipment;
    },
  },
  {
    method: 'POST',
    pattern: /^inventory\/source-items$/,
    acl: 'Magento_InventoryApi::stock_source_item_assign',
    handle: (ctx) => {
      ctx.store.saveSourceItems((ctx.body as { sourceItems?: unknown } | undefined)?.sourceItems);
      return [];
    },
  },
  {
    method: 'GET',
    pattern: /^inventory\/source-items$/,
    acl: 'Magento_InventoryApi::source',
    handle: (ctx) => search(ctx.store.allSourceItems(), criteria(ctx.query), 'sku'),
  },
  {
    method: 'GET',
    pattern: /^inventory\/sources\/([^/]+)$/,
    acl: 'Magento_InventoryApi::source',
    handle: (ctx, [code]) => {
      const source = ctx.store.sources.find((s) => s.source_code === decodeURIComponent(code));
      if (!source) throw new MagentoHttpError(404, 'Source with code "%value" does not exist.', { value: decodeURIComponent(code) });
      return source;
    },
  },
];

/** `rest/default/V1/orders` → store code and the route; undefined when nothing matches. */
export function matchRoute(method: string, pathname: string): { storeCode?: string; route: Route; params: string[] } | undefined {
  const match = /^\/rest\/(?:(?!V1\/)([a-z][a-z0-9_]*)\/)?V1\/(.+)$/.exec(pathname);
  if (!match) return undefined;
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const params = route.pattern.exec(match[2]);
    if (params) return { storeCode: match[1], route, params: params.slice(1) };
  }
  return undefined;
}
