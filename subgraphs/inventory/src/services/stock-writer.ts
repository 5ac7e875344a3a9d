// Applies one change to one stock level and records it in the ledger and the event log.
//
// Layers, each for a reason:
// 1. A KeyedLock per (sku, location): FerretDB v1 does not isolate concurrent updates of one
//    document (measured: concurrent conditional `$inc`s all "succeed" and lose updates).
// 2. A compare-and-set on the level's `version`: the change is computed from the document as read
//    (counters, the order's hold, applied restock references) and lands only if nothing changed in
//    between. On MongoDB that alone is atomic, so several hub processes stay correct without the lock;
//    on a miss the change is re-planned from a fresh read.
// 3. In-document outboxes: the same update `$push`es the ledger movement into `pendingMovements` and
//    the domain event into `outbox`. After the write answers, the EventLog's relay round takes both
//    from the level as the write returned it (no read): one `insertMany` of the events of every level
//    in the round, one of their movements (idempotent by movement id), and one `$pullAll` per level
//    for both (the relay takes the level's lock for it). A crash in between leaves them in the
//    document, and the start-up recovery (`recoverPending`, `sweepEvents`) finishes the job. Ledger
//    readers call `drainLedger` first, so a read after a write sees its movement. A writer without an
//    event log (a second writer in tests) flushes its movements in batches of its own.
import { conflict, createLogger, KeyedLock, newEvent, notFound, type EventLog, type OutboxEvent } from '@oms/platform';
import { LRUCache } from 'lru-cache';
import { mongo, Types } from 'mongoose';
import type { InventoryModels } from '../models';
import type { HoldRecord, StockLevelRecord } from '../models/stock-level.model';
import type { PendingMovementRecord, StockMovementKind, StockMovementRecord } from '../models/stock-movement.model';

const log = createLogger('inventory.stock');

/** How one write changes an order's hold at the level. */
export interface HoldChange {
  /** The order id. */
  ref: string;
  deltaReserved: number;
  deltaShipped?: number;
  /** Shipment committed by this write (kept on the hold so a repeat is recognised). */
  shipmentRef?: string;
}

/** What one write does to a level, decided from the level's current document. */
export interface StockChange {
  kind: StockMovementKind;
  deltaOnHand: number;
  deltaReserved: number;
  /** New safety stock, when the write changes it. */
  safetyStock?: number;
  hold?: HoldChange;
  /** Restock reference to remember (restock is idempotent on it). */
  restockRef?: string;
  /** Domain event type, e.g. `inventory.stock.reserved`. */
  event: string;
  /** Extra event payload (orderId, shipmentId...); the level's numbers after the change are added. */
  eventPayload?: Record<string, unknown>;
  reason?: string | null;
  reference?: string | null;
}

/** Returns the change for `level`, null when there is nothing to do (a repeat), or throws a typed error (nothing is written then). */
export type Planner = (level: StockLevelRecord) => StockChange | null;

export interface StockWrite {
  /** The level after the write (as read when nothing was written). */
  level: StockLevelRecord;
  /** The change that landed; null when the planner had nothing to do. */
  change: StockChange | null;
}

/** Re-plans after a compare-and-set miss; only another process can cause one, since this one holds the lock. */
const MAX_ATTEMPTS = 8;
/**
 * How long movements gather before they go to the ledger in one batch: past the answer of the write
 * (and of the placement it is part of), and many writes share one `insertMany` under load.
 */
const LEDGER_WINDOW_MS = 50;
/** Levels whose latest written state this process remembers (most recently written kept). */
const RECENT_LEVELS = 5_000;

export interface WriteOptions {
  /** The level as the caller just read it: the first attempt plans from it instead of reading again. */
  known?: StockLevelRecord | null;
}

export class StockWriter {
  /** The latest written document of each level whose movements are not in the ledger yet. */
  private readonly unflushed = new Map<string, StockLevelRecord>();
  private flushing: Promise<void> | null = null;
  /**
   * The last state this process wrote of each recently written level. Writes of one level are
   * serialised here, so when the caller's copy is older than this one (a hot SKU many orders
   * reserve at once), planning from this one lands at the first try.
   */
  private readonly recent = new LRUCache<string, StockLevelRecord>({ max: RECENT_LEVELS });

