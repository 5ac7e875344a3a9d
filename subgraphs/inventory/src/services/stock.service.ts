// Stock domain logic: stock takes, adjustments, reservations and releases, restocks, and the ledger.
// Every write goes through StockWriter (lock + compare-and-set + outboxes); this file decides what a
// write does and when it is refused.
import { conflict, fromZodError, insufficientStock, paginate, parseObjectId, type PageArgs } from '@oms/platform';
import { Types } from 'mongoose';
import type { InventoryModels } from '../models';
import type { StockLevelRecord } from '../models/stock-level.model';
import type { StockMovementRecord } from '../models/stock-movement.model';
import { holdOf, restock } from './holds';
import { adjustStockSchema, reservationSchema, restockSchema, setStockSchema } from './stock.validation';
import { StockWriter } from './stock-writer';

/** Who is writing: the request context satisfies this. */
export interface Actor {
  actor: string;
}

export interface MovementQuery extends PageArgs {
  sku: string;
  locationId?: string | null;
}

export class StockService {
  constructor(
    private readonly models: InventoryModels,
    private readonly writer: StockWriter = new StockWriter(models),
  ) {}

  /** A stock take: sets on-hand (and optionally safety stock). Refused below the reserved quantity. */
  async setStock(ctx: Actor, rawInput: unknown): Promise<StockLevelRecord> {
    const parsed = setStockSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    return this.writer.apply(ctx.actor, input.sku, new Types.ObjectId(input.locationId), (level) => {
      if (input.onHand < level.reserved) {
        throw insufficientStock(`Cannot set on-hand of ${input.sku} to ${input.onHand}: ${level.reserved} units are reserved`, {
          field: 'input.onHand',
          sku: input.sku,
          locationId: input.locationId,
          reserved: level.reserved,
          requested: input.onHand,
        });
      }
      return {
        kind: 'STOCK_TAKE',
        deltaOnHand: input.onHand - level.onHand,
        deltaReserved: 0,
        safetyStock: input.safetyStock ?? undefined,
        event: 'inventory.stock.set',
        reason: input.reason,
        reference: input.reference,
      };
    });
  }

  /** Adds or removes units; removing more than is free (on hand and not reserved) is refused. */
  async adjustStock(ctx: Actor, rawInput: unknown): Promise<StockLevelRecord> {
    const parsed = adjustStockSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    return this.writer.apply(ctx.actor, input.sku, new Types.ObjectId(input.locationId), (level) => {
      const removing = Math.max(0, -input.delta);
      if (removing > level.free) {
        throw insufficientStock(`Cannot remove ${removing} of ${input.sku}: only ${Math.max(0, level.free)} on hand and not reserved`, {
          field: 'input.delta',
          sku: input.sku,
          locationId: input.locationId,
          free: level.free,
          requested: removing,
        });
      }
      return {
        kind: 'ADJUSTMENT',
        deltaOnHand: input.delta,
        deltaReserved: 0,
        event: 'inventory.stock.adjusted',
        reason: input.reason,
        reference: input.reference,
      };
    });
  }

  /**
   * Holds `quantity` more units for the order `reference` (incremental, all or nothing); only sellable
   * units (beyond reservations and safety stock) can be held. Orders use the declarative allocateOrder.
   */
  async reserve(ctx: Actor, rawInput: unknown): Promise<StockLevelRecord> {
    const parsed = reservationSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    return this.writer.apply(ctx.actor, input.sku, new Types.ObjectId(input.locationId), (level) => {
      if (input.quantity > level.sellable) {
        throw insufficientStock(`Cannot reserve ${input.quantity} of ${input.sku}: only ${Math.max(0, level.sellable)} available`, {
          field: 'input.quantity',
          sku: input.sku,
          locationId: input.locationId,
          available: Math.max(0, level.sellable),
          requested: input.quantity,
        });
      }
      return {
        kind: 'RESERVATION',
        deltaOnHand: 0,
        deltaReserved: input.quantity,
        hold: { ref: input.reference, deltaReserved: input.quantity },
        event: 'inventory.stock.reserved',
        eventPayload: { orderId: input.reference },
        reason: input.reason,
        reference: input.reference,
      };
    });
  }

  /** Gives back units held for the order `reference`. Releasing more than it holds here is a caller bug: refused. */
  async release(ctx: Actor, rawInput: unknown): Promise<StockLevelRecord> {
    const parsed = reservationSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    return this.writer.apply(ctx.actor, input.sku, new Types.ObjectId(input.locationId), (level) => {
      const held = holdOf(level, input.reference)?.reserved ?? 0;
      if (input.quantity > held) {
        throw conflict(`Cannot release ${input.quantity} of ${input.sku}: only ${held} reserved for ${input.reference}`, {
          field: 'input.quantity',
          sku: input.sku,
          locationId: input.locationId,
          reserved: held,
          requested: input.quantity,
        });
      }
      return {
        kind: 'RELEASE',
        deltaOnHand: 0,
        deltaReserved: -input.quantity,
        hold: { ref: input.reference, deltaReserved: -input.quantity },
        event: 'inventory.stock.released',
        eventPayload: { orderId: input.reference },
        reason: input.reason,
        reference: input.reference,
      };
    });
  }

  /** Puts returned units back on hand (ledger RETURN); a repeat with the same reference restocks once. */
  async restock(ctx: Actor, rawInput: unknown): Promise<StockLevelRecord> {
    const parsed = restockSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    return this.writer.apply(ctx.actor, input.sku, new Types.ObjectId(input.locationId), restock(input.reference, input.quantity, input.reason));
  }

  /** The ledger of one SKU (optionally at one location), newest first. */
  async movements(query: MovementQuery) {
    // Movements reach the ledger just after their write answers: a read right after a write sees them.
    await this.writer.drainLedger();
    const filter: Record<string, unknown> = { sku: query.sku };
    if (query.locationId) filter.locationId = parseObjectId('locationId', query.locationId);
    return paginate<StockMovementRecord>(this.models.movements, filter, query, { field: 'at', direction: -1 });
  }

  /** Start-up recovery: drains outboxes left by writes interrupted between level and ledger. */
  /** At stop: the movements of writes that already answered go into the ledger before the connection closes. */
  drainLedger(): Promise<void> {
    return this.writer.drainLedger();
  }

  recoverPendingMovements(): Promise<number> {
    return this.writer.recoverPending();
  }

  /** Start-up recovery: relays events left in outboxes by writes interrupted before their relay. */
  sweepEvents(): Promise<number> {
    return this.writer.sweepEvents();
  }
}
