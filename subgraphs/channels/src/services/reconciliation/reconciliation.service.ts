// Stock reconciliation: reads what a channel shows for the SKUs the connection publishes (the
// connector's `readers.publishedStock`, capability `stock.read`), compares it with what the hub would
// publish, and corrects the difference through the connector's stock writer — or only reports it
// (dry run). On demand through the graph, and on each connection's schedule (ReconciliationSchedule).
import { randomUUID } from 'node:crypto';
import { isConnectorError, type CanonicalStockLevel, type WriteResult } from '@oms/connector-kit';
import { conflict, createLogger, notFound, OmsError } from '@oms/platform';
import type { ConnectionRecord } from '../../models/connection.model';
import type { DriftOutcome, ReconciliationReportRecord, ReconciliationTrigger, StockDriftRecord } from '../../models/stock-reconciliation.model';
import type { ConnectionStore } from '../connection-store';
import type { AnyConnector } from '../connector-registry';
import type { ConnectorRuntime } from '../connector-runtime';
import type { HubClient } from '../hub-client';
import { listedSkus } from '../outbound/listing';
import type { StockQueue } from '../outbound/stock-queue';
import { compareStock, type Drift } from './drift';
import type { ReconciliationStore } from './reconciliation-store';

const log = createLogger('channels.reconciliation');

/** Drift rows kept in a stored report; counts stay exact beyond it. */
const MAX_STORED_DRIFT = 1000;

export interface ReconciliationDeps {
  store: ConnectionStore;
  runtime: ConnectorRuntime;
  hub: HubClient;
  stockQueue: StockQueue;
  reports: ReconciliationStore;
}

export interface ReconcileOptions {
  dryRun: boolean;
  trigger: ReconciliationTrigger;
}

export function canReadStock(connector: AnyConnector | undefined): boolean {
  return !!connector?.readers?.publishedStock && connector.manifest.capabilities.includes('stock.read');
}

