// Moves outbox entries into the log in group-committed rounds, off the writers' request path.
//
// Requests to relay a document accumulate while a round runs; the next round reads every pending
// document's outbox (parallel equality finds by `_id`: FerretDB scans the whole table for `$in`),
// appends all their events with one ordered `insertMany` (seq assigned in request order, each
// document's events in outbox order), then pulls the relayed entries from each document under its
// lock key. A request made after a change is always served by a round that reads the document after
// that change. A failed round is retried with backoff (the outbox keeps the events meanwhile, and
// the start-up sweep relays whatever a crash left behind).
//
// Two savings on the hot path:
// - A writer that has the document as its own update left it (`findOneAndUpdate` returning the
//   document after) hands it over, and the round uses its outbox instead of reading it again. Only
//   the first request for a document in a round may do so: a second write's copy could reach the
//   relay before the first's, so two requests for one document mean a read.
// - A model may carry a second outbox beside its events (inventory's ledger movements): its
//   companion projects the entries of every document in the round in one write, and the same
//   single update that pulls the events pulls them, instead of a flusher of its own reading and
//   pulling each document again.
import { LRUCache } from 'lru-cache';
import type { KeyedLock } from '../keyed-lock';
import { createLogger } from '../logger';
import type { OutboxEvent, StoredEvent } from './event';
import type { LogAppender } from './log-appender';

const log = createLogger('event-log');

/** A model whose documents carry an `outbox` of events not yet relayed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any aggregate model
export type OutboxModel = import('mongoose').Model<any>;

/** A second outbox a model carries beside its events, moved out by the same rounds (see the header). */
export interface OutboxCompanion {
  /** Fields the companion needs besides `outbox` (the round reads them with it). */
  fields: string[];
  /** Stores what the documents carry for it, idempotently, before their entries are pulled. */
  project(docs: Array<Record<string, unknown>>): Promise<void>;
  /** The exact entries to pull from the document with its events, per field. */
  pulls(doc: Record<string, unknown>): Record<string, unknown[]>;
}

/** Event ids remembered as stored, so a written copy taken before their pull does not append them twice. */
const MAX_REMEMBERED_IDS = 20_000;
/** Documents read per round; more wait for the next round. */
const MAX_DOCUMENTS_PER_ROUND = 256;
const RETRY = { firstMs: 500, maxMs: 30_000, attempts: 12 };

interface Waiter {
  resolve(events: StoredEvent[]): void;
  reject(error: unknown): void;
}

interface Request {
  model: OutboxModel;
  id: unknown;
  lockKey: string;
  /** The document as the requesting write left it (its outbox is read from here, not the database). */
  written?: Record<string, unknown>;
  waiters: Waiter[];
  /** Failed rounds so far (0: never failed). */
  failures: number;
  retryAt: number;
}

export class GroupRelay {
  private readonly pending = new Map<string, Request>();
  /** Requests whose round failed, waiting for their backoff. */
  private readonly retrying = new Map<string, Request>();
  private round: Promise<void> | null = null;
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private idleWaiters: Array<() => void> = [];
  /** Rounds finished so far, and who waits for a given count (see `settled`). */
  private roundsDone = 0;
  private roundWaiters: Array<() => void> = [];
  private retryArmedFor = Infinity;
  /** Stopping: no more retries; stopped: no more rounds. */
  private stopping = false;
  private stopped = false;
  private readonly companions = new Map<string, OutboxCompanion>();
  /** Ids of the events this process stored lately. */
  private readonly storedIds = new LRUCache<string, true>({ max: MAX_REMEMBERED_IDS });

  constructor(
    private readonly logName: string,
    private readonly appender: LogAppender,
    private readonly lock: KeyedLock,
    private readonly emit: (events: StoredEvent[]) => void,
  ) {}

  /** The model's second outbox is moved by these rounds too (see OutboxCompanion). */
  addCompanion(model: OutboxModel, companion: OutboxCompanion): void {
    this.companions.set(model.collection.collectionName, companion);
  }

