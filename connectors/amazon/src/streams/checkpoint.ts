// The orders checkpoint: the newest LastUpdateDate read and the orders read at exactly that instant.
// getOrders' LastUpdatedAfter includes that instant, so a resumed read asks from it again and skips
// only those orders; another order changed in the same second still comes through.
import { ConnectorError } from '@oms/connector-kit';

export interface OrdersCursor {
  /** UTC ISO-8601 LastUpdateDate. */
  at: string;
  seen: Set<string>;
}

export function encodeOrdersCheckpoint(cursor: OrdersCursor): string {
  return JSON.stringify({ v: 1, at: cursor.at, seen: [...cursor.seen].sort() });
}

export function decodeOrdersCheckpoint(checkpoint: string | null): OrdersCursor | undefined {
  if (checkpoint === null || checkpoint === '') return undefined;
  try {
    const parsed = JSON.parse(checkpoint) as { v?: unknown; at?: unknown; seen?: unknown };
    if (parsed.v === 1 && typeof parsed.at === 'string' && !Number.isNaN(Date.parse(parsed.at)) && Array.isArray(parsed.seen)) {
      return { at: parsed.at, seen: new Set(parsed.seen.map(String)) };
    }
  } catch {
    // reported below
  }
  throw new ConnectorError('CONFIG', `Amazon orders checkpoint is not one this connector wrote: ${checkpoint.slice(0, 120)}`);
}

/** Moves the cursor over an order read (orders come oldest change first). */
export function advance(cursor: OrdersCursor | undefined, orderId: string, lastUpdate: string): OrdersCursor {
  const at = new Date(lastUpdate).toISOString();
  if (!cursor || at > cursor.at) return { at, seen: new Set([orderId]) };
  if (at === cursor.at) cursor.seen.add(orderId);
  return cursor;
}
