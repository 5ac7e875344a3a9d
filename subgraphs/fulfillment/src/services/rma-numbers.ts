// Human-readable return numbers (RMA-000001) from a counter document.
import type { KeyedLock } from '@oms/platform';
import type { CounterModel } from '../models/counter.model';

const SEQUENCE = 'rma-number';

export function formatRmaNumber(seq: number): string {
  return `RMA-${String(seq).padStart(6, '0')}`;
}

export class RmaNumbers {
  // FerretDB v1 does not isolate concurrent `$inc`s of one document, so increments are serialised
  // in-process; another process could still collide, which the unique index on returns.rmaNumber
  // catches (the caller takes the next number).
  constructor(
    private readonly counters: CounterModel,
    private readonly lock: KeyedLock,
  ) {}

  next(): Promise<string> {
    return this.lock.run(`counter:${SEQUENCE}`, async () => {
      const counter = await this.counters.findOneAndUpdate({ _id: SEQUENCE }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean();
      if (!counter) throw new Error('rma-number counter was not returned by the upsert');
      return formatRmaNumber(counter.seq);
    });
  }
}
