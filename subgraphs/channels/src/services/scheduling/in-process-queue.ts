// The embedded default: one loop starts the syncs that are due, another processes webhook
// deliveries. Each is armed for the next time something falls due (a connection's next sync, a
// delivery's retry) and woken at once when a sync is asked for or a delivery arrives; its timer is
// only a safety net (deliveries or schedules written by another process), so an idle runtime reads
// the database about once a minute, not every second.
import { BackgroundLoop, createLogger, type TaskOutcome } from '@oms/platform';
import type { ConnectionStore } from '../connection-store';
import type { SyncRunner } from '../sync/sync-runner';
import type { WebhookProcessor } from '../webhooks/webhook-processor';
import type { JobQueue } from './job-queue';

const log = createLogger('channels.scheduler');
const DELIVERIES_PER_ROUND = 100;

export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly syncs: BackgroundLoop;
  private readonly webhooks: BackgroundLoop;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly store: ConnectionStore,
    private readonly runner: SyncRunner,
    private readonly processor: WebhookProcessor,
    safetyNetMs: number,
  ) {
    this.syncs = new BackgroundLoop('sync-schedule', [{ name: 'due-syncs', run: () => this.startDue() }], safetyNetMs, { component: 'channels.background' });
    this.webhooks = new BackgroundLoop('webhooks', [{ name: 'webhook-deliveries', run: () => this.processDue() }], safetyNetMs, { component: 'channels.background' });
  }

  async start(): Promise<void> {
    this.syncs.start();
    this.webhooks.start();
  }

  async scheduleSync(_connectionId: string, at: Date): Promise<void> {
    this.syncs.wakeAt(at.getTime());
  }

  async dispatchRun(runId: string): Promise<void> {
    this.track(this.runner.execute(runId));
  }

  enqueueWebhook(_deliveryId: string, at: Date): void {
    this.webhooks.wakeAt(at.getTime());
  }

  async stop(): Promise<void> {
    await this.syncs.stop();
    await this.webhooks.stop();
    await this.runner.stop();
    await Promise.all(this.inFlight);
  }

  /** Starts every due sync; answers when the next one falls due. */
  private async startDue(): Promise<TaskOutcome> {
    const now = Date.now();
    let next = Infinity;
    for (const connection of await this.store.active()) {
      // A run in this process tells the scheduler its next sync when it ends.
      if (this.runner.isRunning(connection._id)) continue;
      const due = connection.nextSyncAt ? new Date(connection.nextSyncAt).getTime() : now;
      if (due > now) {
        next = Math.min(next, due);
        continue;
      }
      const started = await this.runner.start(connection._id, 'SCHEDULE');
      if (started?.started) {
        log.debug({ connectionId: connection._id, runId: started.run._id }, 'scheduled sync started');
        this.track(this.runner.execute(started.run._id));
      } else if (connection.lease) {
        // Another process runs it: look again when its lease would have run out.
        next = Math.min(next, Math.max(new Date(connection.lease.until).getTime(), now + 1_000));
      }
    }
    return { retryAt: Number.isFinite(next) ? next : null };
  }

  /** Processes the due deliveries; answers when one of them is to be tried again. */
  private async processDue(): Promise<TaskOutcome> {
    let next = Infinity;
    const due = await this.processor.due(DELIVERIES_PER_ROUND);
    for (const { id } of due) {
      const retryAt = await this.processor.process(id);
      if (retryAt) next = Math.min(next, Math.max(retryAt.getTime(), Date.now() + 100));
    }
    return { more: due.length === DELIVERIES_PER_ROUND, retryAt: Number.isFinite(next) ? next : null };
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}
