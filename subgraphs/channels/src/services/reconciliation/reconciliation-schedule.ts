// Runs each connection's reconciliation when it falls due: a background loop armed for the earliest
// due time (and a slow safety-net timer), correcting or only reporting as the connection's settings
// say. Only ACTIVE connections whose connector reads published stock are scheduled; of several
// runtime processes, the one that claims the due time runs it.
import { BackgroundLoop, createLogger, type TaskOutcome } from '@oms/platform';
import type { ConnectionStore } from '../connection-store';
import type { ConnectorRegistry } from '../connector-registry';
import { earliest } from '../outbound/outbound-failures';
import { canReadStock, type StockReconciliation } from './reconciliation.service';
import { ReconciliationStore } from './reconciliation-store';

const log = createLogger('channels.reconciliation');

/**
 * The loop is armed for the next due run and woken when settings change; this timer only catches
 * what another process scheduled. Runs fall due an hour apart by default, so a slow net costs little
 * (one query of the active connections) on an idle hub.
 */
export const RECONCILIATION_SAFETY_NET_MS = 5 * 60_000;

export class ReconciliationSchedule {
  private readonly loop: BackgroundLoop;

  constructor(
    private readonly deps: { store: ConnectionStore; registry: ConnectorRegistry; reports: ReconciliationStore; reconciliation: StockReconciliation },
    safetyNetMs = RECONCILIATION_SAFETY_NET_MS,
  ) {
    this.loop = new BackgroundLoop('stock-reconciliation', [{ name: 'due-reconciliations', run: () => this.runDue() }], safetyNetMs, { component: 'channels.background' });
  }

  start(): void {
    this.loop.start();
  }

  /** A connection's schedule changed: look again at what is due. */
  wake(): void {
    this.loop.wake();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Reconciles every connection that is due, one after another; answers when the next one is. */
  async runDue(now = Date.now()): Promise<TaskOutcome> {
    const connections = (await this.deps.store.active()).filter((connection) => canReadStock(this.deps.registry.get(connection.kind)));
    if (!connections.length) return {};
    const records = new Map((await this.deps.reports.many(connections.map((connection) => connection._id))).map((record) => [record._id, record]));
    const next: number[] = [];
    for (const connection of connections) {
      const record = records.get(connection._id);
      const dueAt = (record?.nextRunAt ? new Date(record.nextRunAt) : ReconciliationStore.firstRunAt(connection)).getTime();
      if (dueAt > now) {
        next.push(dueAt);
        continue;
      }
      const settings = ReconciliationStore.settingsOf(record);
      // Several runtime processes share the schedule: only the one that moves the due time runs it.
      if (!(await this.deps.reports.claim(connection._id, record, new Date(Date.now() + settings.intervalSeconds * 1000)))) continue;
      try {
        await this.deps.reconciliation.reconcile(connection._id, { dryRun: !settings.correct, trigger: 'SCHEDULE' });
      } catch (error) {
        // The report of a failed run is stored by the run itself; this is a failure to start one.
        log.warn({ connectionId: connection._id, err: error }, 'scheduled stock reconciliation could not run');
      }
      next.push(Date.now() + settings.intervalSeconds * 1000);
    }
    return { retryAt: earliest(next) };
  }
}
