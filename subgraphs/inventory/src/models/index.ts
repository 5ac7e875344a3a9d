// All inventory models on one connection (this subgraph's own database).
import type { Connection } from 'mongoose';
import { allocationRequestModel } from './allocation-request.model';
import { inventoryItemModel } from './inventory-item.model';
import { locationModel } from './location.model';
import { stockLevelModel } from './stock-level.model';
import { stockMovementModel } from './stock-movement.model';

export function inventoryModels(connection: Connection) {
  return {
    items: inventoryItemModel(connection),
    locations: locationModel(connection),
    levels: stockLevelModel(connection),
    movements: stockMovementModel(connection),
    allocationRequests: allocationRequestModel(connection),
  };
}

export type InventoryModels = ReturnType<typeof inventoryModels>;
