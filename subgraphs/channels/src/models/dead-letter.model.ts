// Records that could not go through: one document per connection, stream and channel record (a
// record failing again updates its letter rather than adding another), until it goes through.
import { createHash } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Connection as Page } from '@oms/platform';

/** INBOX: what a connector's inbox could not apply from a file the channel dropped (file, row, column). */
export type DeadLetterStream = 'ORDERS' | 'STOCK' | 'FULFILLMENTS' | 'INBOX';
/** FILE: an inbound file's row or document could not be read or applied. */
export type DeadLetterStage = 'MAP' | 'HUB' | 'CHANNEL' | 'FILE';
export type DeadLetterStatus = 'OPEN' | 'RETRYING' | 'RESOLVED';

export interface DeadLetterRecord {
  _id: string;
  connectionId: string;
  channelRecordId: string;
  stream: DeadLetterStream;
  stage: DeadLetterStage;
  reason: string;
  raw: unknown;
  status: DeadLetterStatus;
  attempts: number;
  /** ORDERS/MAP: the stream position before the batch it came in, where a replay starts. */
  replayFrom: string | null;
  createdAt: Date;
  updatedAt: Date;
  retriedAt: Date | null;
  resolvedAt: Date | null;
}

export type DeadLetterConnectionRecord = Page<DeadLetterRecord>;

const deadLetterSchema = new Schema<DeadLetterRecord>(
  {
    _id: String,
    connectionId: { type: String, required: true },
    channelRecordId: { type: String, required: true },
    stream: { type: String, required: true },
    stage: { type: String, required: true },
    reason: { type: String, required: true },
    raw: { type: Schema.Types.Mixed, default: null },
    status: { type: String, required: true },
    attempts: { type: Number, default: 1 },
    replayFrom: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    retriedAt: { type: Date, default: null },
    resolvedAt: { type: Date, default: null },
  },
  { collection: 'dead_letters', versionKey: false, minimize: false },
);
deadLetterSchema.index({ connectionId: 1, status: 1 });
deadLetterSchema.index({ connectionId: 1, createdAt: -1 });

/** The same record of the same stream always lands in the same letter. */
export function deadLetterId(connectionId: string, stream: DeadLetterStream, channelRecordId: string): string {
  return `dl_${createHash('sha256').update(`${connectionId}\u0000${stream}\u0000${channelRecordId}`).digest('hex').slice(0, 24)}`;
}

export type DeadLetterModel = Model<DeadLetterRecord>;

export function deadLetterModel(connection: Connection): DeadLetterModel {
  return (connection.models.DeadLetter as DeadLetterModel | undefined) ?? connection.model<DeadLetterRecord>('DeadLetter', deadLetterSchema);
}
