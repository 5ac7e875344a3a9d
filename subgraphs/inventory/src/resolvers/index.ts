// Inventory resolvers: thin calls into the services and the request's loaders; who may call them
// (reads every authenticated caller, writes and the ledger the back office) is in ../policies.ts.
import { badInput, DateTimeScalar, domainEventResolvers, JsonScalar, readEventPage } from '@oms/platform';
import type { Resolvers } from '../__generated__/resolvers-types';
import { INVENTORY_EVENT_LOG } from '../services';
import { availableAt, stockTotals } from '../services/loaders';

/** Orders per allocateOrders call (documented in the SDL). */
const MAX_ALLOCATION_BATCH = 250;

/** A referenced record that must exist (levels and movements only point at existing items and locations). */
async function required<T>(value: Promise<T | null>, what: string): Promise<T> {
  const found = await value;
  if (found === null) throw new Error(`${what} is missing`);
  return found;
}

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSON: JsonScalar,
  Query: {
    inventoryItem: (_parent, { sku }, ctx) => ctx.loaders.itemBySku.load(sku),
    inventoryItems: (_parent, args, ctx) => ctx.items.list(args),
    location: (_parent, { id }, ctx) => ctx.loaders.locationById.load(id),
    locations: (_parent, { activeOnly }, ctx) => ctx.locations.list(activeOnly ?? false),
    stockMovements: (_parent, args, ctx) => ctx.stock.movements(args),
    allocation: (_parent, { orderId }, ctx) => ctx.allocations.get(orderId),
    allocationStrategies: (_parent, _args, ctx) => ctx.allocations.strategyNames(),
    inventoryEvents: (_parent, args, ctx) => readEventPage(ctx.events, args),
  },
  Mutation: {
    upsertInventoryItem: (_parent, { input }, ctx) => ctx.items.upsert(input),
    upsertLocation: (_parent, { input }, ctx) => ctx.locations.upsert(input),
    setStock: (_parent, { input }, ctx) => ctx.stock.setStock(ctx, input),
    adjustStock: (_parent, { input }, ctx) => ctx.stock.adjustStock(ctx, input),
    allocateOrder: (_parent, { input }, ctx) => ctx.allocations.allocate(ctx, input),
    allocateOrders: (_parent, { input }, ctx) => {
      if (input.length > MAX_ALLOCATION_BATCH) throw badInput('input', `must not contain more than ${MAX_ALLOCATION_BATCH} orders (got ${input.length})`);
      return ctx.allocations.allocateMany(ctx, input);
    },
    releaseAllocation: (_parent, { input }, ctx) => ctx.allocations.release(ctx, input),
    commitShipment: (_parent, { input }, ctx) => ctx.allocations.commitShipment(ctx, input),
    restock: (_parent, { input }, ctx) => ctx.stock.restock(ctx, input),
  },
  AllocationLine: {
    // Only when selected (the orders workflow never does); one batched query for all lines (the request's loader).
    location: (line, _args, ctx) => required(ctx.loaders.locationById.load(line.locationId), `location ${line.locationId}`),
  },
  DomainEvent: domainEventResolvers(INVENTORY_EVENT_LOG),
  InventoryItem: {
    __resolveReference: (reference, ctx) => ctx.loaders.itemBySku.load(reference.sku),
    available: async (item, _args, ctx) => (await stockTotals(ctx.loaders, item.sku)).available,
    onHand: async (item, _args, ctx) => (await stockTotals(ctx.loaders, item.sku)).onHand,
    reserved: async (item, _args, ctx) => (await stockTotals(ctx.loaders, item.sku)).reserved,
    stock: (item, _args, ctx) => ctx.loaders.stockBySku.load(item.sku),
  },
  StockLevel: {
    item: (level, _args, ctx) => required(ctx.loaders.itemBySku.load(level.sku), `item ${level.sku}`),
    location: (level, _args, ctx) => required(ctx.loaders.locationById.load(String(level.locationId)), `location ${String(level.locationId)}`),
    available: (level) => availableAt(level),
  },
  Location: {
    __resolveReference: (reference, ctx) => ctx.loaders.locationById.load(reference.id),
    id: (location) => String(location._id),
  },
  StockMovement: {
    id: (movement) => String(movement._id),
    location: (movement, _args, ctx) => required(ctx.loaders.locationById.load(String(movement.locationId)), `location ${String(movement.locationId)}`),
  },
};
