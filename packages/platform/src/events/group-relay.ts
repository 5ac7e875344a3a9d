// Moves outbox entries into the log in group-committed rounds, off the writers' request path.
//
// Requests to relay a document accumulate while a round runs; the next round reads every pending
// document's outbox (parallel equality finds by `_id`: FerretDB scans the whole table for `$in`),
// appends all their events with one ordered `insertMany` (seq assigned in request order, each
// document's events in outbox order), then pulls the relayed entries from each document under its
// lock key. A request made after a change is always served by a round that reads the document after
// that change. A failed round is retried with backoff (the outbox keeps the events meanwhile, and
// the start-up sweep relays whatever a crash left behind).
import type { KeyedLock } from '../keyed-lock';
import { createLogger } from '../logger';
import type { OutboxEvent, StoredEvent } from './event';
import type { LogAppender } from './log-appender';

const log = createLogger('event-log');

/** A model whose documents carry an `outbox` of events not yet relayed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any aggregate model
export type OutboxModel = import('mongoose').Model<any>;

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

  constructor(
    private readonly logName: string,
    private readonly appender: LogAppender,
    private readonly lock: KeyedLock,
    private readonly emit: (events: StoredEvent[]) => void,
  ) {}

  /** Asks for the document's outbox to be relayed in the next round; resolves with what it stored. */
  request(model: OutboxModel, id: unknown, lockKey: string, waiter?: Waiter): void {
    if (this.stopped) {
      waiter?.resolve([]);
      return;
    }
    const key = `${model.collection.collectionName}:${String(id)}`;
    const request = this.pending.get(key) ?? this.retrying.get(key) ?? { model, id, lockKey, waiters: [], failures: 0, retryAt: 0 };
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
    const outboxes = await Promise.all(
      batch.map((request) =>
        request.model
          .findById(request.id, { outbox: 1 })
          .lean<{ outbox?: OutboxEvent[] }>()
          .exec()
          .then((doc) => doc?.outbox ?? [], (error: unknown) => error as Error),
      ),
    );
    const readable = batch.filter((_, i) => !(outboxes[i] instanceof Error));
    batch.forEach((request, i) => {
      const outbox = outboxes[i];
      if (outbox instanceof Error) this.failed(request, outbox);
    });
    const outboxOf = new Map(batch.map((request, i) => [request, outboxes[i] as OutboxEvent[]]));
    const events = readable.flatMap((request) => outboxOf.get(request)!);
    let stored: StoredEvent[] = [];
    if (events.length) {
      try {
        stored = await this.appender.append(events, (slice) => this.emit(slice));
      } catch (error) {
        for (const request of readable) this.failed(request, error);
        return;
      }
    }
    const storedIds = new Set(stored.map((event) => event.id));
    const byId = new Map(stored.map((event) => [event.id, event]));
    await Promise.all(
      readable.map(async (request) => {
        const outbox = outboxOf.get(request)!;
        try {
          if (outbox.length) await this.lock.run(request.lockKey, () => request.model.updateOne({ _id: request.id }, { $pullAll: { outbox } }, { timestamps: false }).exec());
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
