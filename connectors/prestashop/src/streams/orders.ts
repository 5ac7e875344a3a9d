// The orders stream: every order changed after the checkpoint, oldest change first, in pages, each
// page mapped with its customers, addresses, countries, states and currencies fetched in batches.
//
// Paging is keyset, not offset: the checkpoint is the last (date_upd, id) handed over. Dates have
// one-second precision, so a page reads either the rest of the checkpoint's second (same date_upd,
// higher ids) or the seconds after it, always from offset 0. An order updated while we page moves
// behind the position instead of shifting a page under an offset, so nothing is skipped; the second
// still in progress (plus `settleSeconds`) is left for the next read, so nothing changes behind us.
import { ConnectorError, type CanonicalOrder, type StreamBatch, type StreamReader } from '@oms/connector-kit';
import { between, CHANNEL_NAME, listByValues, listResource, MAX_ID, type PsContext, type PsRecord } from '../client';
import type { PrestashopConfig } from '../manifest';
import { mapPrestashopOrder, type OrderRelations } from '../mappers/order';
import { addSeconds, isShopDate, utcToShopDate } from '../mappers/time';

interface Position {
  /** `date_upd` in the shop's time zone, as the Webservice filters it. */
  dateUpd: string;
  id: number;
}

const EPOCH = '1970-01-01 00:00:00';

export function encodeCheckpoint(position: Position): string {
  return JSON.stringify({ dateUpd: position.dateUpd, id: position.id });
}

export function decodeCheckpoint(checkpoint: string): Position {
  try {
    const parsed = JSON.parse(checkpoint) as Partial<Position>;
    if (isShopDate(parsed.dateUpd) && Number.isSafeInteger(parsed.id) && (parsed.id as number) >= 0) return { dateUpd: parsed.dateUpd, id: parsed.id as number };
  } catch {
    // reported below
  }
  throw new ConnectorError('CONFIG', `checkpoint ${JSON.stringify(checkpoint)} is not a ${CHANNEL_NAME} orders checkpoint ({"dateUpd":"YYYY-MM-DD HH:MM:SS","id":n})`);
}

const ids = (records: PsRecord[], field: string): string[] => [...new Set(records.map((record) => String(record[field] ?? '')).filter((id) => /^[1-9]\d*$/.test(id)))];

/** Reference data rarely changes: one read fetches each country, state and currency once. */
interface ReferenceCache {
  countries: Map<string, PsRecord>;
  states: Map<string, PsRecord>;
  currencies: Map<string, PsRecord>;
}

async function fetchMissing(ctx: PsContext, resource: string, wanted: string[], cache: Map<string, PsRecord>, display: string[]): Promise<void> {
  const missing = wanted.filter((id) => !cache.has(id));
  if (!missing.length) return;
  for (const record of await listByValues(ctx, resource, 'id', missing, { display })) cache.set(String(record.id), record);
}

async function loadRelations(ctx: PsContext, orders: PsRecord[], cache: ReferenceCache): Promise<OrderRelations> {
  const byId = (records: PsRecord[]) => new Map(records.map((record) => [String(record.id), record]));
  const [customers, addresses] = await Promise.all([
    listByValues(ctx, 'customers', 'id', ids(orders, 'id_customer'), { display: ['id', 'email', 'firstname', 'lastname'] }),
    listByValues(ctx, 'addresses', 'id', [...ids(orders, 'id_address_delivery'), ...ids(orders, 'id_address_invoice')], {
      display: ['id', 'id_country', 'id_state', 'company', 'lastname', 'firstname', 'address1', 'address2', 'postcode', 'city', 'phone', 'phone_mobile'],
    }),
  ]);
  await Promise.all([
    fetchMissing(ctx, 'countries', ids(addresses, 'id_country'), cache.countries, ['id', 'iso_code']),
    fetchMissing(ctx, 'states', ids(addresses, 'id_state'), cache.states, ['id', 'iso_code', 'name']),
    fetchMissing(ctx, 'currencies', ids(orders, 'id_currency'), cache.currencies, ['id', 'iso_code']),
  ]);
  return { customers: byId(customers), addresses: byId(addresses), ...cache };
}

function ordersPage(ctx: PsContext, filter: Record<string, string>, sort: string[]): Promise<PsRecord[]> {
  return listResource(ctx, 'orders', { display: 'full', filter, sort, limit: [0, ctx.config.pageSize], date: true });
}

async function* readOrders(ctx: PsContext, checkpoint: string | null): AsyncGenerator<StreamBatch<CanonicalOrder>> {
  const config: PrestashopConfig = ctx.config;
  const pageSize = config.pageSize;
  // Everything up to this second is settled for the whole read; later changes wait for the next read.
  const until = utcToShopDate(Date.now() - config.settleSeconds * 1000, config.timeZone);
  const cache: ReferenceCache = { countries: new Map(), states: new Map(), currencies: new Map() };
  let position = checkpoint === null ? null : decodeCheckpoint(checkpoint);
  // After a checkpoint, the rest of its second comes first; from scratch, there is no such second.
  let sameSecond = position !== null;

  for (;;) {
    let page: PsRecord[];
    if (sameSecond && position) {
      if (position.dateUpd > until) return;
      page = await ordersPage(ctx, { date_upd: between(position.dateUpd, position.dateUpd), id: between(position.id + 1, MAX_ID) }, ['id_ASC']);
    } else {
      const from = position ? addSeconds(position.dateUpd, 1) : EPOCH;
      if (from > until) return;
      page = await ordersPage(ctx, { date_upd: between(from, until) }, ['date_upd_ASC', 'id_ASC']);
    }
    const full = page.length === pageSize;

    if (page.length) {
      const relations = await loadRelations(ctx, page, cache);
      const records = page.map((order) => mapPrestashopOrder(order, relations, config));
      const last = page[page.length - 1];
      if (!isShopDate(last.date_upd)) {
        throw new ConnectorError('CONFIG', `${CHANNEL_NAME} order ${last.id} has no usable date_upd (${JSON.stringify(last.date_upd ?? null)}): cannot keep a checkpoint`);
      }
      position = { dateUpd: last.date_upd, id: Number(last.id) };
      yield { records, checkpoint: encodeCheckpoint(position) };
    }

    if (sameSecond) {
      // The checkpoint's second is done when a page comes back short; then the seconds after it.
      if (!full) sameSecond = false;
    } else {
      if (!full) return;
      // A full page may have stopped inside a second: finish that second before moving on.
      sameSecond = true;
    }
  }
}

export const ordersStream: StreamReader<PrestashopConfig, CanonicalOrder> = {
  name: 'orders',
  read: readOrders,
};
