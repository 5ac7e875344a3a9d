// A subgraph's durable event log, fed from outboxes inside the changed documents.
//
// A state change and its event are written in one single-document update: the event is pushed onto
// the document's `outbox` array. A relay then copies outbox entries into the `events` collection,
// assigning `seq`, and pulls them from the document: group-committed, off the request path
// (group-relay.ts), with seqs claimed through the unique index so that any number of processes may
// relay one log and the stored seqs stay contiguous (log-appender.ts). A crash between the change
// and the relay leaves the event in the outbox, and the start-up sweep relays it; an event relayed
// twice is stored once (unique id); readers never see seq n+1 before seq n.
// Entries are removed with `$pullAll` of the exact elements read: FerretDB v1 silently matches
// nothing for `$pull` with a condition on an element field.
import { EventEmitter } from 'node:events';
import { Schema, type Connection, type Model } from 'mongoose';
import type { KeyedLock } from '../keyed-lock';
import { createLogger } from '../logger';
import type { StoredEvent } from './event';
import { GroupRelay, type OutboxCompanion, type OutboxModel } from './group-relay';
import { LogAppender, type EventDocument } from './log-appender';
import { RecentEvents } from './recent-events';

export type { OutboxCompanion, OutboxModel } from './group-relay';

const log = createLogger('event-log');

const eventSchema = new Schema<EventDocument>(
  {
    _id: String,
    seq: { type: Number, required: true },
    type: { type: String, required: true },
    aggregateType: { type: String, required: true },
    aggregateId: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, default: {} },
    version: { type: Number },
    actor: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'events', versionKey: false, minimize: false },
);
eventSchema.index({ seq: 1 }, { unique: true });
eventSchema.index({ aggregateId: 1, seq: 1 });
eventSchema.index({ type: 1, seq: 1 });

export interface ReadOptions {
  afterSeq?: number;
  limit?: number;
  aggregateId?: string;
  types?: string[];
}

export class EventLog {
  readonly events: Model<EventDocument>;
  private readonly emitter = new EventEmitter();
  private readonly appender: LogAppender;
  private readonly relays: GroupRelay;
  /** Events stored or read lately: followers reading right behind the head never go to the database for them. */
  private readonly recent = new RecentEvents<StoredEvent>();

  constructor(
    readonly name: string,
    connection: Connection,
    lock: KeyedLock,
  ) {
    this.events = (connection.models.Event as Model<EventDocument> | undefined) ?? connection.model<EventDocument>('Event', eventSchema);
    this.emitter.setMaxListeners(0);
    this.appender = new LogAppender(this.events, () => this.recent.clear());
    this.relays = new GroupRelay(name, this.appender, lock, (events) => {
      this.recent.remember(events);
      for (const event of events) this.emitter.emit('stored', event);
    });
  }

  /**
   * Relays the outbox of one document soon, without waiting: call it right after the update that
   * pushed to it (outside the document's lock; the relay takes `lockKey` to pull the entries).
   * Failures are logged and retried; the outbox keeps the events meanwhile. `written`: the document
   * as that update returned it (with its whole outbox), which spares the relay reading it again.
   */
  relaySoon(model: OutboxModel, id: unknown, lockKey: string, written?: object | null): void {
    this.relays.request(model, id, lockKey, undefined, (written ?? undefined) as Record<string, unknown> | undefined);
  }

  /** `model`'s documents carry a second outbox the relay moves out with their events (see OutboxCompanion). */
  relayAlso(model: OutboxModel, companion: OutboxCompanion): void {
    this.relays.addCompanion(model, companion);
  }

  /**
   * Relays the outbox of one document and resolves with the events this call stored, once they are
   * in the log and out of the outbox (it joins the next group-committed round). Rejects when that
   * round fails; the relay is retried in the background all the same.
   */
  relay(model: OutboxModel, id: unknown, lockKey: string): Promise<StoredEvent[]> {
    return new Promise((resolve, reject) => this.relays.request(model, id, lockKey, { resolve, reject }));
  }

  /** Resolves once the relays this process asked for before the call are stored (at most `maxWaitMs`): readers see their own writes. */
  settled(maxWaitMs?: number): Promise<void> {
    return this.relays.settled(maxWaitMs);
  }

