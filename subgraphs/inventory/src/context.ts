// Per-request context of the inventory subgraph: who is calling, the services and the request's loaders.
import type { IncomingMessage } from 'node:http';
import { actorOf, type Identity, type EventLog } from '@oms/platform';
import type { AllocationService } from './services/allocation/allocation.service';
import type { InventoryItemService } from './services/inventory-item.service';
import type { InventoryLoaders } from './services/loaders';
import type { LocationService } from './services/location.service';
import type { StockService } from './services/stock.service';

export interface InventoryServices {
  items: InventoryItemService;
  locations: LocationService;
  stock: StockService;
  allocations: AllocationService;
  events: EventLog;
  createLoaders: () => InventoryLoaders;
}

export interface InventoryContext {
  identity: Identity;
  actor: string;
  items: InventoryItemService;
  locations: LocationService;
  stock: StockService;
  allocations: AllocationService;
  /** Inventory's durable event log (`inventoryEvents`). */
  events: EventLog;
  loaders: InventoryLoaders;
}

export function createContextFactory(services: InventoryServices) {
  return (req: IncomingMessage, identity: Identity): InventoryContext => ({
    identity,
    actor: actorOf(req, identity),
    items: services.items,
    locations: services.locations,
    stock: services.stock,
    allocations: services.allocations,
    events: services.events,
    loaders: services.createLoaders(),
  });
}
