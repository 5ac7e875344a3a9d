// The dead-letter store: records that could not go through, one letter per connection, stream and
// record, reopened when the record fails again and resolved when it finally goes through.
import { paginate, type PageArgs } from '@oms/platform';
import { deadLetterId, type DeadLetterConnectionRecord, type DeadLetterModel, type DeadLetterRecord, type DeadLetterStage, type DeadLetterStatus, type DeadLetterStream } from '../models/dead-letter.model';

export interface NewDeadLetter {
  channelRecordId: string;
  stage: DeadLetterStage;
  reason: string;
  raw: unknown;
  /** ORDERS/MAP: where a replay of the stream must start to read the record again. */
  replayFrom?: string | null;
}

export const UNRESOLVED: DeadLetterStatus[] = ['OPEN', 'RETRYING'];

export class DeadLetters {
  constructor(readonly model: DeadLetterModel) {}

  async record(connectionId: string, stream: DeadLetterStream, letters: NewDeadLetter[]): Promise<void> {
    if (!letters.length) return;
    const now = new Date();
    await this.model.bulkWrite(
      letters.map((letter) => ({
        updateOne: {
          filter: { _id: deadLetterId(connectionId, stream, letter.channelRecordId) },
          update: {
            $set: { stage: letter.stage, reason: letter.reason, raw: letter.raw ?? null, status: 'OPEN', updatedAt: now, resolvedAt: null, ...(letter.replayFrom !== undefined ? { replayFrom: letter.replayFrom } : {}) },
            $inc: { attempts: 1 },
            $setOnInsert: { connectionId, channelRecordId: letter.channelRecordId, stream, createdAt: now, retriedAt: null },
          },
          upsert: true,
          setDefaultsOnInsert: false,
        },
      })),
      { ordered: false },
    );
  }

  /** Marks the letters of records that went through as resolved; returns how many were. */
  async resolve(connectionId: string, stream: DeadLetterStream, channelRecordIds: string[]): Promise<number> {
    if (!channelRecordIds.length) return 0;
    const now = new Date();
    const ids = channelRecordIds.map((id) => deadLetterId(connectionId, stream, id));
    const result = await this.model.updateMany({ _id: { $in: ids }, status: { $in: UNRESOLVED } }, { $set: { status: 'RESOLVED', resolvedAt: now, updatedAt: now } }).exec();
    return result.modifiedCount;
  }

  unresolved(connectionId: string, ids?: string[] | null): Promise<DeadLetterRecord[]> {
    return this.model.find({ connectionId, status: { $in: UNRESOLVED }, ...(ids?.length ? { _id: { $in: ids } } : {}) }).lean<DeadLetterRecord[]>().exec();
  }

  /** A connection's open and retrying letters of one stream (equality filters only: FerretDB pushes those down). */
  async unresolvedOf(connectionId: string, stream: DeadLetterStream): Promise<DeadLetterRecord[]> {
    const letters = await this.model.find({ connectionId, stream }).lean<DeadLetterRecord[]>().exec();
    return letters.filter((letter) => UNRESOLVED.includes(letter.status));
  }

  byIds(ids: string[]): Promise<DeadLetterRecord[]> {
    return this.model.find({ _id: { $in: ids } }).lean<DeadLetterRecord[]>().exec();
  }

  async markRetrying(ids: string[]): Promise<void> {
    if (!ids.length) return;
    const now = new Date();
    await this.model.updateMany({ _id: { $in: ids } }, { $set: { status: 'RETRYING', retriedAt: now, updatedAt: now } }).exec();
  }

  /** Retries that ended without news of their record (it did not come back): open again. */
  async reopenRetrying(connectionId: string, stream: DeadLetterStream, retriedBefore: Date): Promise<void> {
    const stale = await this.model.find({ connectionId, stream, status: 'RETRYING' }, { _id: 1, retriedAt: 1 }).lean<Array<Pick<DeadLetterRecord, '_id' | 'retriedAt'>>>();
    const ids = stale.filter((letter) => !letter.retriedAt || letter.retriedAt <= retriedBefore).map((letter) => letter._id);
    if (ids.length) await this.model.updateMany({ _id: { $in: ids }, status: 'RETRYING' }, { $set: { status: 'OPEN', updatedAt: new Date() } }).exec();
  }

  page(connectionId: string, status: DeadLetterStatus | null | undefined, args: PageArgs): Promise<DeadLetterConnectionRecord> {
    const filter = { connectionId, status: status ? status : { $in: UNRESOLVED } };
    return paginate<DeadLetterRecord>(this.model, filter, args, { field: 'createdAt', direction: -1 });
  }

  /** Unresolved letters per connection, in one aggregation. */
  async countUnresolved(connectionIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.model.aggregate<{ _id: string; n: number }>([
      { $match: { connectionId: { $in: [...connectionIds] }, status: { $in: UNRESOLVED } } },
      { $group: { _id: '$connectionId', n: { $sum: 1 } } },
    ]);
    return new Map(rows.map((row) => [row._id, row.n]));
  }
}