  /** Resolves once every relay asked for so far has been stored (retries included): for tests and callers that need the log. */
  idle(): Promise<void> {
    return this.relays.idle();
  }

  /** Relays what was asked for before the stop, then accepts no more (call before closing the connection). */
  stop(): Promise<void> {
    return this.relays.stop();
  }

  /**
   * Relays every outbox left behind (at start, after a crash). The dotted-path filter scans the
   * whole collection on FerretDB: run it at start, not on a timer (failed relays retry by themselves).
   */
  async sweep(model: OutboxModel, lockKeyOf: (doc: { _id: unknown }) => string): Promise<number> {
    const pending = await model.find({ 'outbox.0': { $exists: true } }, { _id: 1, outbox: 1 }).lean<Array<{ _id: unknown }>>();
    const results = await Promise.allSettled(pending.map((doc) => this.relay(model, doc._id, lockKeyOf(doc))));
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
    const relayed = results.reduce((sum, result) => sum + (result as PromiseFulfilledResult<StoredEvent[]>).value.length, 0);
    if (relayed) log.info({ log: this.name, relayed }, 'relayed events left in outboxes');
    return relayed;
  }

  /**
   * Events after `afterSeq`, oldest first. `scannedTo` is the last position looked at (it moves past
   * events that `types` filtered out, so a reader's cursor never rescans them).
   *
   * Sequence numbers are contiguous, so the log is read by equality on `seq`, which FerretDB pushes
   * down to its backend; a `$gt` range is evaluated over every stored event (measured ~150 ms for 3,000
   * events on FerretDB v1 with PostgreSQL), which a poller repeating it would pay forever. The read
   * stops at the first missing seq: stored seqs are contiguous (log-appender.ts), so nothing after a
   * missing seq exists yet, and a reader's position never passes an event not yet stored.
   */
  async read(options: ReadOptions = {}): Promise<{ events: StoredEvent[]; scannedTo: number }> {
    const afterSeq = options.afterSeq ?? 0;
    const limit = options.limit ?? 500;
    const wanted = options.types?.length ? new Set(options.types) : null;
    if (options.aggregateId) {
      const docs = await this.events.find({ aggregateId: options.aggregateId }).lean<EventDocument[]>();
      const events = docs.map(toStored).filter((event) => event.seq > afterSeq && (!wanted || wanted.has(event.type)));
      events.sort((a, b) => a.seq - b.seq);
      const page = events.slice(0, limit);
      return { events: page, scannedTo: page[page.length - 1]?.seq ?? afterSeq };
    }
    const found: StoredEvent[] = [];
    let scannedTo = afterSeq;
    const maxScan = limit * 20;
    let batch = 1; // probe one position first: the common answer to a poll is "nothing new"
    while (found.length < limit && scannedTo - afterSeq < maxScan) {
      const seqs = Array.from({ length: batch }, (_, i) => scannedTo + 1 + i);
      const stored = await Promise.all(seqs.map((seq) => this.recent.get(seq) ?? this.fetch(seq)));
      let reachedEnd = false;
      for (const event of stored) {
        if (!event) {
          reachedEnd = true;
          break;
        }
        scannedTo = event.seq;
        if (!wanted || wanted.has(event.type)) found.push(event);
        if (found.length === limit) break;
      }
      if (reachedEnd) break;
      batch = Math.min(32, limit - found.length || 1, batch * 4);
    }
    return { events: found, scannedTo };
  }

  /** One event by seq from the database, remembered for the next reader. */
  private async fetch(seq: number): Promise<StoredEvent | null> {
    const doc = await this.events.findOne({ seq }).lean<EventDocument>().exec();
    if (!doc) return null;
    const event = toStored(doc);
    this.recent.remember([event]);
    return event;
  }

  /** The last stored seq (0: empty), by equality probes on `seq` (a sort would scan the whole log on FerretDB). */
  lastSeq(): Promise<number> {
    return this.appender.head();
  }

  /** Sequence numbers this process found taken by another relaying process (and claimed again after). */
  get seqClaimsLost(): number {
    return this.appender.claimsLost;
  }

  /** Live notification of newly stored events (in this process). */
  onStored(listener: (event: StoredEvent) => void): () => void {
    this.emitter.on('stored', listener);
    return () => this.emitter.off('stored', listener);
  }
}

function toStored(doc: EventDocument): StoredEvent {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id };
}
