// Per-request context of the inventory subgraph: who is calling, the services and the request's loaders.
import type { IncomingMessage } from 'node:http';
import { actorOf } from '@oms/platform';
import type { InventoryItemService } from './services/inventory-item.service';
import type { InventoryLoaders } from './services/loaders';
import type { LocationService } from './services/location.service';
import type { StockService } from './services/stock.service';

export interface InventoryServices {
  items: InventoryItemService;
  locations: LocationService;
  stock: StockService;
  createLoaders: () => InventoryLoaders;
}

export interface InventoryContext {
  actor: string;
  items: InventoryItemService;
  locations: LocationService;
  stock: StockService;
  loaders: InventoryLoaders;
}

export function createContextFactory(services: InventoryServices) {
  return (req: IncomingMessage): InventoryContext => ({
    actor: actorOf(req),
    items: services.items,
    locations: services.locations,
    stock: services.stock,
    loaders: services.createLoaders(),
  });
}
