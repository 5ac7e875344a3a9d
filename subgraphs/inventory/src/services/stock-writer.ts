// Applies one movement to one stock level and records it in the ledger.
//
// Three layers, each for a reason:
// 1. A KeyedLock per (sku, location): FerretDB v1 does not isolate concurrent updates of one
//    document (measured: concurrent conditional `$inc`s all "succeed" and lose updates).
// 2. A conditional single-document update (`free >= n`, or compare-and-set on `onHand`): on MongoDB
//    that alone is atomic, so several hub processes stay correct without the in-process lock.
// 3. An in-document outbox: the same update `$push`es the movement into `pendingMovements`; it is
//    then inserted into the ledger (idempotent by movement id) and removed. A crash in between
//    leaves the movement in the document, and `recoverPending` (run at start) or the next write to
//    the level finishes the job, so the ledger never misses a change.
import { conflict, createLogger, KeyedLock, notFound } from '@oms/platform';
import { mongo, Types } from 'mongoose';
import type { InventoryModels } from '../models';
import type { StockLevelRecord } from '../models/stock-level.model';
import type { PendingMovementRecord, StockMovementKind, StockMovementRecord } from '../models/stock-movement.model';

const log = createLogger('inventory.stock');

/** What one write does to a level, decided from the level's current numbers. */
export interface MovementPlan {
  kind: StockMovementKind;
  deltaOnHand: number;
  deltaReserved: number;
  /** New safety stock, when the write changes it. */
  safetyStock?: number;
  /** Filter on the level that must still hold when the update lands (the refusal condition's negation). */
  guard: Record<string, unknown>;
  reason?: string | null;
  reference?: string | null;
}

/** Returns the plan for `level`, or throws a typed error (nothing is written then). */
export type Planner = (level: StockLevelRecord) => MovementPlan;

/** Re-plans after a guard miss; only another process can cause one, since this one holds the lock. */
const MAX_ATTEMPTS = 5;

export class StockWriter {
  private readonly lock = new KeyedLock();

  constructor(private readonly models: InventoryModels) {}

