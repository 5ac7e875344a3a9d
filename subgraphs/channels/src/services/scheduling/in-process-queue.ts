// The embedded default: a timer loop (unref'd, stopped with the subgraph) starts the syncs that are
// due, and another drains webhook deliveries, woken at once when one arrives.
import { BackgroundLoop, createLogger } from '@oms/platform';
import type { ConnectionStore } from '../connection-store';
import type { SyncRunner } from '../sync/sync-runner';
import type { WebhookProcessor } from '../webhooks/webhook-processor';
import type { JobQueue } from './job-queue';

const log = createLogger('channels.scheduler');

export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly syncs: BackgroundLoop;
  private readonly webhooks: BackgroundLoop;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly store: ConnectionStore,
    private readonly runner: SyncRunner,
    processor: WebhookProcessor,
    tickMs: number,
  ) {
    this.syncs = new BackgroundLoop('sync-schedule', [{ name: 'due-syncs', run: () => this.startDue() }], tickMs, { component: 'channels.background' });
    this.webhooks = new BackgroundLoop('webhooks', [{ name: 'webhook-deliveries', run: () => processor.drain() }], tickMs, { component: 'channels.background' });
  }

  async start(): Promise<void> {
    this.syncs.start();
    this.webhooks.start();
  }

  async scheduleSync(_connectionId: string, at: Date): Promise<void> {
    if (at.getTime() <= Date.now()) this.syncs.wake();
  }

  async dispatchRun(runId: string): Promise<void> {
    this.track(this.runner.execute(runId));
  }

  enqueueWebhook(): void {
    this.webhooks.wake();
  }

  async stop(): Promise<void> {
    await this.syncs.stop();
    await this.webhooks.stop();
    await this.runner.stop();
    await Promise.all(this.inFlight);
  }

  private async startDue(): Promise<void> {
    const now = Date.now();
    for (const connection of await this.store.active()) {
      if (this.runner.isRunning(connection._id)) continue;
      if (connection.nextSyncAt && new Date(connection.nextSyncAt).getTime() > now) continue;
      const started = await this.runner.start(connection._id, 'SCHEDULE');
      if (started?.started) {
        log.debug({ connectionId: connection._id, runId: started.run._id }, 'scheduled sync started');
        this.track(this.runner.execute(started.run._id));
      }
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}