  constructor(
    private readonly models: InventoryModels,
    /** Shared with the EventLog, whose relay takes the same per-level keys. */
    readonly lock: KeyedLock = new KeyedLock(),
    private readonly events?: EventLog,
  ) {
    events?.relayAlso(models.levels, {
      fields: ['sku', 'locationId', 'onHand', 'reserved', 'version', 'pendingMovements'],
      project: (docs) => this.insertMovements((docs as unknown as StockLevelRecord[]).flatMap((level) => ledgerEntries(level))),
      pulls: (doc) => ({ pendingMovements: (doc as unknown as StockLevelRecord).pendingMovements ?? [] }),
    });
  }

  async apply(actor: string, sku: string, locationId: Types.ObjectId, plan: Planner): Promise<StockLevelRecord> {
    return (await this.write(actor, sku, locationId, plan)).level;
  }

  async write(actor: string, sku: string, locationId: Types.ObjectId, plan: Planner, options: WriteOptions = {}): Promise<StockWrite> {
    const key = lockKey(sku, locationId);
    const result = await this.lock.run(key, async (): Promise<StockWrite> => {
      let known = newest(options.known ?? null, this.recent.get(key) ?? null);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const level = known ?? (await this.models.levels.findOne({ sku, locationId }, { outbox: 0 }).lean<StockLevelRecord>()) ?? (await this.createLevel(sku, locationId, plan));
        const guessed = known !== null;
        known = null;
        if (!level) return { level: emptyLevel(sku, locationId), change: null };
        let change: StockChange | null;
        try {
          change = plan(level);
        } catch (error) {
          // A refusal decided from the caller's copy is checked against the stored level first.
          if (guessed) continue;
          throw error;
        }
        if (!change) {
          if (guessed) continue;
          return { level, change: null };
        }
        const updated = await this.update(actor, level, change);
        if (updated) {
          this.remember(key, updated);
          this.written(updated);
          return { level: updated, change };
        }
        // Written elsewhere since: the remembered state is stale.
        this.recent.delete(key);
      }
      throw conflict(`Stock of ${sku} at ${String(locationId)} kept changing; retry the request`, { sku, locationId: String(locationId) });
    });
    // Outside the lock: the relay takes it to pull the relayed events.
    if (result.change) this.relaySoon(result.level, key);
    return result;
  }

  /**
   * Several changes to one level in one compare-and-set (a batch of orders reserving the same SKU at
   * the same location): each planner decides from the level as the ones before it left it, and every
   * change keeps its own ledger movement and event. Planners with nothing to do are skipped (null in
   * `changes`); a planner that throws refuses the whole write.
   */
  async writeMany(actor: string, sku: string, locationId: Types.ObjectId, plans: Planner[], options: WriteOptions = {}): Promise<{ level: StockLevelRecord; changes: Array<StockChange | null> }> {
    if (plans.length === 1) {
      const single = await this.write(actor, sku, locationId, plans[0], options);
      return { level: single.level, changes: [single.change] };
    }
    const key = lockKey(sku, locationId);
    const result = await this.lock.run(key, async () => {
      let known = newest(options.known ?? null, this.recent.get(key) ?? null);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const level = known ?? (await this.models.levels.findOne({ sku, locationId }, { outbox: 0 }).lean<StockLevelRecord>());
        const guessed = known !== null;
        known = null;
        // A batch only reserves stock that exists: no level, nothing to reserve.
        if (!level) return { level: emptyLevel(sku, locationId), changes: plans.map(() => null) };
        let planned: Array<StockChange | null>;
        try {
          planned = planInSequence(level, plans);
        } catch (error) {
          if (guessed) continue;
          throw error;
        }
        if (planned.every((change) => change === null)) {
          if (guessed) continue;
          return { level, changes: planned };
        }
        const updated = await this.updateMany(actor, level, planned);
        if (updated) {
          this.remember(key, updated);
          this.written(updated);
          return { level: updated, changes: planned };
        }
        this.recent.delete(key);
      }
      throw conflict(`Stock of ${sku} at ${String(locationId)} kept changing; retry the request`, { sku, locationId: String(locationId) });
    });
    if (result.changes.some(Boolean)) this.relaySoon(result.level, key);
    return result;
  }

  /** Moves every outbox entry left by an interrupted write into the ledger; returns how many levels had some. */
  async recoverPending(): Promise<number> {
    const stuck = await this.models.levels.find({ 'pendingMovements._id': { $exists: true } }, { sku: 1, locationId: 1 }).lean<Array<Pick<StockLevelRecord, '_id' | 'sku' | 'locationId'>>>();
    for (const level of stuck) {
      await this.lock.run(lockKey(level.sku, level.locationId), async () => {
        const fresh = await this.models.levels.findById(level._id, { outbox: 0 }).lean<StockLevelRecord>();
        if (fresh) await this.flush(fresh);
      });
    }
    return stuck.length;
  }

  /** Relays every event left in a level's outbox by an interrupted write; returns how many were stored. */
  sweepEvents(): Promise<number> {
    if (!this.events) return Promise.resolve(0);
    return this.events.sweep(this.models.levels, lockKeyOfOutbox);
  }

  /**
   * The change is committed: its event and movement join the log's next group-committed round, after
   * the answer (the outboxes keep them until then), taken from the level as the write returned it.
   */
  private relaySoon(level: StockLevelRecord, key: string): void {
    this.events?.relaySoon(this.models.levels, level._id, key, level);
  }

  /** Without an event log, the movements go to the ledger in this writer's own batches. */
  private written(level: StockLevelRecord): void {
    if (!this.events) this.flushSoon(level);
  }

  private async update(actor: string, level: StockLevelRecord, change: StockChange): Promise<StockLevelRecord | null> {
    const changesSafety = change.safetyStock !== undefined && change.safetyStock !== level.safetyStock;
    const safetyStock = changesSafety ? change.safetyStock! : level.safetyStock;
    const at = new Date();
    const movement: PendingMovementRecord = {
      _id: new Types.ObjectId(),
      kind: change.kind,
      deltaOnHand: change.deltaOnHand,
      deltaReserved: change.deltaReserved,
      reason: change.reason ?? null,
      reference: change.reference ?? null,
      actor,
      at,
    };
    const onHand = level.onHand + change.deltaOnHand;
    const reserved = level.reserved + change.deltaReserved;
    // Exact because of the compare-and-set: these are the level's numbers right after this write.
    const event = levelEvent(change, { sku: level.sku, locationId: level.locationId, onHand, reserved, safetyStock }, actor, at);
    const freeDelta = change.deltaOnHand - change.deltaReserved;
    const inc: Record<string, number> = { onHand: change.deltaOnHand, reserved: change.deltaReserved, free: freeDelta, sellable: freeDelta - (safetyStock - level.safetyStock), version: 1 };
    const set: Record<string, unknown> = changesSafety ? { safetyStock } : {};
    const push: Record<string, unknown> = { pendingMovements: movement, outbox: event };
    if (change.hold) holdUpdate(level.holds ?? [], change.hold, at, { inc, set, push });
    if (change.restockRef) push.restockRefs = change.restockRef;
    return this.models.levels
      .findOneAndUpdate(
        { _id: level._id, version: level.version },
        { $inc: inc, $push: push, ...(Object.keys(set).length > 0 ? { $set: set } : {}) },
        { returnDocument: 'after' },
      )
      .lean<StockLevelRecord>();
  }

  /** The changes as one update: counters summed, holds set as they end up, movements and events pushed in order. */
  private updateMany(actor: string, level: StockLevelRecord, changes: Array<StockChange | null>): Promise<StockLevelRecord | null> {
    const at = new Date();
    let current = level;
    const movements: PendingMovementRecord[] = [];
    const events: OutboxEvent[] = [];
    const restockRefs: string[] = [];
    for (const change of changes) {
      if (!change) continue;
      if (change.safetyStock !== undefined) throw new Error('a batched stock write cannot change safety stock');
      const next = applied(current, change, at);
      movements.push({ _id: new Types.ObjectId(), kind: change.kind, deltaOnHand: change.deltaOnHand, deltaReserved: change.deltaReserved, reason: change.reason ?? null, reference: change.reference ?? null, actor, at });
      events.push(levelEvent(change, next, actor, at));
      if (change.restockRef) restockRefs.push(change.restockRef);
      current = next;
    }
    const inc = { onHand: current.onHand - level.onHand, reserved: current.reserved - level.reserved, free: current.free - level.free, sellable: current.sellable - level.sellable, version: 1 };
    const push: Record<string, unknown> = { pendingMovements: { $each: movements }, outbox: { $each: events } };
    if (restockRefs.length) push.restockRefs = { $each: restockRefs };
    return this.models.levels
      .findOneAndUpdate({ _id: level._id, version: level.version }, { $inc: inc, $push: push, $set: { holds: current.holds } }, { returnDocument: 'after' })
      .lean<StockLevelRecord>();
  }

  /**
   * A level is created on its first write, after the planner accepted the write against an empty
   * level, so a refused write (or an unknown sku/location) leaves nothing behind. Null when the
   * planner has nothing to do on an empty level (nothing is created then).
   */
  private async createLevel(sku: string, locationId: Types.ObjectId, plan: Planner): Promise<StockLevelRecord | null> {
    const [item, location] = await Promise.all([this.models.items.exists({ sku }), this.models.locations.exists({ _id: locationId })]);
    if (!item) throw notFound('InventoryItem', sku, 'input.sku');
    if (!location) throw notFound('Location', String(locationId), 'input.locationId');
    if (!plan(emptyLevel(sku, locationId))) return null;
    const empty = { onHand: 0, reserved: 0, safetyStock: 0, free: 0, sellable: 0, version: 0, pendingMovements: [], holds: [], restockRefs: [], outbox: [] };
    try {
      const created = await this.models.levels
        .findOneAndUpdate({ sku, locationId }, { $setOnInsert: empty }, { upsert: true, returnDocument: 'after' })
        .lean<StockLevelRecord>();
      if (created) return created;
    } catch (error) {
      // Another process created it first (unique (sku, locationId)): use theirs.
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    const existing = await this.models.levels.findOne({ sku, locationId }, { outbox: 0 }).lean<StockLevelRecord>();
    if (!existing) throw new Error(`stock level ${sku}@${String(locationId)} vanished after creation`);
    return existing;
  }

  private remember(key: string, level: StockLevelRecord): void {
    this.recent.set(key, level);
  }

  /** Resolves once the movements written so far by this process are in the ledger (a few rounds at most: a failing database defers them). */
  async drainLedger(): Promise<void> {
    if (this.events) return this.events.settled(5_000);
    for (let round = 0; round < 3 && (this.flushing || this.unflushed.size > 0); round += 1) {
      if (!this.flushing) this.startFlush(0);
      await this.flushing;
    }
  }

  /** The write has answered; its movement joins the next ledger batch. */
  private flushSoon(level: StockLevelRecord): void {
    const id = String(level._id);
    const previous = this.unflushed.get(id);
    if (!previous || previous.version < level.version) this.unflushed.set(id, level);
    if (!this.flushing) this.startFlush(LEDGER_WINDOW_MS);
  }

  private startFlush(delayMs: number): void {
    let failed = false;
    // Writes that land while a batch is being stored wait for the next one.
    this.flushing = new Promise<void>((resolve) => (delayMs > 0 ? setTimeout(resolve, delayMs).unref() : setImmediate(resolve)))
      .then(() => this.flushBatch())
      .catch((error) => {
        failed = true;
        log.warn({ err: error }, 'ledger write deferred; the movements stay in their levels and are retried');
      })
      .finally(() => {
        this.flushing = null;
        if (this.unflushed.size > 0) this.startFlush(failed ? 1000 : 0);
      });
  }

  /** One `insertMany` for the movements of every level written since the last batch, then one `$pullAll` per level. */
  private async flushBatch(): Promise<void> {
    const levels = [...this.unflushed.values()];
    this.unflushed.clear();
    const entries = levels.flatMap((level) => ledgerEntries(level));
    if (entries.length === 0) return;
    try {
      await this.insertMovements(entries);
    } catch (error) {
      for (const level of levels) this.flushSoon(level);
      throw error;
    }
    await Promise.all(levels.map((level) => this.lock.run(lockKey(level.sku, level.locationId), () => this.pullPending(level))));
  }

  /** Removes the movements `level` carried, as read (later ones stay for the next batch). */
  private async pullPending(level: StockLevelRecord): Promise<void> {
    const pending = level.pendingMovements ?? [];
    if (pending.length === 0) return;
    // `$pullAll` of the exact elements as read: FerretDB v1's `$pull` ignores conditions such as
    // `{ _id: { $in } }` (measured), while exact-value removal works on both engines. Raw driver call
    // so mongoose does not recast (and reorder) the elements.
    const pull = { $pullAll: { pendingMovements: pending } } as unknown as mongo.UpdateFilter<mongo.Document>;
    await this.models.levels.collection.updateOne({ _id: level._id }, pull);
  }

  private async flush(level: StockLevelRecord): Promise<void> {
    const pending = level.pendingMovements ?? [];
    if (pending.length === 0) return;
    await this.insertMovements(ledgerEntries(level));
    await this.pullPending(level);
  }

  /** One `insertMany`; movements stored already (a repeat after a crash) keep their first copy. */
  private async insertMovements(entries: StockMovementRecord[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      await this.models.movements.collection.insertMany(entries, { ordered: false });
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
    }
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
  const pending = level.pendingMovements ?? [];
  for (let i = pending.length - 1; i >= 0; i -= 1) {
    const movement = pending[i];
    entries[i] = { ...movement, sku: level.sku, locationId: level.locationId, onHandAfter: onHand, reservedAfter: reserved, version };
    onHand -= movement.deltaOnHand;
    reserved -= movement.deltaReserved;
    version -= 1;
  }
  return entries;
}

/**
 * The update of an order's hold: a new hold is pushed; an existing one is changed through its index,
 * which the compare-and-set on `version` keeps valid (FerretDB v1 has no positional `$`); a hold that
 * drops to nothing reserved and nothing shipped is removed.
 */
function holdUpdate(holds: HoldRecord[], change: HoldChange, at: Date, update: { inc: Record<string, number>; set: Record<string, unknown>; push: Record<string, unknown> }): void {
  const shipped = change.deltaShipped ?? 0;
  const index = holds.findIndex((hold) => hold.ref === change.ref);
  if (index < 0) {
    if (change.deltaReserved < 0 || shipped < 0) throw new Error(`order ${change.ref} holds nothing to take from`);
    update.push.holds = { ref: change.ref, reserved: change.deltaReserved, shipped, shipmentRefs: change.shipmentRef ? [change.shipmentRef] : [], at };
    return;
  }
  const hold = holds[index];
  const reservedAfter = hold.reserved + change.deltaReserved;
  const shippedAfter = hold.shipped + shipped;
  if (reservedAfter < 0 || shippedAfter < 0) throw new Error(`hold of order ${change.ref} would go negative`);
  if (reservedAfter === 0 && shippedAfter === 0 && !change.shipmentRef && (hold.shipmentRefs ?? []).length === 0) {
    update.set.holds = holds.filter((_, i) => i !== index);
    return;
  }
  if (change.deltaReserved !== 0) update.inc[`holds.${index}.reserved`] = change.deltaReserved;
  if (shipped !== 0) update.inc[`holds.${index}.shipped`] = shipped;
  if (change.deltaReserved > 0) update.set[`holds.${index}.at`] = at;
  if (change.shipmentRef) update.push[`holds.${index}.shipmentRefs`] = change.shipmentRef;
}

/** Drops undefined and null values (the driver would store undefined as null). */
function compact(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== undefined && value !== null));
}

