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

export class DocumentNumbers {
  private readonly counters: Model<CounterRecord>;

  // FerretDB v1 does not isolate concurrent `$inc`s of one document (measured: updates were lost),
  // so increments are serialised in-process. Another process could still collide; the unique index
  // on the numbered collection catches that and the caller takes the next number.
  constructor(
    connection: Connection,
    private readonly sequence: string,
    private readonly prefix: string,
    private readonly lock: KeyedLock = new KeyedLock(),
  ) {
    this.counters = (connection.models.Counter as Model<CounterRecord> | undefined) ?? connection.model<CounterRecord>('Counter', counterSchema);
  }

  next(): Promise<string> {
    return this.lock.run(`counter:${this.sequence}`, async () => {
      const counter = await this.counters
        .findOneAndUpdate({ _id: this.sequence }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
        .lean()
        .exec();
      if (!counter) throw new Error(`${this.sequence} counter was not returned by the upsert`);
      return formatDocumentNumber(this.prefix, counter.seq);
    });
  }
}
