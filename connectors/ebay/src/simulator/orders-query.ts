// getOrders' query contract: `filter` (lastmodifieddate / creationdate ranges, orderfulfillmentstatus
// set), `limit` (1–200, default 50), `offset`, `orderIds` (up to 50, overriding the filter); errors as
// eBay words them. Returns the page eBay would: href, limit, offset, next, prev, total, orders.
import type { EbayOrder, EbayOrderPage } from '../types';
import { EbayHttpError, ebayError } from './store';

const DOMAIN = 'API_FULFILLMENT';
const invalid = (errorId: number, message: string, parameters: Record<string, string>) => new EbayHttpError(400, [ebayError(errorId, DOMAIN, 'REQUEST', message, parameters)]);

interface Criteria {
  modified?: { from?: number; to?: number };
  created?: { from?: number; to?: number };
  statuses?: Set<string>;
}

function parseRange(name: string, text: string): { from?: number; to?: number } {
  const match = /^\[([^\]]*?)\.\.([^\]]*)\]$/.exec(text);
  if (!match) throw invalid(30850, `Invalid filter: ${name} must be a range [from..to]`, { filter: `${name}:${text}` });
  const parse = (value: string) => {
    if (!value) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) throw invalid(30820, `Invalid date format: ${value}; use ISO 8601 UTC, e.g. 2016-03-21T08:25:43.511Z`, { filter: name });
    return Date.parse(value);
  };
  const range = { from: parse(match[1]), to: parse(match[2]) };
  if (range.from === undefined) throw invalid(30820, `Invalid filter: ${name} needs a start date`, { filter: name });
  return range;
}

function parseFilter(filter: string | null): Criteria {
  const criteria: Criteria = {};
  if (!filter) return criteria;
  // Criteria are comma-separated; a comma inside {..} separates nothing (values there use |).
  for (const part of filter.split(/,(?![^{]*\})/)) {
    const colon = part.indexOf(':');
    const name = part.slice(0, colon).trim().toLowerCase();
    const value = part.slice(colon + 1).trim();
    if (colon < 0) throw invalid(30800, `Invalid filter: ${part}`, { filter: part });
    if (name === 'lastmodifieddate') criteria.modified = parseRange(name, value);
    else if (name === 'creationdate') criteria.created = parseRange(name, value);
    else if (name === 'orderfulfillmentstatus') {
      const match = /^\{([A-Z_|]+)\}$/.exec(value);
      if (!match) throw invalid(30800, `Invalid filter: ${part}`, { filter: part });
      criteria.statuses = new Set(match[1].split('|'));
    } else throw invalid(30800, `Invalid filter name: ${name}`, { filter: name });
  }
  return criteria;
}

const inRange = (value: string, range?: { from?: number; to?: number }) => {
  if (!range) return true;
  const at = Date.parse(value);
  return (range.from === undefined || at >= range.from) && (range.to === undefined || at <= range.to);
};

function integer(value: string | null, name: string, fallback: number, min: number, max: number): number {
  if (value === null || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw invalid(name === 'limit' ? 30700 : 30400, `Invalid ${name}: ${value}; must be ${min}..${max}`, { [name]: value });
  return number;
}

export function searchOrders(orders: Iterable<EbayOrder>, params: URLSearchParams, href: string): EbayOrderPage {
  const limit = integer(params.get('limit'), 'limit', 50, 1, 200);
  const offset = integer(params.get('offset'), 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const ids = params.get('orderIds') ?? params.get('orderids');
  let matches: EbayOrder[];
  if (ids) {
    const wanted = ids.split(',').map((id) => id.trim()).filter(Boolean);
    if (wanted.length > 50) throw invalid(30900, 'Too many order ids: at most 50', { orderIds: String(wanted.length) });
    matches = [...orders].filter((order) => wanted.includes(order.orderId));
  } else {
    const criteria = parseFilter(params.get('filter'));
    // Without a date filter eBay answers the last 90 days of orders.
    const created = criteria.created ?? (criteria.modified ? undefined : { from: Date.now() - 90 * 86_400_000 });
    matches = [...orders].filter(
      (order) => inRange(order.lastModifiedDate, criteria.modified) && inRange(order.creationDate, created) && (!criteria.statuses || criteria.statuses.has(order.orderFulfillmentStatus)),
    );
  }
  // Newest first, as eBay's seller tools list them; a connector must not rely on any order.
  matches.sort((a, b) => b.creationDate.localeCompare(a.creationDate) || b.orderId.localeCompare(a.orderId));
  const page = matches.slice(offset, offset + limit);
  const link = (at: number) => {
    const url = new URL(href);
    url.searchParams.set('limit', String(limit));
    url.searchParams.set('offset', String(at));
    return url.toString();
  };
  return {
    href: link(offset),
    limit,
    offset,
    ...(offset + limit < matches.length ? { next: link(offset + limit) } : {}),
    ...(offset > 0 ? { prev: link(Math.max(0, offset - limit)) } : {}),
    total: matches.length,
    orders: page.map((order) => structuredClone(order)),
  };
}
