// Channel connections: what to run (connector kind, config, the hub channel), its credentials sealed
// (SecretBox of @oms/platform), and the runtime's state: checkpoint, sync lease, schedule, health, counters.
import { Schema, type Connection, type Model } from 'mongoose';
import type { LegacySealedSecret } from '@oms/platform';

export type ConnectionStatus = 'ACTIVE' | 'PAUSED' | 'PARKED';

export interface ConnectionCounts {
  imported: number;
  unchanged: number;
  cancelled: number;
  pushedStock: number;
  pushedFulfillments: number;
  webhooksReceived: number;
}

export interface SyncLease {
  runId: string;
  /** Process that holds it (host:pid), for the logs. */
  owner: string;
  until: Date;
}

export interface ConnectionRecord {
  _id: string;
  name: string;
  kind: string;
  channel: string;
  status: ConnectionStatus;
  /** Why PARKED or PAUSED. */
  statusReason: string | null;
  /** The connector config without its secret fields. */
  config: Record<string, unknown>;
  /** Secret config fields (and the webhook secret), encrypted together. */
  /** Sealed JSON of ConnectionSecrets (`v1.kid.iv.tag.data`); the object form is what older builds wrote. */
  secrets: string | LegacySealedSecret | null;
  /** Names of the secret fields stored in `secrets`, to redact them in the graph. */
  secretFields: string[];
  webhookSecretSet: boolean;
  stockBuffer: number;
  syncIntervalSeconds: number;
  skus: string[];
  /** SKUs seen in orders imported from this channel. */
  seenSkus: string[];
  locationMap: Record<string, string> | null;
  /** Where the orders stream resumes; null reads everything. */
  checkpoint: string | null;
  /** Set by a dead-letter retry: the next run starts from this position instead of `checkpoint`. */
  replay: { from: string | null } | null;
  /** Held while a sync runs: one sync per connection at a time, across processes. */
  lease: SyncLease | null;
  nextSyncAt: Date | null;
  /** Consecutive failed syncs (backoff). */
  syncFailures: number;
  /** Outbound pushes: consecutive failures and when to try again. */
  outbound: { failures: number; retryAt: Date | null; lastError: string | null };
  health: { ok: boolean; lastCheckAt: Date | null; message: string | null };
  lastSyncAt: Date | null;
  lastSuccessAt: Date | null;
  counts: ConnectionCounts;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const EMPTY_COUNTS: ConnectionCounts = { imported: 0, unchanged: 0, cancelled: 0, pushedStock: 0, pushedFulfillments: 0, webhooksReceived: 0 };

const connectionSchema = new Schema<ConnectionRecord>(
  {
    _id: String,
    name: { type: String, required: true },
    kind: { type: String, required: true },
    channel: { type: String, required: true },
    status: { type: String, required: true },
    statusReason: { type: String, default: null },
    config: { type: Schema.Types.Mixed, default: {} },
    secrets: { type: Schema.Types.Mixed, default: null },
    secretFields: { type: [String], default: [] },
    webhookSecretSet: { type: Boolean, default: false },
    stockBuffer: { type: Number, default: 0 },
    syncIntervalSeconds: { type: Number, required: true },
    skus: { type: [String], default: [] },
    seenSkus: { type: [String], default: [] },
    locationMap: { type: Schema.Types.Mixed, default: null },
    checkpoint: { type: String, default: null },
    replay: { type: Schema.Types.Mixed, default: null },
    lease: { type: Schema.Types.Mixed, default: null },
    nextSyncAt: { type: Date, default: null },
    syncFailures: { type: Number, default: 0 },
    outbound: { type: Schema.Types.Mixed, default: () => ({ failures: 0, retryAt: null, lastError: null }) },
    health: { type: Schema.Types.Mixed, default: () => ({ ok: true, lastCheckAt: null, message: null }) },
    lastSyncAt: { type: Date, default: null },
    lastSuccessAt: { type: Date, default: null },
    counts: { type: Schema.Types.Mixed, default: () => ({ ...EMPTY_COUNTS }) },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'channel_connections', versionKey: false, minimize: false },
);
// Orders carry the channel name: one connection per channel, so a shipment finds its connection.
connectionSchema.index({ channel: 1 }, { unique: true });
connectionSchema.index({ name: 1 }, { unique: true });
connectionSchema.index({ status: 1 });

export type ConnectionModel = Model<ConnectionRecord>;

export function connectionModel(connection: Connection): ConnectionModel {
  return (connection.models.ChannelConnection as ConnectionModel | undefined) ?? connection.model<ConnectionRecord>('ChannelConnection', connectionSchema);
}
