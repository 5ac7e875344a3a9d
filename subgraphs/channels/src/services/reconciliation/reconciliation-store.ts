// Each connection's reconciliation settings, schedule and last report (stock_reconciliations, one
// document per connection, by `_id`). A connection that was never configured reconciles every hour
// and corrects what it finds.
import { findByKeys, KeyedLock } from '@oms/platform';
import type { ConnectionRecord } from '../../models/connection.model';
import type { ReconciliationReportRecord, ReconciliationSettings, StockReconciliationModel, StockReconciliationRecord } from '../../models/stock-reconciliation.model';

export const DEFAULT_RECONCILIATION: ReconciliationSettings = { intervalSeconds: 3600, correct: true };

export class ReconciliationStore {
  private readonly lock = new KeyedLock();

  constructor(readonly model: StockReconciliationModel) {}

  many(connectionIds: readonly string[]): Promise<StockReconciliationRecord[]> {
    return findByKeys<StockReconciliationRecord>(this.model, '_id', connectionIds);
  }

  all(): Promise<StockReconciliationRecord[]> {
    return this.model.find({}).lean<StockReconciliationRecord[]>().exec();
  }

  /** The settings in force for a connection (the defaults until someone changes them). */
  static settingsOf(record: StockReconciliationRecord | null | undefined): ReconciliationSettings {
    return record?.settings ?? DEFAULT_RECONCILIATION;
  }

  /** When a connection without a record is first due: one interval after it was added. */
  static firstRunAt(connection: Pick<ConnectionRecord, 'createdAt'>): Date {
    return new Date(new Date(connection.createdAt).getTime() + DEFAULT_RECONCILIATION.intervalSeconds * 1000);
  }

  async configure(connectionId: string, settings: ReconciliationSettings): Promise<StockReconciliationRecord> {
    const now = new Date();
    return this.lock.run(connectionId, () =>
      this.model
        .findOneAndUpdate(
          { _id: connectionId },
          { $set: { settings, nextRunAt: new Date(now.getTime() + settings.intervalSeconds * 1000), updatedAt: now }, $setOnInsert: { last: null } },
          { upsert: true, returnDocument: 'after', setDefaultsOnInsert: false },
        )
        .lean<StockReconciliationRecord>()
        .exec() as Promise<StockReconciliationRecord>,
    );
  }

  /**
   * Takes a due run for this process: moves the connection's next run from the time it was read at
   * (null: no record yet) to `nextAt`, unless another process already did. A guarded single-document
   * update, or the insert of the first record (a unique `_id`), decides.
   */
  async claim(connectionId: string, seen: StockReconciliationRecord | undefined, nextAt: Date): Promise<boolean> {
    if (seen) {
      const result = await this.lock.run(connectionId, () => this.model.updateOne({ _id: connectionId, nextRunAt: seen.nextRunAt }, { $set: { nextRunAt: nextAt, updatedAt: new Date() } }).exec());
      return result.modifiedCount === 1;
    }
    try {
      await this.model.create({ _id: connectionId, settings: DEFAULT_RECONCILIATION, nextRunAt: nextAt, last: null, updatedAt: new Date() });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }

  /** Stores a run's report; the next scheduled run is one interval after this one started. */
  async saveReport(connection: Pick<ConnectionRecord, '_id'>, report: ReconciliationReportRecord): Promise<void> {
    await this.lock.run(connection._id, async () => {
      const current = await this.model.findById(connection._id).lean<StockReconciliationRecord>().exec();
      const settings = ReconciliationStore.settingsOf(current);
      await this.model
        .updateOne(
          { _id: connection._id },
          { $set: { settings, last: report, nextRunAt: new Date(report.startedAt.getTime() + settings.intervalSeconds * 1000), updatedAt: new Date() } },
          { upsert: true },
        )
        .exec();
    });
  }
}
