// Per-request loaders: every reference and list field of the inventory graph loads through one
// batch per request (findByKeys: one `$in` on MongoDB, parallel equality look-ups on FerretDB), so a
// page costs the same number of database round-trips whatever its size.
import { findByKeys, groupedLoader, keyedLoader, toObjectIdOrNull } from '@oms/platform';
import type { Types } from 'mongoose';
import type { InventoryModels } from '../models';
import type { InventoryItemRecord } from '../models/inventory-item.model';
import type { LocationRecord } from '../models/location.model';
import type { StockLevelRecord } from '../models/stock-level.model';

export function createInventoryLoaders(models: InventoryModels) {
  return {
    itemBySku: keyedLoader<string, InventoryItemRecord>(
      (skus) => findByKeys<InventoryItemRecord>(models.items, 'sku', skus),
      (item) => item.sku,
    ),
    locationById: keyedLoader<string, LocationRecord>(
      (ids) => findByKeys<LocationRecord>(models.locations, '_id', ids.map(toObjectIdOrNull).filter((id): id is Types.ObjectId => id !== null)),
      (location) => String(location._id),
    ),
    // Outboxes, holds and restock references are internal bookkeeping (and grow): readers never need them.
    stockBySku: groupedLoader<string, StockLevelRecord>(
      (skus) => findByKeys<StockLevelRecord>(models.levels, 'sku', skus, { projection: { pendingMovements: 0, outbox: 0, holds: 0, restockRefs: 0 }, sort: { sku: 1, locationId: 1 } }),
      (level) => level.sku,
    ),
  };
}

export type InventoryLoaders = ReturnType<typeof createInventoryLoaders>;

export interface StockTotals {
  onHand: number;
  reserved: number;
  available: number;
}

/** An item's stock summed over its active locations, from the request's loaders (no query of its own). */
export async function stockTotals(loaders: InventoryLoaders, sku: string): Promise<StockTotals> {
  const levels = await loaders.stockBySku.load(sku);
  const locations = await loaders.locationById.loadMany(levels.map((level) => String(level.locationId)));
  const totals: StockTotals = { onHand: 0, reserved: 0, available: 0 };
  levels.forEach((level, index) => {
    const location = locations[index];
    if (!location || location instanceof Error || !location.active) return;
    totals.onHand += level.onHand;
    totals.reserved += level.reserved;
    totals.available += availableAt(level);
  });
  return totals;
}

/** onHand - reserved - safetyStock, never below zero. */
export function availableAt(level: Pick<StockLevelRecord, 'onHand' | 'reserved' | 'safetyStock'>): number {
  return Math.max(0, level.onHand - level.reserved - level.safetyStock);
}