function newest(a: StockLevelRecord | null, b: StockLevelRecord | null): StockLevelRecord | null {
  if (!a || !b) return a ?? b;
  return b.version > a.version ? b : a;
}

export function lockKey(sku: string, locationId: Types.ObjectId | string): string {
  return `${sku}:${String(locationId)}`;
}

/** The sweep reads only `_id` and `outbox`; an event's aggregate id is `${sku}@${locationId}`. */
function lockKeyOfOutbox(doc: { _id: unknown }): string {
  const outbox = (doc as { outbox?: Array<{ aggregateId?: string }> }).outbox ?? [];
  const aggregateId = outbox[0]?.aggregateId ?? '';
  const at = aggregateId.lastIndexOf('@');
  return at > 0 ? lockKey(aggregateId.slice(0, at), aggregateId.slice(at + 1)) : `level:${String(doc._id)}`;
}

function emptyLevel(sku: string, locationId: Types.ObjectId): StockLevelRecord {
  const now = new Date();
  return {
    _id: new Types.ObjectId(),
    sku,
    locationId,
    onHand: 0,
    reserved: 0,
    safetyStock: 0,
    free: 0,
    sellable: 0,
    version: 0,
    pendingMovements: [],
    holds: [],
    restockRefs: [],
    outbox: [],
    createdAt: now,
    updatedAt: now,
  };
}