  /**
   * Asks for the document's outbox to be relayed in the next round; resolves with what it stored.
   * `written`: the document as the requesting write returned it, when the caller has it.
   */
  request(model: OutboxModel, id: unknown, lockKey: string, waiter?: Waiter, written?: Record<string, unknown>): void {
    if (this.stopped) {
      waiter?.resolve([]);
      return;
    }
    const key = `${model.collection.collectionName}:${String(id)}`;
    const earlier = this.pending.get(key) ?? this.retrying.get(key);
    const request = earlier ?? { model, id, lockKey, written, waiters: [], failures: 0, retryAt: 0 };
    // Several writes (or a failed round) since the last relay: only a read sees the outbox as it is.
    if (earlier) request.written = undefined;
    // A fresh request is tried now, even if an earlier one for the document is backing off.
    this.retrying.delete(key);
    if (waiter) request.waiters.push(waiter);
    this.pending.set(key, request);
    this.schedule();
  }

  /** True while a relay is requested, running or waiting to be retried. */
  get busy(): boolean {
    return this.round !== null || this.scheduled || this.pending.size > 0 || this.retrying.size > 0;
  }

  /** Resolves once nothing is requested, running or waiting for a retry. */
  async idle(): Promise<void> {
    while (this.busy) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Resolves once the relays requested before the call have had their round (the one running may
   * have read their documents before the change, so the next one too), or after `maxWaitMs`. Unlike
   * `idle`, new requests arriving meanwhile do not hold it up: readers of the log call it to see
   * their own writes.
   */
  async settled(maxWaitMs = 1000): Promise<void> {
    if (!this.busy) return;
    const target = this.roundsDone + (this.round ? 2 : 1);
    const deadline = Date.now() + maxWaitMs;
    while (this.busy && this.roundsDone < target && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        timer.unref();
        this.roundWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Runs what is requested once more, then stops (retries still waiting are left to the next start's sweep). */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retrying.clear();
    if (!this.round && this.pending.size) this.startRound();
    while (this.round) await this.round;
    this.stopped = true;
    for (const request of this.pending.values()) for (const waiter of request.waiters) waiter.resolve([]);
    this.pending.clear();
    this.notifyIdle();
  }

  private schedule(): void {
    if (this.round || this.scheduled) return;
    this.scheduled = true;
    // Requests made in the same turn of the event loop join the round.
    setImmediate(() => {
      this.scheduled = false;
      if (this.stopped) this.notifyIdle();
      else if (!this.round) this.startRound();
    });
  }

  private startRound(): void {
    if (this.pending.size === 0) {
      this.notifyIdle();
      return;
    }
    const batch: Request[] = [];
    for (const [key, request] of this.pending) {
      if (batch.length === MAX_DOCUMENTS_PER_ROUND) break;
      batch.push(request);
      this.pending.delete(key);
    }
    this.round = this.runRound(batch).finally(() => {
      this.round = null;
      this.roundsDone += 1;
      for (const resolve of this.roundWaiters.splice(0)) resolve();
      if (this.pending.size && !this.stopped) this.startRound();
      else this.notifyIdle();
    });
  }

  private async runRound(batch: Request[]): Promise<void> {
    const docs = await Promise.all(batch.map((request) => this.document(request)));
    const docOf = new Map<Request, Record<string, unknown>>();
    batch.forEach((request, i) => {
      const doc = docs[i];
      if (doc instanceof Error) this.failed(request, doc);
      else docOf.set(request, doc);
    });
    let readable = batch.filter((request) => docOf.has(request));
    const outboxOf = (request: Request) => (docOf.get(request)!.outbox as OutboxEvent[] | undefined) ?? [];
    // A written copy may still list events an earlier round stored (it was taken before their pull):
    // they are pulled again, not appended again.
    const events = readable.flatMap(outboxOf).filter((event) => !this.storedIds.has(event.id));
    let stored: StoredEvent[] = [];
    if (events.length) {
      try {
        stored = await this.appender.append(events, (slice) => {
          this.rememberStored(slice);
          this.emit(slice);
        });
      } catch (error) {
        for (const request of readable) this.failed(request, error);
        return;
      }
    }
    readable = await this.project(readable, docOf);
    const storedIds = new Set(stored.map((event) => event.id));
    const byId = new Map(stored.map((event) => [event.id, event]));
    await Promise.all(
      readable.map(async (request) => {
        const outbox = outboxOf(request);
        try {
          await this.pull(request, docOf.get(request)!);
        } catch (error) {
          this.failed(request, error);
          return;
        }
        const mine = outbox.filter((event) => storedIds.has(event.id)).map((event) => byId.get(event.id)!);
        for (const waiter of request.waiters) waiter.resolve(mine);
        if (request.failures) log.info({ log: this.logName, id: String(request.id), failures: request.failures }, 'event relay recovered');
      }),
    );
  }

  private rememberStored(events: StoredEvent[]): void {
    for (const event of events) this.storedIds.set(event.id, true);
  }

  /** The outbox (and the companion's fields) of the request's document: as its write left it, or read now. */
  private document(request: Request): Promise<Record<string, unknown> | Error> {
    const written = request.written;
    request.written = undefined;
    const companion = this.companions.get(request.model.collection.collectionName);
    // A copy without its outbox (or a companion's field) was projected: only a read is complete.
    if (written && Array.isArray(written.outbox) && (companion?.fields ?? []).every((field) => field in written)) return Promise.resolve(written);
    const projection = Object.fromEntries(['outbox', ...(companion?.fields ?? [])].map((field) => [field, 1]));
    return request.model
      .findById(request.id, projection)
      .lean<Record<string, unknown>>()
      .exec()
      .then((doc) => doc ?? {}, (error: unknown) => error as Error);
  }

  /** Companions store their entries, one write per model for the round; their documents fail together. */
  private async project(readable: Request[], docOf: Map<Request, Record<string, unknown>>): Promise<Request[]> {
    const byCollection = new Map<string, Request[]>();
    for (const request of readable) {
      const name = request.model.collection.collectionName;
      if (this.companions.has(name)) byCollection.set(name, [...(byCollection.get(name) ?? []), request]);
    }
    const failed = new Set<Request>();
    for (const [name, requests] of byCollection) {
      try {
        await this.companions.get(name)!.project(requests.map((request) => docOf.get(request)!));
      } catch (error) {
        for (const request of requests) {
          failed.add(request);
          this.failed(request, error);
        }
      }
    }
    return failed.size ? readable.filter((request) => !failed.has(request)) : readable;
  }

  /** One update removes the relayed events and the companion's entries, exactly as read, under the document's lock key. */
  private async pull(request: Request, doc: Record<string, unknown>): Promise<void> {
    const companion = this.companions.get(request.model.collection.collectionName);
    const pulls: Record<string, unknown[]> = { outbox: (doc.outbox as unknown[] | undefined) ?? [], ...(companion?.pulls(doc) ?? {}) };
    const nonEmpty = Object.fromEntries(Object.entries(pulls).filter(([, entries]) => entries.length > 0));
    if (Object.keys(nonEmpty).length === 0) return;
    await this.lock.run(request.lockKey, async () => {
      // A companion's entries go through the driver as read: mongoose would recast (and reorder) the
      // fields of subdocuments, and `$pullAll` matches whole elements exactly.
      if (companion) await request.model.collection.updateOne({ _id: request.id } as never, { $pullAll: nonEmpty } as never);
      else await request.model.updateOne({ _id: request.id }, { $pullAll: nonEmpty }, { timestamps: false }).exec();
    });
  }

  private failed(request: Request, error: unknown): void {
    for (const waiter of request.waiters.splice(0)) waiter.reject(error);
    request.failures += 1;
    if (this.stopping) return;
    if (request.failures > RETRY.attempts) {
      log.error({ err: error, log: this.logName, id: String(request.id) }, 'event relay gave up; the events stay in the outbox until the next start');
      return;
    }
    if (request.failures === 1) log.warn({ err: error, log: this.logName, id: String(request.id) }, 'event relay failed; the events stay in the outbox and are retried');
    request.retryAt = Date.now() + Math.min(RETRY.maxMs, RETRY.firstMs * 2 ** (request.failures - 1));
    const key = `${request.model.collection.collectionName}:${String(request.id)}`;
    // A newer request for the document is pending already: it will read the outbox anyway.
    if (!this.pending.has(key)) this.retrying.set(key, request);
    this.armRetry();
  }

  private armRetry(): void {
    if (this.retrying.size === 0 || this.stopping) return;
    const next = Math.min(...[...this.retrying.values()].map((request) => request.retryAt));
    if (this.retryTimer && next >= this.retryArmedFor) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryArmedFor = next;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retryArmedFor = Infinity;
      const now = Date.now();
      for (const [key, request] of this.retrying) {
        if (request.retryAt > now) continue;
        this.retrying.delete(key);
        this.pending.set(key, request);
      }
      this.schedule();
      this.armRetry();
    }, Math.max(0, next - Date.now()));
    this.retryTimer.unref();
  }

  private notifyIdle(): void {
    if (this.busy) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