  apply(actor: string, sku: string, locationId: Types.ObjectId, plan: Planner): Promise<StockLevelRecord> {
    return this.lock.run(lockKey(sku, locationId), async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const level = (await this.models.levels.findOne({ sku, locationId }).lean<StockLevelRecord>()) ?? (await this.createLevel(sku, locationId, plan));
        const step = plan(level);
        const updated = await this.update(actor, level, step);
        if (updated) {
          await this.flushQuietly(updated);
          return updated;
        }
      }
      throw conflict(`Stock of ${sku} at ${String(locationId)} kept changing; retry the request`, { sku, locationId: String(locationId) });
    });
  }

  /** Moves every outbox entry left by an interrupted write into the ledger; returns how many levels had some. */
  async recoverPending(): Promise<number> {
    const stuck = await this.models.levels.find({ 'pendingMovements._id': { $exists: true } }, { sku: 1, locationId: 1 }).lean<Array<Pick<StockLevelRecord, '_id' | 'sku' | 'locationId'>>>();
    for (const level of stuck) {
      await this.lock.run(lockKey(level.sku, level.locationId), async () => {
        const fresh = await this.models.levels.findById(level._id).lean<StockLevelRecord>();
        if (fresh) await this.flush(fresh);
      });
    }
    return stuck.length;
  }

  private async update(actor: string, level: StockLevelRecord, step: MovementPlan): Promise<StockLevelRecord | null> {
    const changesSafety = step.safetyStock !== undefined && step.safetyStock !== level.safetyStock;
    const safetyShift = changesSafety ? step.safetyStock! - level.safetyStock : 0;
    const movement: PendingMovementRecord = {
      _id: new Types.ObjectId(),
      kind: step.kind,
      deltaOnHand: step.deltaOnHand,
      deltaReserved: step.deltaReserved,
      reason: step.reason ?? null,
      reference: step.reference ?? null,
      actor,
      at: new Date(),
    };
    const freeDelta = step.deltaOnHand - step.deltaReserved;
    return this.models.levels
      .findOneAndUpdate(
        // A safety-stock change shifts `sellable` relative to the old value, so that value is guarded too.
        { _id: level._id, ...step.guard, ...(changesSafety ? { safetyStock: level.safetyStock } : {}) },
        {
          $inc: { onHand: step.deltaOnHand, reserved: step.deltaReserved, free: freeDelta, sellable: freeDelta - safetyShift, version: 1 },
          ...(changesSafety ? { $set: { safetyStock: step.safetyStock } } : {}),
          $push: { pendingMovements: movement },
        },
        { returnDocument: 'after' },
      )
      .lean<StockLevelRecord>();
  }

  /**
   * A level is created on its first write, after the planner accepted the write against an empty
   * level, so a refused write (or an unknown sku/location) leaves nothing behind.
   */
  private async createLevel(sku: string, locationId: Types.ObjectId, plan: Planner): Promise<StockLevelRecord> {
    const [item, location] = await Promise.all([this.models.items.exists({ sku }), this.models.locations.exists({ _id: locationId })]);
    if (!item) throw notFound('InventoryItem', sku, 'input.sku');
    if (!location) throw notFound('Location', String(locationId), 'input.locationId');
    plan(emptyLevel(sku, locationId));
    const empty = { onHand: 0, reserved: 0, safetyStock: 0, free: 0, sellable: 0, version: 0, pendingMovements: [] };
    try {
      const created = await this.models.levels
        .findOneAndUpdate({ sku, locationId }, { $setOnInsert: empty }, { upsert: true, returnDocument: 'after' })
        .lean<StockLevelRecord>();
      if (created) return created;
    } catch (error) {
      // Another process created it first (unique (sku, locationId)): use theirs.
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    const existing = await this.models.levels.findOne({ sku, locationId }).lean<StockLevelRecord>();
    if (!existing) throw new Error(`stock level ${sku}@${String(locationId)} vanished after creation`);
    return existing;
  }

  /** The stock change is committed; a ledger hiccup must not report it as failed (the outbox keeps it). */
  private async flushQuietly(level: StockLevelRecord): Promise<void> {
    try {
      await this.flush(level);
    } catch (error) {
      log.warn({ err: error, sku: level.sku, locationId: String(level.locationId) }, 'ledger write deferred; the movement stays in the outbox');
    }
  }

  private async flush(level: StockLevelRecord): Promise<void> {
    const pending = level.pendingMovements ?? [];
    if (pending.length === 0) return;
    const entries = ledgerEntries(level);
    try {
      await this.models.movements.collection.insertMany(entries, { ordered: false });
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
    }
    // `$pullAll` of the exact elements as read: FerretDB v1's `$pull` ignores conditions such as
    // `{ _id: { $in } }` (measured), while exact-value removal works on both engines. Raw driver call
    // so mongoose does not recast (and reorder) the elements.
    const pull = { $pullAll: { pendingMovements: pending } } as unknown as mongo.UpdateFilter<mongo.Document>;
    await this.models.levels.collection.updateOne({ _id: level._id }, pull);
  }
}

/**
 * Ledger entries for the outbox of `level`. The document already includes every pending change, so
 * walking back from the end gives each one's resulting level: after_i = now - sum(deltas after i).
 */
export function ledgerEntries(level: StockLevelRecord): StockMovementRecord[] {
  let onHand = level.onHand;
  let reserved = level.reserved;
  let version = level.version;
  const entries: StockMovementRecord[] = [];
  for (let i = level.pendingMovements.length - 1; i >= 0; i -= 1) {
    const movement = level.pendingMovements[i];
    entries[i] = { ...movement, sku: level.sku, locationId: level.locationId, onHandAfter: onHand, reservedAfter: reserved, version };
    onHand -= movement.deltaOnHand;
    reserved -= movement.deltaReserved;
    version -= 1;
  }
  return entries;
}

function lockKey(sku: string, locationId: Types.ObjectId): string {
  return `${sku}:${String(locationId)}`;
}

function emptyLevel(sku: string, locationId: Types.ObjectId): StockLevelRecord {
  const now = new Date();
  return { _id: new Types.ObjectId(), sku, locationId, onHand: 0, reserved: 0, safetyStock: 0, free: 0, sellable: 0, version: 0, pendingMovements: [], createdAt: now, updatedAt: now };
}

function onlyDuplicateKeys(error: unknown): boolean {
  const { code, writeErrors } = error as { code?: number; writeErrors?: Array<{ code?: number }> | { code?: number } };
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return list.length > 0 ? list.every((entry) => entry.code === 11000) : code === 11000;
}
