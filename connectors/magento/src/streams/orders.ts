// The orders stream: `GET /V1/orders` by `updated_at` (oldest change first), resumable from a checkpoint.
// Magento's updated_at has second precision, so the checkpoint is the last second read plus what was
// already read within it: the next read asks for `gteq` that second and skips exactly those, so an
// order changed later in the same second is still read (nothing lost, nothing read twice).
import { ConnectorError, mapRecord, type ChannelRecord, type CanonicalOrder, type ConnectorContext, type StreamBatch, type StreamReader } from '@oms/connector-kit';
import { MagentoClient, type SearchQuery } from '../client';
import type { MagentoConfig } from '../manifest';
import { mapMagentoOrder } from '../mappers/order';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

interface Cursor {
  /** The newest `updated_at` read (Magento format, UTC). */
  updatedAt: string;
  /** `entity_id:state:status` of the orders read at exactly that second (a new change in the same second differs). */
  seen: Set<string>;
}

export function encodeOrdersCheckpoint(cursor: Cursor): string {
  return JSON.stringify({ v: 1, updatedAt: cursor.updatedAt, seen: [...cursor.seen] });
}

export function decodeOrdersCheckpoint(checkpoint: string | null): Cursor | undefined {
  if (checkpoint === null || checkpoint === '') return undefined;
  try {
    const parsed = JSON.parse(checkpoint) as { v?: number; updatedAt?: unknown; seen?: unknown };
    if (parsed.v === 1 && typeof parsed.updatedAt === 'string' && TIMESTAMP.test(parsed.updatedAt) && Array.isArray(parsed.seen)) {
      return { updatedAt: parsed.updatedAt, seen: new Set(parsed.seen.map(String)) };
    }
  } catch {
    // fall through: reported below
  }
  throw new ConnectorError('CONFIG', `Magento orders checkpoint is not one this connector wrote: ${checkpoint.slice(0, 120)}`);
}

interface RawOrder {
  entity_id?: unknown;
  updated_at?: unknown;
  state?: unknown;
  status?: unknown;
}

const fingerprint = (order: RawOrder) => `${String(order.entity_id)}:${String(order.state)}:${String(order.status)}`;

function query(cursor: Cursor | undefined, pageSize: number, currentPage: number): SearchQuery {
  return {
    filterGroups: cursor ? [[{ field: 'updated_at', value: cursor.updatedAt, conditionType: 'gteq' }]] : [],
    // entity_id orders the orders sharing a second, so paging through one second is stable.
    sortOrders: [
      { field: 'updated_at', direction: 'ASC' },
      { field: 'entity_id', direction: 'ASC' },
    ],
    pageSize,
    currentPage,
  };
}

export const ordersStream: StreamReader<MagentoConfig, CanonicalOrder> = {
  name: 'orders',
  async *read(ctx: ConnectorContext<MagentoConfig>, checkpoint: string | null): AsyncIterable<StreamBatch<CanonicalOrder>> {
    const client = new MagentoClient(ctx);
    const pageSize = ctx.config.pageSize;
    let cursor = decodeOrdersCheckpoint(checkpoint);
    let page = 1;
    for (;;) {
      const from = cursor?.updatedAt;
      const result = await client.searchOrders<RawOrder>(query(cursor, pageSize, page));
      // Past the last page Magento answers the last page again: only total_count says we are done.
      if ((page - 1) * pageSize >= result.total_count) return;

      const records: Array<ChannelRecord<CanonicalOrder>> = [];
      for (const raw of result.items) {
        const updatedAt = typeof raw?.updated_at === 'string' && TIMESTAMP.test(raw.updated_at) ? raw.updated_at : undefined;
        if (cursor && updatedAt === cursor.updatedAt && cursor.seen.has(fingerprint(raw))) continue;
        records.push(mapRecord(String(raw?.entity_id ?? 'unknown'), raw, mapMagentoOrder));
        // A record without a usable updated_at is dead-lettered by the mapper and does not move the cursor.
        if (!updatedAt) continue;
        if (!cursor || updatedAt > cursor.updatedAt) cursor = { updatedAt, seen: new Set() };
        if (updatedAt === cursor.updatedAt) cursor.seen.add(fingerprint(raw));
      }
      if (records.length && cursor) yield { records, checkpoint: encodeOrdersCheckpoint(cursor) };
      else if (records.length) yield { records, checkpoint: checkpoint ?? '' };

      if (page * pageSize >= result.total_count || result.items.length < pageSize) return;
      // Keyset paging: start again from the newest second read, unless the whole page sat in the second
      // the query started from (more orders in one second than a page): then page through that second.
      page = cursor && cursor.updatedAt !== from ? 1 : page + 1;
    }
  },
};
