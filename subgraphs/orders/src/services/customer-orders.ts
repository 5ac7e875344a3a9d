// Customer.orders for many customers at once: one DataLoader batch answers every customer of a
// request (e.g. all 50 customers of a page) with a constant number of queries.
import DataLoader from 'dataloader';
import { badInput, pageSize, paginate, type Connection } from '@oms/platform';
import type { OrderModel, OrderRecord, OrderStatus } from '../models/order.model';

export interface CustomerOrdersKey {
  customerId: string;
  first?: number | null;
  after?: string | null;
  status?: readonly OrderStatus[] | null;
}

const SORT = { placedAt: -1, _id: -1 } as const;

/**
 * Cursors match the platform's `paginate` (base64url JSON of `[{d: iso}, id]`), so a cursor from a
 * single-customer page and one from a batched page are interchangeable.
 */
function encodeCursor(order: Pick<OrderRecord, '_id' | 'placedAt'>): string {
  return Buffer.from(JSON.stringify([{ d: order.placedAt.toISOString() }, String(order._id)])).toString('base64url');
}

function decodeCursor(cursor: string): { placedAt: Date; id: string } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [{ d: string }, string];
    const placedAt = new Date(value.d);
    if (typeof id !== 'string' || Number.isNaN(placedAt.getTime())) throw new Error('bad cursor');
    return { placedAt, id };
  } catch {
    throw badInput('after', 'is not a cursor returned by this list');
  }
}

/** Newest first, like the index: later placedAt first, then the larger id (24-hex ids compare as strings). */
function isAfter(order: Pick<OrderRecord, '_id' | 'placedAt'>, cursor: { placedAt: Date; id: string }): boolean {
  const time = order.placedAt.getTime();
  const at = cursor.placedAt.getTime();
  return time < at || (time === at && String(order._id) < cursor.id);
}

/** An empty page: Customer.orders of a customer whose orders the caller may not see. */
export function emptyOrderPage(): Connection<OrderRecord> {
  return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: async () => 0 };
}

function filterOf(status: readonly OrderStatus[] | null | undefined): Record<string, unknown> {
  return status?.length ? { status: { $in: [...status] } } : {};
}

/** `scope` narrows every page (a partner's channels, see access.ts); `{}` for the back office. */
export function customerOrdersLoader(orders: OrderModel, scope: Record<string, unknown> = {}): DataLoader<CustomerOrdersKey, Connection<OrderRecord>, string> {
  return new DataLoader<CustomerOrdersKey, Connection<OrderRecord>, string>(
    async (keys) => {
      // Keys of one batch normally share their arguments (one field of a list); group by them anyway.
      const groups = new Map<string, CustomerOrdersKey[]>();
      for (const key of keys) {
        const argsKey = JSON.stringify([key.first ?? null, key.after ?? null, key.status ?? null]);
        const group = groups.get(argsKey);
        if (group) group.push(key);
        else groups.set(argsKey, [key]);
      }
      const results = new Map<string, Connection<OrderRecord>>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const pages = await loadGroup(orders, group, scope);
          group.forEach((key, index) => results.set(cacheKeyOf(key), pages[index]));
        }),
      );
      return keys.map((key) => results.get(cacheKeyOf(key))!);
    },
    { cacheKeyFn: cacheKeyOf, maxBatchSize: 1000 },
  );
}

function cacheKeyOf(key: CustomerOrdersKey): string {
  return JSON.stringify([key.customerId, key.first ?? null, key.after ?? null, key.status ?? null]);
}

async function loadGroup(orders: OrderModel, group: CustomerOrdersKey[], scope: Record<string, unknown>): Promise<Array<Connection<OrderRecord>>> {
  const { first, after, status } = group[0];
  const size = pageSize(first);
  if (group.length === 1) {
    // One customer: the index does the limiting; no need to read the customer's whole history.
    return [await paginate<OrderRecord>(orders, { customerId: group[0].customerId, ...filterOf(status), ...scope }, { first: size, after }, { field: 'placedAt', direction: -1 })];
  }
  const cursor = after ? decodeCursor(after) : null;
  const customerIds = [...new Set(group.map((key) => key.customerId))];
  // Query 1: the light keys of every matching order of these customers (gives totalCount too);
  // query 2: the full documents of only the orders that make it onto a page.
  const heads = await orders
    .find({ customerId: { $in: customerIds }, ...filterOf(status), ...scope }, { _id: 1, customerId: 1, placedAt: 1 })
    .sort(SORT)
    .lean<Array<Pick<OrderRecord, '_id' | 'customerId' | 'placedAt'>>>();
  const byCustomer = new Map<string, typeof heads>();
  for (const head of heads) {
    const list = byCustomer.get(head.customerId);
    if (list) list.push(head);
    else byCustomer.set(head.customerId, [head]);
  }
  const windows = new Map<string, { page: typeof heads; hasNextPage: boolean; total: number }>();
  for (const customerId of customerIds) {
    const all = byCustomer.get(customerId) ?? [];
    const remaining = cursor ? all.filter((head) => isAfter(head, cursor)) : all;
    windows.set(customerId, { page: remaining.slice(0, size), hasNextPage: remaining.length > size, total: all.length });
  }
  const pageIds = [...windows.values()].flatMap((window) => window.page.map((head) => head._id));
  const docs = pageIds.length ? await orders.find({ _id: { $in: pageIds } }).lean<OrderRecord[]>() : [];
  const byId = new Map(docs.map((doc) => [String(doc._id), doc]));
  return group.map((key) => {
    const window = windows.get(key.customerId)!;
    const edges = window.page
      .map((head) => byId.get(String(head._id)))
      .filter((doc): doc is OrderRecord => doc !== undefined)
      .map((node) => ({ cursor: encodeCursor(node), node }));
    return {
      edges,
      pageInfo: {
        hasNextPage: window.hasNextPage,
        hasPreviousPage: Boolean(after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      totalCount: async () => window.total,
    };
  });
}