function onlyDuplicateKeys(error: unknown): boolean {
  const { code, writeErrors } = error as { code?: number; writeErrors?: Array<{ code?: number }> | { code?: number } };
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return list.length > 0 ? list.every((entry) => entry.code === 11000) : code === 11000;
}

/** The domain event of one change, with the level's numbers right after it. */
function levelEvent(change: StockChange, after: Pick<StockLevelRecord, 'sku' | 'locationId' | 'onHand' | 'reserved' | 'safetyStock'>, actor: string, at: Date): OutboxEvent {
  const { sku, locationId, onHand, reserved, safetyStock } = after;
  return newEvent(
    change.event,
    'StockLevel',
    `${sku}@${String(locationId)}`,
    compact({
      sku,
      locationId: String(locationId),
      onHand,
      reserved,
      safetyStock,
      available: Math.max(0, onHand - reserved - safetyStock),
      deltaOnHand: change.deltaOnHand,
      deltaReserved: change.deltaReserved,
      reason: change.reason,
      reference: change.reference,
      ...change.eventPayload,
    }),
    actor,
    at,
  );
}

/** Plans each change from the level as the changes before it leave it. */
function planInSequence(level: StockLevelRecord, plans: Planner[]): Array<StockChange | null> {
  const at = new Date();
  let current = level;
  return plans.map((plan) => {
    const change = plan(current);
    if (change) current = applied(current, change, at);
    return change;
  });
}

