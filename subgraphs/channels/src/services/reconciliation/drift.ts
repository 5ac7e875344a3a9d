// Where a channel's published stock differs from what the hub would publish: the hub's side is
// exactly the stock push's (`levelsFor`: available − buffer, per mapped channel location), so a
// correction writes what a push would have written.
import type { CanonicalPublishedStock, CanonicalStockLevel } from '@oms/connector-kit';
import type { ConnectionRecord } from '../../models/connection.model';
import type { HubStock } from '../hub-client';
import { levelsFor } from '../outbound/stock-pushes';

export interface Drift {
  level: CanonicalStockLevel;
  /** Where it was compared: the level's channel location, else the one the reader reported. */
  channelLocationId: string | null;
  channelQuantity: number | null;
  difference: number;
  hubChangedAt: Date | null;
}

export interface Comparison {
  drift: Drift[];
  /** Hub levels compared with what the channel shows. */
  checked: number;
  /** Hub levels at a channel location the connector's reader does not report: not compared. */
  unread: number;
}

/**
 * Compares every hub level of these SKUs with the channel's entry for the same SKU and location. A
 * reader reports the connection's own location; a level without a channel location is published
 * there, so it matches whatever location the reader names.
 */
export function compareStock(connection: Pick<ConnectionRecord, 'locationMap' | 'stockBuffer'>, hub: Map<string, HubStock>, published: CanonicalPublishedStock[]): Comparison {
  const bySku = new Map<string, CanonicalPublishedStock[]>();
  for (const entry of published) bySku.set(entry.sku, [...(bySku.get(entry.sku) ?? []), entry]);
  const drift: Drift[] = [];
  let checked = 0;
  let unread = 0;
  for (const stock of hub.values()) {
    for (const level of levelsFor(connection, stock)) {
      const entries = bySku.get(level.sku) ?? [];
      const entry = level.channelLocationId === undefined ? entries[0] : entries.find((candidate) => candidate.channelLocationId === level.channelLocationId);
      if (!entry) {
        unread += 1;
        continue;
      }
      checked += 1;
      // A SKU the channel does not list shows nothing for sale, which is right when the hub has none.
      if (entry.quantity === level.quantity || (entry.quantity === null && level.quantity === 0)) continue;
      drift.push({ level, channelLocationId: level.channelLocationId ?? entry.channelLocationId ?? null, channelQuantity: entry.quantity, difference: (entry.quantity ?? 0) - level.quantity, hubChangedAt: stock.changedAt });
    }
  }
  drift.sort((a, b) => a.level.sku.localeCompare(b.level.sku) || (a.level.channelLocationId ?? '').localeCompare(b.level.channelLocationId ?? ''));
  return { drift, checked, unread };
}
