// A subgraph's durable event log, fed from outboxes inside the changed documents.
//
// A state change and its event are written in one single-document update: the event is pushed onto
// the document's `outbox` array. The relay then copies outbox entries into the `events` collection,
// assigning `seq`, and pulls them from the document. A crash between the two leaves the event in the
// outbox, and the next sweep relays it; an event relayed twice is stored once (unique id). The relay
// is the only writer of `events` in this process and assigns `seq` one at a time, so readers never see
// seq n+1 before seq n. One relaying process per subgraph (see docs/ARCHITECTURE.md).
// Entries are removed with `$pullAll` of the exact elements read: FerretDB v1 silently matches
// nothing for `$pull` with a condition on an element field.
import { EventEmitter } from 'node:events';
import { Schema, type Connection, type Model } from 'mongoose';
import type { KeyedLock } from '../keyed-lock';
import { createLogger } from '../logger';
import type { OutboxEvent, StoredEvent } from './event';

const log = createLogger('event-log');

type EventDocument = Omit<StoredEvent, 'id'> & { _id: string };

const eventSchema = new Schema<EventDocument>(
  {
    _id: String,
    seq: { type: Number, required: true },
    type: { type: String, required: true },
    aggregateType: { type: String, required: true },
    aggregateId: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, default: {} },
    actor: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'events', versionKey: false, minimize: false },
);
eventSchema.index({ seq: 1 }, { unique: true });
eventSchema.index({ aggregateId: 1, seq: 1 });
eventSchema.index({ type: 1, seq: 1 });

/** A model whose documents carry an `outbox` of events not yet relayed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any aggregate model
export type OutboxModel = Model<any>;

export interface ReadOptions {
  afterSeq?: number;
  limit?: number;
  aggregateId?: string;
  types?: string[];
}

export class EventLog {
  readonly events: Model<EventDocument>;
  private readonly emitter = new EventEmitter();
  private nextSeq: number | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly name: string,
    connection: Connection,
    private readonly lock: KeyedLock,
  ) {
    this.events = (connection.models.Event as Model<EventDocument> | undefined) ?? connection.model<EventDocument>('Event', eventSchema);
    this.emitter.setMaxListeners(0);
  }

  /** Relays the outbox of one document (call right after the update that pushed to it). */
  relay(model: OutboxModel, id: unknown, lockKey: string): Promise<StoredEvent[]> {
    return this.serial(() => this.relayOne(model, id, lockKey));
  }

  /** Relays every outbox left behind (at start, after a crash). */
  async sweep(model: OutboxModel, lockKeyOf: (doc: { _id: unknown }) => string): Promise<number> {
    const pending = await model.find({ 'outbox.0': { $exists: true } }, { _id: 1, outbox: 1 }).lean<Array<{ _id: unknown }>>();
    let relayed = 0;
    for (const doc of pending) relayed += (await this.relay(model, doc._id, lockKeyOf(doc))).length;
    if (relayed) log.info({ log: this.name, relayed }, 'relayed events left in outboxes');
    return relayed;
  }

  /**
   * Events after `afterSeq`, oldest first. `scannedTo` is the last position looked at (it moves past
   * events that `types` filtered out, so a reader's cursor never rescans them).
   *
   * Sequence numbers are contiguous, so the log is read by equality on `seq`, which FerretDB pushes
   * down to its backend; a `$gt` range is evaluated over every stored event (measured ~150 ms for 3,000
   * events on FerretDB v1 with PostgreSQL), which a poller repeating it would pay forever.
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
      const docs = await Promise.all(seqs.map((seq) => this.events.findOne({ seq }).lean<EventDocument>().exec()));
      let reachedEnd = false;
      for (const doc of docs) {
        if (!doc) {
          reachedEnd = true;
          break;
        }
        scannedTo = doc.seq;
        const event = toStored(doc);
        if (!wanted || wanted.has(event.type)) found.push(event);
        if (found.length === limit) break;
      }
      if (reachedEnd) break;
      batch = Math.min(32, limit - found.length || 1, batch * 4);
    }
    return { events: found, scannedTo };
  }

  async lastSeq(): Promise<number> {
    const last = await this.events.findOne({}, { seq: 1 }).sort({ seq: -1 }).lean<{ seq: number }>();
    return last?.seq ?? 0;
  }

  /** Live notification of newly stored events (in this process). */
  onStored(listener: (event: StoredEvent) => void): () => void {
    this.emitter.on('stored', listener);
    return () => this.emitter.off('stored', listener);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async relayOne(model: OutboxModel, id: unknown, lockKey: string): Promise<StoredEvent[]> {
    const doc = await model.findById(id, { outbox: 1 }).lean<{ outbox?: OutboxEvent[] }>();
    const outbox = doc?.outbox ?? [];
    if (outbox.length === 0) return [];
    this.nextSeq ??= (await this.lastSeq()) + 1;
    const stored: StoredEvent[] = [];
    for (const event of outbox) {
      const record = { ...event, seq: this.nextSeq };
      try {
        await this.events.create([{ ...record, _id: event.id }]);
        this.nextSeq += 1;
        stored.push(record);
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
        // Already relayed before a crash: keep the first copy and its seq. Anything else is a seq
        // taken by another writer (FerretDB's duplicate-key message does not name the index).
        if (!(await this.events.exists({ _id: event.id }))) {
          this.nextSeq = (await this.lastSeq()) + 1;
          throw error;
        }
      }
    }
    await this.lock.run(lockKey, () => model.updateOne({ _id: id }, { $pullAll: { outbox } }));
    for (const event of stored) this.emitter.emit('stored', event);
    return stored;
  }
}

function toStored(doc: EventDocument): StoredEvent {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id };
}
