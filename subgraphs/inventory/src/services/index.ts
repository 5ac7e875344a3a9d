// Wires the inventory services on one connection. Stock writes and the event relay share one
// KeyedLock: the relay pulls relayed events from a level under the same per-level key as its writes.
import { EventLog, KeyedLock } from '@oms/platform';
import type { Connection } from 'mongoose';
import type { InventoryServices } from '../context';
import { inventoryModels } from '../models';
import { AllocationService } from './allocation/allocation.service';
import { LocationCache } from './allocation/location-cache';
import { InventoryItemService } from './inventory-item.service';
import { createInventoryLoaders } from './loaders';
import { LocationService } from './location.service';
import { StockService } from './stock.service';
import { StockWriter } from './stock-writer';

export const INVENTORY_EVENT_LOG = 'inventory';

export function createInventoryServices(connection: Connection): InventoryServices {
  const models = inventoryModels(connection);
  const lock = new KeyedLock();
  const events = new EventLog(INVENTORY_EVENT_LOG, connection, lock);
  const writer = new StockWriter(models, lock, events);
  const locationCache = new LocationCache(models.locations);
  return {
    items: new InventoryItemService(models.items),
    locations: new LocationService(models.locations, locationCache),
    stock: new StockService(models, writer),
    allocations: new AllocationService(models, writer, locationCache),
    events,
    createLoaders: () => createInventoryLoaders(models),
  };
}
