// Appends events to a log with contiguous sequence numbers, safely from any number of processes.
//
// The rule: a writer stores seq k only after it has seen seq k−1 stored (it stored it itself, or
// read it), and the unique index on `seq` lets exactly one writer take each k. So the stored
// sequence numbers are always exactly 1..head, at every moment, whoever writes: a reader that finds
// k missing knows that nothing after k exists yet, and never skips an event. A writer that loses a
// seq to another process (duplicate key on `seq`) finds the new head by equality probes (which
// FerretDB pushes down to its index; a sort on `seq` would scan the whole log) and tries again after
// it. An event whose `_id` is stored already (relayed before a crash, or by another process reading
// the same outbox) keeps its first copy and seq.
import type { Model } from 'mongoose';
import type { OutboxEvent, StoredEvent } from './event';

export type EventDocument = Omit<StoredEvent, 'id'> & { _id: string };

/** Tries at claiming seqs taken by other writers before a batch gives up (and is retried later). */
const MAX_CLAIMS = 50;

interface BulkWriteFailure {
  code?: number;
  writeErrors?: Array<{ index: number; code?: number }> | { index: number; code?: number };
}

export class LogAppender {
  /** The next seq this process will try, once known. */
  private nextSeq: number | null = null;
  /** The highest seq this process knows to be stored (a floor for the next head search). */
  private knownHead = 0;
  /** Seqs this process found taken by another writer (contention between relaying processes). */
  claimsLost = 0;

  /** `emptied`: told when the log turns out to have been emptied behind this process's back (tests drop databases). */
  constructor(
    private readonly events: Model<EventDocument>,
    private readonly emptied: () => void = () => undefined,
  ) {}

  /**
   * Stores `events` in order with the next sequence numbers, in one ordered `insertMany` unless
   * another writer interferes. `stored` hears each stored slice at once (even when a later part
   * fails). Returns the events this call stored (not the ones found stored already).
   */
  async append(events: OutboxEvent[], stored: (slice: StoredEvent[]) => void = () => undefined): Promise<StoredEvent[]> {
    const result: StoredEvent[] = [];
    let rest = events;
    let claims = 0;
    while (rest.length) {
      this.nextSeq ??= (await this.head()) + 1;
      const first = this.nextSeq;
      const records = rest.map((event, i): StoredEvent => ({ ...pick(event), seq: first + i }));
      let insertedCount = records.length;
      let failure: BulkWriteFailure | null = null;
      try {
        await this.events.collection.insertMany(
          records.map(({ id, ...fields }) => ({ _id: id, ...fields })) as never[],
          { ordered: true },
        );
      } catch (error) {
        failure = error as BulkWriteFailure;
        const index = firstWriteError(failure);
        if (failure.code !== 11000 || index === null) {
          // Unknown state (a network error mid-batch): look the head up again next time.
          this.nextSeq = null;
          throw error;
        }
        insertedCount = index;
      }
      const slice = records.slice(0, insertedCount);
      if (slice.length) {
        this.nextSeq = first + slice.length;
        this.knownHead = Math.max(this.knownHead, this.nextSeq - 1);
        result.push(...slice);
        stored(slice);
      }
      if (!failure) break;
      // FerretDB's duplicate-key message does not name the index: ask whether the event is stored.
      const refused = rest[insertedCount];
      if (await this.events.exists({ _id: refused.id })) {
        rest = rest.slice(insertedCount + 1);
      } else {
        // Another writer took this seq: continue after the head it has reached.
        rest = rest.slice(insertedCount);
        this.nextSeq = null;
        this.claimsLost += 1;
        claims += 1;
        if (claims >= MAX_CLAIMS) throw new Error(`event log ${this.events.collection.name}: gave up claiming a sequence number after ${claims} tries`);
      }
    }
    return result;
  }

  /**
   * The last stored seq, found by equality probes from the highest seq known to exist: doubling steps
   * until one is missing, then a binary search between the last found and the first missing.
   * Correct because stored seqs are always contiguous (see the rule above).
   */
  async head(from = this.knownHead): Promise<number> {
    const exists = async (seq: number) => (await this.events.exists({ seq })) !== null;
    let found = from;
    if (found > 0 && !(await exists(found))) {
      // The log was emptied (tests drop databases).
      found = 0;
      this.emptied();
    }
    let step = 1;
    let missing = 0;
    while (!missing) {
      if (await exists(found + step)) {
        found += step;
        step *= 2;
      } else missing = found + step;
    }
    while (missing - found > 1) {
      const middle = Math.floor((found + missing) / 2);
      if (await exists(middle)) found = middle;
      else missing = middle;
    }
    this.knownHead = found;
    return found;
  }

  /** Forgets what this process knows of the head (the log was changed behind its back). */
  reset(): void {
    this.nextSeq = null;
    this.knownHead = 0;
  }
}

function pick(event: OutboxEvent): Omit<StoredEvent, 'seq'> {
  return {
    id: event.id,
    type: event.type,
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    payload: event.payload ?? {},
    ...(event.version === undefined ? {} : { version: event.version }),
    actor: event.actor,
    at: new Date(event.at),
  };
}

function firstWriteError(error: BulkWriteFailure): number | null {
  const errors = Array.isArray(error.writeErrors) ? error.writeErrors : error.writeErrors ? [error.writeErrors] : [];
  if (errors.length === 0) return null;
  return Math.min(...errors.map((entry) => entry.index));
}
