// Human-readable document numbers (OMS-000042, RMA-000017) from a named counter in the owner's database.
import { Schema, type Connection, type Model } from 'mongoose';
import { KeyedLock } from '../keyed-lock';

interface CounterRecord {
  /** Sequence name, e.g. `order-number`. */
  _id: string;
  seq: number;
}

const counterSchema = new Schema<CounterRecord>(
  { _id: { type: String, required: true }, seq: { type: Number, required: true, default: 0 } },
  { collection: 'counters', versionKey: false },
);

export function formatDocumentNumber(prefix: string, seq: number): string {
  return `${prefix}-${String(seq).padStart(6, '0')}`;
}

/**
 * Numbers are taken from the counter in blocks, so most documents cost no counter command at all.
 * A block not used up when the process stops leaves a gap in the numbering; numbers stay unique
 * and increasing within a process. FerretDB v1 does not isolate concurrent `$inc`s of one document
 * (measured: updates were lost), so block reservations are serialised in-process; another process
 * could still collide, and the unique index on the numbered collection catches that (the caller
 * takes the next number).
 */
export class DocumentNumbers {
  private readonly counters: Model<CounterRecord>;
  private nextSeq = 0;
  private blockEnd = -1;

  constructor(
    connection: Connection,
    private readonly sequence: string,
    private readonly prefix: string,
    private readonly lock: KeyedLock = new KeyedLock(),
    private readonly blockSize = 20,
  ) {
    this.counters = (connection.models.Counter as Model<CounterRecord> | undefined) ?? connection.model<CounterRecord>('Counter', counterSchema);
  }

  next(): Promise<string> {
    return this.lock.run(`counter:${this.sequence}`, async () => {
      if (this.nextSeq > this.blockEnd) {
        const counter = await this.counters
          .findOneAndUpdate({ _id: this.sequence }, { $inc: { seq: this.blockSize } }, { upsert: true, returnDocument: 'after' })
          .lean()
          .exec();
        if (!counter) throw new Error(`${this.sequence} counter was not returned by the upsert`);
        this.blockEnd = counter.seq;
        this.nextSeq = counter.seq - this.blockSize + 1;
      }
      const seq = this.nextSeq;
      this.nextSeq += 1;
      return formatDocumentNumber(this.prefix, seq);
    });
  }
}
