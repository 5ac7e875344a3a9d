// Where each consumer of an event log has got to (one document per consumer in the consuming
// service's own `consumer_cursors` collection), and which process may move it on.
//
// Several processes may run the same consumer. Time is cut into lease slots (30 s by default); the
// process that inserts the claim `<name>@lease:<slot>` first (a unique `_id`, which FerretDB
// enforces, unlike the isolation of a conditional update) consumes `name` during that slot, and
// writes its cursor only until `marginMs` before the slot ends. The next slot's holder starts at the
// slot boundary, so two holders never write one cursor at once (given clocks within the margin) and
// the cursor never goes backwards. A holder that also held the previous slot keeps its cached
// cursor; any other reads it again. A process that is not the holder does nothing and is told when
// the next slot starts. Each process deletes its own claims two slots later, so a crash leaves at
// most two behind and delays the consumer by one slot at most; a clean stop releases its claims.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Schema, type Connection, type Model } from 'mongoose';
import { decodeEventCursor } from './event';

export interface ConsumerCursorRecord {
  /** Consumer name, e.g. `inventory-backorders` or `stock-pushes`; or a lease claim `<name>@lease:<slot>`. */
  _id: string;
  cursor: string | null;
  /** On a lease claim: the process that holds the slot. */
  owner?: string;
  slot?: number;
  updatedAt?: Date;
}

export type ConsumerCursorModel = Model<ConsumerCursorRecord>;

/** One page of a remote event log, as every `*Events(after, first)` query returns it. */
export interface ConsumablePage<E> {
  events: E[];
  cursor: string | null;
  hasMore: boolean;
}

export interface ConsumeOutcome {
  /** False: another process holds this consumer's lease, or its slot is about to end; nothing was read. */
  held: boolean;
  /** The page limit was reached with more to read: run again soon. */
  more: boolean;
  /** When to try again if nothing wakes the consumer sooner (the next slot, when not held). */
  retryAt: number | null;
}

export interface ConsumerLeaseOptions {
  /** Length of a lease slot (default 30 s). */
  slotMs?: number;
  /** No cursor write this close to the end of a slot (clock skew between processes, write latency; default 3 s). */
  marginMs?: number;
  /** Names this process in its claims (default host, pid and a random part). */
  owner?: string;
}

function cursorSchema(collection: string) {
  return new Schema<ConsumerCursorRecord>(
    { _id: { type: String, required: true }, cursor: { type: String, default: null }, owner: String, slot: Number },
    { timestamps: { createdAt: false, updatedAt: true }, collection, versionKey: false },
  );
}

/** The cursor model of a service (`consumer_cursors`, or another collection of the same shape). */
export function consumerCursorModel(connection: Connection, collection = 'consumer_cursors', modelName = 'ConsumerCursor'): ConsumerCursorModel {
  return (connection.models[modelName] as ConsumerCursorModel | undefined) ?? connection.model<ConsumerCursorRecord>(modelName, cursorSchema(collection));
}

const PAGE_SIZE = 200;
const MAX_PAGES_PER_POLL = 20;

export class ConsumerCursors {
  readonly owner: string;
  private readonly slotMs: number;
  private readonly marginMs: number;
  /** Cursors as this process last wrote or read them; valid while it holds the lease without a break. */
  private readonly cache = new Map<string, string | null>();
  /** The slot this process holds per consumer. */
  private readonly holding = new Map<string, number>();
  /** This process's claims not deleted yet, per consumer. */
  private readonly claims = new Map<string, number[]>();

