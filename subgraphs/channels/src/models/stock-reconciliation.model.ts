// Stock reconciliation per connection: its settings (how often, whether to correct), when it is due
// next, and the report of its last run. One document per connection (`_id` = connection id), read
// and written by equality on `_id` only.
import { Schema, type Connection, type Model } from 'mongoose';

export type ReconciliationTrigger = 'MANUAL' | 'SCHEDULE';
export type ReconciliationStatus = 'SUCCEEDED' | 'FAILED';
/** REPORTED: found and left (dry run); CORRECTED: written to the channel; REFUSED: the channel refused the write; PENDING_PUSH: a push is already queued. */
export type DriftOutcome = 'REPORTED' | 'CORRECTED' | 'REFUSED' | 'PENDING_PUSH' | 'FAILED';

export interface StockDriftRecord {
  sku: string;
  channelLocationId: string | null;
  /** null: the channel does not list the SKU there. */
  channelQuantity: number | null;
  hubQuantity: number;
  /** channelQuantity − hubQuantity (a channel not listing the SKU counts as 0). */
  difference: number;
  /** When the hub last changed this SKU's stock (the newest of its levels). */
  hubChangedAt: Date | null;
  outcome: DriftOutcome;
  reason: string | null;
}

export interface ReconciliationReportRecord {
  runId: string;
  trigger: ReconciliationTrigger;
  dryRun: boolean;
  status: ReconciliationStatus;
  startedAt: Date;
  finishedAt: Date;
  /** SKUs compared (listed for the channel and known to the hub). */
  checked: number;
  /** Listed SKUs the hub has no item for: nothing to compare. */
  notInHub: number;
  /** Hub levels at channel locations the connector does not read back (location-mapped connections). */
  notRead: number;
  drift: StockDriftRecord[];
  /** Rows beyond the stored drift list (the counts stay exact). */
  driftTruncated: number;
  drifted: number;
  corrected: number;
  error: string | null;
}

export interface ReconciliationSettings {
  intervalSeconds: number;
  /** Whether scheduled runs correct what they find (false: report only). */
  correct: boolean;
}

export interface StockReconciliationRecord {
  /** The connection id. */
  _id: string;
  settings: ReconciliationSettings;
  nextRunAt: Date | null;
  last: ReconciliationReportRecord | null;
  updatedAt: Date;
}

const schema = new Schema<StockReconciliationRecord>(
  {
    _id: String,
    settings: { type: Schema.Types.Mixed, required: true },
    nextRunAt: { type: Date, default: null },
    last: { type: Schema.Types.Mixed, default: null },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'stock_reconciliations', versionKey: false, minimize: false },
);

export type StockReconciliationModel = Model<StockReconciliationRecord>;

export function stockReconciliationModel(connection: Connection): StockReconciliationModel {
  return (connection.models.StockReconciliation as StockReconciliationModel | undefined) ?? connection.model<StockReconciliationRecord>('StockReconciliation', schema);
}

/** A report as the graph serves it: with its connection. */
export interface StockReconciliationView extends ReconciliationReportRecord {
  connectionId: string;
}

/** A drift row as the graph serves it: with when it was found (for its age). */
export interface StockDriftView extends StockDriftRecord {
  reconciledAt: Date;
}
