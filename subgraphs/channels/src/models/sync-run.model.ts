// Sync run history: one document per run, its progress updated after every batch so a run is
// visible while it goes. Only the latest runs of each connection are kept (see SyncRunner).
import { Schema, type Connection, type Model } from 'mongoose';

export type SyncRunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
export type SyncTrigger = 'SCHEDULE' | 'MANUAL' | 'RETRY';

export interface SyncProgress {
  batches: number;
  read: number;
  imported: number;
  created: number;
  unchanged: number;
  cancelled: number;
  deadLettered: number;
  checkpoint: string | null;
}

export interface SyncRunRecord {
  _id: string;
  connectionId: string;
  stream: 'orders';
  trigger: SyncTrigger;
  status: SyncRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  /** The checkpoint the run started from. */
  startCheckpoint: string | null;
  progress: SyncProgress;
  error: string | null;
  errorKind: string | null;
}

export const EMPTY_PROGRESS: SyncProgress = { batches: 0, read: 0, imported: 0, created: 0, unchanged: 0, cancelled: 0, deadLettered: 0, checkpoint: null };

const syncRunSchema = new Schema<SyncRunRecord>(
  {
    _id: String,
    connectionId: { type: String, required: true },
    stream: { type: String, required: true },
    trigger: { type: String, required: true },
    status: { type: String, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    startCheckpoint: { type: String, default: null },
    progress: { type: Schema.Types.Mixed, default: () => ({ ...EMPTY_PROGRESS }) },
    error: { type: String, default: null },
    errorKind: { type: String, default: null },
  },
  { collection: 'sync_runs', versionKey: false, minimize: false },
);
syncRunSchema.index({ connectionId: 1, startedAt: -1 });

export type SyncRunModel = Model<SyncRunRecord>;

export function syncRunModel(connection: Connection): SyncRunModel {
  return (connection.models.SyncRun as SyncRunModel | undefined) ?? connection.model<SyncRunRecord>('SyncRun', syncRunSchema);
}
