// Human-readable order numbers (OMS-000001) from a counter document.
import { KeyedLock } from '@oms/platform';
import type { CounterModel } from '../models/counter.model';

const SEQUENCE = 'order-number';

export function formatOrderNumber(seq: number): string {
  return `OMS-${String(seq).padStart(6, '0')}`;
}

export class OrderNumbers {
  // FerretDB v1 does not isolate concurrent updates of one document (concurrent `$inc`s were
  // measured to lose updates), so increments are serialised in-process. Another process could
  // still collide: the unique index on orders.number catches that and the caller retries.
  private readonly lock = new KeyedLock();

  constructor(private readonly counters: CounterModel) {}

  next(): Promise<string> {
    return this.lock.run(SEQUENCE, async () => {
      const counter = await this.counters
        .findOneAndUpdate({ _id: SEQUENCE }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
        .lean();
      if (!counter) throw new Error('order-number counter was not returned by the upsert');
      return formatOrderNumber(counter.seq);
    });
  }
}