export class StockReconciliation {
  /** One run per connection at a time in this process; a second request waits for the first. */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: ReconciliationDeps) {}

  /** Refuses, naming the capability, a connection whose connector cannot read published stock. */
  requireReadable(connection: ConnectionRecord): AnyConnector {
    const connector = this.deps.runtime.connector(connection);
    if (!canReadStock(connector)) {
      throw new OmsError('BAD_USER_INPUT', `id: the ${connector.manifest.displayName} connector of connection ${connection._id} cannot read the stock the channel shows (it lacks the capability stock.read), so its stock cannot be reconciled`, {
        field: 'id',
        capability: 'stock.read',
      });
    }
    return connector;
  }

  /** Runs a reconciliation now and stores its report (a failure to reach the channel is a FAILED report). */
  async reconcile(connectionId: string, options: ReconcileOptions): Promise<ReconciliationReportRecord> {
    const connection = await this.deps.store.get(connectionId);
    if (!connection) throw notFound('ChannelConnection', connectionId, 'id');
    const connector = this.requireReadable(connection);
    // A paused or parked connection pushes nothing, corrections included; looking is still allowed.
    if (connection.status !== 'ACTIVE' && !options.dryRun) {
      throw conflict(`connection ${connectionId} is ${connection.status}: resume it before correcting its stock, or reconcile with dryRun to only report drift`, { field: 'dryRun', status: connection.status });
    }
    const previous = this.running.get(connectionId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.run(connection, connector, options));
    this.running.set(connectionId, run);
    try {
      return await run;
    } finally {
      if (this.running.get(connectionId) === run) this.running.delete(connectionId);
    }
  }

  private async run(connection: ConnectionRecord, connector: AnyConnector, options: ReconcileOptions): Promise<ReconciliationReportRecord> {
    const startedAt = new Date();
    const report: ReconciliationReportRecord = {
      runId: `rec_${randomUUID()}`,
      trigger: options.trigger,
      dryRun: options.dryRun,
      status: 'SUCCEEDED',
      startedAt,
      finishedAt: startedAt,
      checked: 0,
      notInHub: 0,
      notRead: 0,
      drift: [],
      driftTruncated: 0,
      drifted: 0,
      corrected: 0,
      error: null,
    };
    const skus = [...listedSkus(connection)].sort();
    try {
      if (skus.length) {
        // The channel first: a change the hub makes meanwhile is then newer than what the channel showed.
        const published = await connector.readers!.publishedStock!(this.deps.runtime.context(connection), skus);
        const hub = await this.deps.hub.stock(skus);
        report.notInHub = skus.filter((sku) => !hub.has(sku)).length;
        const comparison = compareStock(connection, hub, published);
        report.checked = comparison.checked;
        report.notRead = comparison.unread;
        report.drifted = comparison.drift.length;
        const rows = await this.settle(connection, connector, comparison.drift, options.dryRun);
        report.corrected = rows.filter((row) => row.outcome === 'CORRECTED').length;
        if (rows.some((row) => row.outcome === 'FAILED')) {
          report.status = 'FAILED';
          report.error = rows.find((row) => row.outcome === 'FAILED')!.reason;
        }
        report.drift = rows.slice(0, MAX_STORED_DRIFT);
        report.driftTruncated = Math.max(0, rows.length - MAX_STORED_DRIFT);
      }
    } catch (error) {
      report.status = 'FAILED';
      report.error = isConnectorError(error) ? `${connector.manifest.displayName}: ${error.message}` : error instanceof Error ? error.message : String(error);
      log.warn({ connectionId: connection._id, error: report.error }, 'stock reconciliation failed');
      // Refused credentials or settings stop the connection as a failed sync or push does.
      if (isConnectorError(error) && error.parksConnection) await this.deps.store.park(connection._id, report.error);
    }
    report.finishedAt = new Date();
    if (report.corrected) await this.deps.store.addCounts(connection._id, { pushedStock: report.corrected });
    await this.deps.reports.saveReport(connection, report);
    log.info({ connectionId: connection._id, trigger: report.trigger, dryRun: report.dryRun, checked: report.checked, drifted: report.drifted, corrected: report.corrected, status: report.status }, 'stock reconciled');
    return report;
  }

  /** Decides each drift's outcome: left (dry run, or a push already queued for the SKU) or corrected. */
  private async settle(connection: ConnectionRecord, connector: AnyConnector, drift: Drift[], dryRun: boolean): Promise<StockDriftRecord[]> {
    const row = (entry: Drift, outcome: DriftOutcome, reason: string | null = null): StockDriftRecord => ({
      sku: entry.level.sku,
      channelLocationId: entry.channelLocationId,
      channelQuantity: entry.channelQuantity,
      hubQuantity: entry.level.quantity,
      difference: entry.difference,
      hubChangedAt: entry.hubChangedAt,
      outcome,
      reason,
    });
    if (!drift.length) return [];
    if (dryRun) return drift.map((entry) => row(entry, 'REPORTED'));
    const queued = new Set((await this.deps.stockQueue.forConnections([connection._id])).map((entry) => entry.sku));
    const toWrite = drift.filter((entry) => !queued.has(entry.level.sku));
    const outcomes = await this.correct(connection, connector, toWrite.map((entry) => entry.level));
    return drift.map((entry) => {
      if (queued.has(entry.level.sku)) return row(entry, 'PENDING_PUSH', 'a stock push for this SKU is queued and will publish the current level');
      const outcome = outcomes.get(entry.level.sku) ?? { outcome: 'CORRECTED' as const, reason: null };
      return row(entry, outcome.outcome, outcome.reason);
    });
  }

  /** Writes the hub's levels; per SKU, what came of it (a refused batch is retried SKU by SKU, as pushes do). */
  private async correct(connection: ConnectionRecord, connector: AnyConnector, levels: CanonicalStockLevel[]): Promise<Map<string, { outcome: DriftOutcome; reason: string | null }>> {
    const outcomes = new Map<string, { outcome: DriftOutcome; reason: string | null }>();
    if (!levels.length) return outcomes;
    const ctx = this.deps.runtime.context(connection);
    const write = (batch: CanonicalStockLevel[]): Promise<WriteResult> => connector.writers.setStock!(ctx, batch);
    const refused = (result: WriteResult) => {
      for (const refusal of result.rejected ?? []) outcomes.set(refusal.sku, { outcome: 'REFUSED', reason: refusal.reason });
    };
    const failed = (batch: CanonicalStockLevel[], error: unknown) => {
      const reason = `${connector.manifest.displayName}: ${error instanceof Error ? error.message : String(error)}`;
      for (const level of batch) outcomes.set(level.sku, { outcome: isConnectorError(error) && error.kind === 'BAD_RECORD' ? 'REFUSED' : 'FAILED', reason });
    };
    if (!connector.writers.setStock || !connector.manifest.capabilities.includes('stock.write')) {
      failed(levels, new Error('the connector cannot write stock (capability stock.write)'));
      return outcomes;
    }
    try {
      refused(await write(levels));
    } catch (error) {
      if (!(isConnectorError(error) && error.kind === 'BAD_RECORD') || levels.length === 1) {
        failed(levels, error);
        return outcomes;
      }
      const bySku = new Map<string, CanonicalStockLevel[]>();
      for (const level of levels) bySku.set(level.sku, [...(bySku.get(level.sku) ?? []), level]);
      let stopped: unknown = null;
      for (const batch of bySku.values()) {
        if (stopped) {
          failed(batch, new Error(`not written after an earlier failure (${stopped instanceof Error ? stopped.message : String(stopped)})`));
          continue;
        }
        try {
          refused(await write(batch));
        } catch (single) {
          failed(batch, single);
          // Only a refused record lets the others go on; an outage or a refused credential stops the run.
          if (!(isConnectorError(single) && single.kind === 'BAD_RECORD')) stopped = single;
        }
      }
    }
    return outcomes;
  }
}