/** The level after `change` (counters and holds), as the database will hold it. */
function applied(level: StockLevelRecord, change: StockChange, at: Date): StockLevelRecord {
  const freeDelta = change.deltaOnHand - change.deltaReserved;
  return {
    ...level,
    onHand: level.onHand + change.deltaOnHand,
    reserved: level.reserved + change.deltaReserved,
    free: level.free + freeDelta,
    sellable: level.sellable + freeDelta,
    holds: change.hold ? heldAfter(level.holds ?? [], change.hold, at) : level.holds,
    restockRefs: change.restockRef ? [...(level.restockRefs ?? []), change.restockRef] : level.restockRefs,
  };
}

/** The holds after one hold change (the same rules as holdUpdate, on the array itself). */
function heldAfter(holds: HoldRecord[], change: HoldChange, at: Date): HoldRecord[] {
  const update = { inc: {} as Record<string, number>, set: {} as Record<string, unknown>, push: {} as Record<string, unknown> };
  holdUpdate(holds, change, at, update);
  if (update.push.holds) return [...holds, update.push.holds as HoldRecord];
  if (update.set.holds) return update.set.holds as HoldRecord[];
  const index = holds.findIndex((hold) => hold.ref === change.ref);
  const hold = holds[index];
  const next: HoldRecord = {
    ...hold,
    reserved: hold.reserved + change.deltaReserved,
    shipped: hold.shipped + (change.deltaShipped ?? 0),
    at: change.deltaReserved > 0 ? at : hold.at,
    shipmentRefs: change.shipmentRef ? [...(hold.shipmentRefs ?? []), change.shipmentRef] : hold.shipmentRefs,
  };
  return holds.map((candidate, i) => (i === index ? next : candidate));
}
