// The orders stream: getOrders (`GET /sell/fulfillment/v1/order`) filtered on lastModifiedDate, paged
// with limit/offset as eBay pages it (`next`, `total`).
//
// eBay does not document the order of the results, so a read covers a closed window
// `[from..until]` (until = now − settleSeconds) and the checkpoint moves to `until` only when the whole
// window is read; mid-window, a checkpoint keeps the offset reached. An order modified while we page
// leaves the window (its new date is after `until`) and shifts the offsets after it: `total` tells,
// and the window is read again from the start (repeats are harmless: the hub's import is idempotent).
// The moved order itself comes with the next window.
import { ConnectorError, mapRecord, type CanonicalOrder, type ChannelRecord, type StreamBatch, type StreamReader } from '@oms/connector-kit';
import { ebayCall, type EbayContext } from '../client';
import type { EbayConfig } from '../manifest';
import { mapEbayOrder } from '../mappers/order';
import type { EbayOrder, EbayOrderPage } from '../types';
import { decodeOrdersCheckpoint, encodeOrdersCheckpoint, type OrdersCheckpoint } from './checkpoint';

export const ORDERS_PATH = '/sell/fulfillment/v1/order';

/** eBay wants `[from..until]` with UTC instants; the kit's URL builder percent-encodes the brackets. */
export const lastModifiedFilter = (from: string, until: string) => `lastmodifieddate:[${from}..${until}]`;

function expectPage(body: unknown): EbayOrderPage {
  const page = body as EbayOrderPage;
  if (!page || !Array.isArray(page.orders ?? []) || typeof page.total !== 'number') {
    throw new ConnectorError('CONFIG', `eBay answered getOrders without orders/total: check the connection's apiBaseUrl`, { body });
  }
  return { ...page, orders: page.orders ?? [] };
}

async function* readOrders(ctx: EbayContext, checkpoint: string | null): AsyncGenerator<StreamBatch<CanonicalOrder>> {
  const { config } = ctx;
  const saved = decodeOrdersCheckpoint(checkpoint);
  const from = saved?.from ?? new Date(Date.now() - config.lookbackDays * 86_400_000).toISOString();
  const seenAtFrom = new Set(saved?.seen ?? []);
  const until = saved?.window?.until ?? new Date(Date.now() - config.settleSeconds * 1000).toISOString();
  if (Date.parse(until) < Date.parse(from)) return;

  let offset = saved?.window?.offset ?? 0;
  let expectedTotal = saved?.window?.total;
  /** Orders handed over by this read (a re-read of the window skips them). */
  const handed = new Set<string>();
  /** Orders at exactly `until`: the next window starts there and skips them. */
  const atUntil = new Set<string>();

  for (;;) {
    // The next page is asked at the connection's own base URL (a proxy or the sandbox), with `next`
    // and `total` telling whether there is one.
    const response = await ebayCall<EbayOrderPage>(ctx, { method: 'GET', path: ORDERS_PATH, query: { filter: lastModifiedFilter(from, until), limit: config.pageSize, offset } });
    const page = expectPage(response.body);
    if (expectedTotal !== undefined && page.total !== expectedTotal && offset > 0) {
      // Orders left the window since the pages before: offsets shifted under us, so read it again.
      ctx.log.info({ from, until, before: expectedTotal, now: page.total }, 'eBay orders changed while paging: reading the window again');
      expectedTotal = page.total;
      offset = 0;
      continue;
    }
    expectedTotal = page.total;

    const records: Array<ChannelRecord<CanonicalOrder>> = [];
    for (const raw of page.orders) {
      const id = String((raw as Partial<EbayOrder>)?.orderId ?? 'unknown');
      const modified = (raw as Partial<EbayOrder>)?.lastModifiedDate;
      const at = typeof modified === 'string' ? Date.parse(modified) : NaN;
      if (at === Date.parse(from) && seenAtFrom.has(id)) continue;
      if (at === Date.parse(until)) atUntil.add(id);
      if (handed.has(id)) continue;
      handed.add(id);
      records.push(mapRecord(id, raw, mapEbayOrder));
    }
    offset = (page.offset ?? offset) + page.orders.length;
    const done = !page.next || page.orders.length === 0 || offset >= page.total;
    const position: OrdersCheckpoint = done
      ? { from: until, seen: [...atUntil] }
      : { from, seen: [...seenAtFrom], window: { until, offset, total: page.total } };
    if (records.length || done) yield { records, checkpoint: encodeOrdersCheckpoint(position) };
    if (done) return;
  }
}

export const ordersStream: StreamReader<EbayConfig, CanonicalOrder> = {
  name: 'orders',
  read: readOrders,
};
