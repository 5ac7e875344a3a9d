// SKUs waiting to have their stock published to a connection: one entry per connection and SKU, so
// any number of changes between two pushes costs one push. An entry carries a generation, bumped by
// every change; a push removes it only when no change arrived while it was being pushed.
import { KeyedLock } from '@oms/platform';
import type { StockPushModel, StockPushRecord } from '../../models/outbound.model';

const key = (connectionId: string, sku: string) => `${connectionId}|${sku}`;

export class StockQueue {
  private readonly lock = new KeyedLock();

  constructor(readonly model: StockPushModel) {}

  async enqueue(connectionId: string, skus: string[]): Promise<void> {
    const unique = [...new Set(skus)];
    if (!unique.length) return;
    const keys = unique.map((sku) => key(connectionId, sku));
    const since = new Date();
    await this.lock.run(keys, () =>
      this.model.bulkWrite(
        unique.map((sku) => ({
          updateOne: {
            filter: { _id: key(connectionId, sku) },
            update: { $inc: { gen: 1 }, $setOnInsert: { connectionId, sku, since } },
            upsert: true,
            setDefaultsOnInsert: false,
          },
        })),
        { ordered: false },
      ),
    );
  }

  pending(): Promise<StockPushRecord[]> {
    return this.model.find({}).lean<StockPushRecord[]>().exec();
  }

  forConnections(connectionIds: readonly string[]): Promise<StockPushRecord[]> {
    return this.model.find({ connectionId: { $in: [...connectionIds] } }).lean<StockPushRecord[]>().exec();
  }

  /** Removes entries pushed as read (an entry changed since keeps waiting for the next push). */
  async done(entries: StockPushRecord[]): Promise<void> {
    if (!entries.length) return;
    await this.lock.run(
      entries.map((entry) => entry._id),
      () => Promise.all(entries.map((entry) => this.model.deleteOne({ _id: entry._id, gen: entry.gen }).exec())),
    );
  }
}