  constructor(
    private readonly cursors: ConsumerCursorModel,
    options: ConsumerLeaseOptions = {},
  ) {
    this.slotMs = options.slotMs ?? 30_000;
    this.marginMs = options.marginMs ?? 3_000;
    this.owner = options.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  async get(name: string): Promise<string | null> {
    if (!this.cache.has(name)) {
      const doc = await this.cursors.findById(name).lean<ConsumerCursorRecord>();
      this.cache.set(name, doc?.cursor ?? null);
    }
    return this.cache.get(name) ?? null;
  }

  /** Saves a cursor (only a lease holder calls this); never moves a log cursor backwards. */
  async set(name: string, cursor: string | null): Promise<void> {
    const current = this.cache.get(name);
    if (current === cursor) return;
    if (current !== undefined && behind(cursor, current)) return;
    await this.cursors.updateOne({ _id: name }, { $set: { cursor } }, { upsert: true });
    this.cache.set(name, cursor);
  }

  /** Whether this process holds `name`'s lease now and may still write its cursor. */
  holds(name: string, now = Date.now()): boolean {
    const slot = this.holding.get(name);
    return slot !== undefined && slot === this.slotOf(now) && now < this.writableUntil(slot);
  }

  /** Takes `name`'s lease for the current slot if nobody has; true when this process holds it. */
  async lease(name: string, now = Date.now()): Promise<boolean> {
    if (this.holds(name, now)) return true;
    const slot = this.slotOf(now);
    const previous = this.holding.get(name);
    if (previous === slot || now >= this.writableUntil(slot)) return false;
    const claim: ConsumerCursorRecord = { _id: claimId(name, slot), cursor: null, owner: this.owner, slot, updatedAt: new Date(now) };
    try {
      await this.cursors.collection.insertOne(claim as never);
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      // Another process holds this slot and may move the cursor: forget the cached one.
      this.holding.delete(name);
      this.cache.delete(name);
      return false;
    }
    if (previous !== slot - 1) this.cache.delete(name);
    this.holding.set(name, slot);
    const mine = [...(this.claims.get(name) ?? []), slot];
    const old = mine.filter((claimed) => claimed <= slot - 2);
    this.claims.set(name, mine.filter((claimed) => claimed > slot - 2));
    if (old.length) await Promise.all(old.map((claimed) => this.cursors.deleteOne({ _id: claimId(name, claimed) }).exec()));
    return true;
  }

  /** When the slot after the current one starts (a process that is not the holder tries again then). */
  nextSlotAt(now = Date.now()): number {
    return (this.slotOf(now) + 1) * this.slotMs;
  }

  /** Gives up this process's claims (clean stop): another process may take over at once. */
  async release(): Promise<void> {
    const ids = [...this.claims].flatMap(([name, slots]) => slots.map((slot) => claimId(name, slot)));
    this.claims.clear();
    this.holding.clear();
    this.cache.clear();
    await Promise.all(ids.map((id) => this.cursors.deleteOne({ _id: id, owner: this.owner }).exec()));
  }

  /**
   * Reads an event log from where `name` left off, page by page, handing each page to `handle` and
   * saving the cursor only after the page is handled (at-least-once; handlers are idempotent), as
   * long as this process holds `name`'s lease. At most MAX_PAGES_PER_POLL pages per call, so one busy
   * log cannot starve the caller's other tasks.
   */
  async consume<E>(
    name: string,
    readPage: (after: string | null, first: number) => Promise<ConsumablePage<E>>,
    handle: (events: E[], page: { after: string | null }) => Promise<void>,
  ): Promise<ConsumeOutcome> {
    if (!(await this.lease(name))) return { held: false, more: false, retryAt: this.nextSlotAt() };
    let cursor = await this.get(name);
    for (let page = 0; page < MAX_PAGES_PER_POLL; page += 1) {
      const events = await readPage(cursor, PAGE_SIZE);
      await handle(events.events, { after: cursor });
      // The slot ended while the page was handled: save only if the next slot is ours too (else
      // its holder reads the page again).
      if (events.cursor !== cursor && !(await this.lease(name))) return { held: false, more: true, retryAt: this.nextSlotAt() };
      await this.set(name, events.cursor);
      cursor = events.cursor;
      if (!events.hasMore) return { held: true, more: false, retryAt: null };
    }
    return { held: true, more: true, retryAt: null };
  }

  private slotOf(now: number): number {
    return Math.floor(now / this.slotMs);
  }

  private writableUntil(slot: number): number {
    return (slot + 1) * this.slotMs - this.marginMs;
  }
}

function claimId(name: string, slot: number): string {
  return `${name}@lease:${slot}`;
}

/** True when `cursor` is an event cursor of the same log as `than`, at an earlier position. */
function behind(cursor: string | null, than: string | null): boolean {
  if (than === null) return false;
  if (cursor === null) return true;
  const a = decodeEventCursor(cursor);
  const b = decodeEventCursor(than);
  return !!a && !!b && a.log === b.log && a.seq < b.seq;
}
