// Job queue on Redis (REDIS_URL): each connection's next sync is a delayed BullMQ job whose id is the
// connection and the due time (so processes scheduling the same sync add it once); manual runs and
// webhook deliveries are jobs too. Any process with a worker may run them; the connection's lease
// still keeps one sync per connection at a time. A reconcile pass re-adds jobs Redis lost.
import { createHash } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { BackgroundLoop, createLogger } from '@oms/platform';
import type { ConnectionStore } from '../connection-store';
import type { SyncRunner } from '../sync/sync-runner';
import type { WebhookProcessor } from '../webhooks/webhook-processor';
import type { JobQueue } from './job-queue';

const log = createLogger('channels.bullmq');
const RECONCILE_MS = 30_000;
const CONCURRENCY = 4;

type JobData = { connectionId: string } | { runId: string } | { deliveryId: string };

const safeId = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

export class BullmqQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly connection: IORedis;
  private readonly queue: Queue<JobData>;
  private worker: Worker<JobData> | null = null;
  private workerConnection: IORedis | null = null;
  private readonly reconciler: BackgroundLoop;

  constructor(
    redisUrl: string,
    /** Keeps deployments (and test databases) sharing one Redis apart. */
    readonly queueName: string,
    private readonly store: ConnectionStore,
    private readonly runner: SyncRunner,
    private readonly processor: WebhookProcessor,
  ) {
    this.connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
    this.connection.on('error', (error) => log.warn({ err: error }, 'Redis error (jobs wait until it is back)'));
    this.queue = new Queue<JobData>(queueName, { connection: this.connection, defaultJobOptions: { removeOnComplete: true, removeOnFail: 100 } });
    this.reconciler = new BackgroundLoop('bullmq-reconcile', [{ name: 'reconcile', run: () => this.reconcile() }], RECONCILE_MS, { component: 'channels.background' });
  }

  async start(): Promise<void> {
    // A worker blocks on its connection while waiting for jobs: it gets one of its own.
    this.workerConnection = this.connection.duplicate();
    this.worker = new Worker<JobData>(this.queueName, (job) => this.handle(job), { connection: this.workerConnection, concurrency: CONCURRENCY });
    this.worker.on('failed', (job, error) => log.warn({ err: error, job: job?.name, id: job?.id }, 'channels job failed'));
    this.reconciler.start();
  }

  async scheduleSync(connectionId: string, at: Date): Promise<void> {
    const delay = Math.max(0, at.getTime() - Date.now());
    await this.queue.add('sync', { connectionId }, { jobId: `sync-${safeId(connectionId)}-${at.getTime()}`, delay });
  }

  async dispatchRun(runId: string): Promise<void> {
    await this.queue.add('run', { runId }, { jobId: `run-${runId}` });
  }

  enqueueWebhook(deliveryId: string, at: Date): void {
    const delay = Math.max(0, at.getTime() - Date.now());
    this.queue.add('webhook', { deliveryId }, { jobId: `webhook-${safeId(deliveryId)}-${at.getTime()}`, delay }).catch((error: Error) => log.warn({ err: error, deliveryId }, 'webhook job not queued; the reconcile pass will'));
  }

  async stop(): Promise<void> {
    await this.reconciler.stop();
    // Running syncs stop after their batch first, so closing the worker does not wait for whole syncs.
    await this.runner.stop();
    await this.worker?.close();
    await this.queue.close();
    this.workerConnection?.disconnect();
    this.connection.disconnect();
  }

  private async handle(job: Job<JobData>): Promise<void> {
    const data = job.data;
    if ('runId' in data) return this.runner.execute(data.runId);
    if ('deliveryId' in data) {
      const retryAt = await this.processor.process(data.deliveryId);
      if (retryAt) this.enqueueWebhook(data.deliveryId, retryAt);
      return;
    }
    const connection = await this.store.get(data.connectionId);
    if (!connection || connection.status !== 'ACTIVE') return;
    // A job superseded by a later schedule (a manual run moved the next sync on) does nothing.
    if (connection.nextSyncAt && new Date(connection.nextSyncAt).getTime() > Date.now() + 1000) return;
    const started = await this.runner.start(connection._id, 'SCHEDULE');
    if (started?.started) await this.runner.execute(started.run._id);
  }

  /** Re-adds what should be queued: each active connection's next sync, and due webhook deliveries. */
  private async reconcile(): Promise<void> {
    const now = Date.now();
    for (const connection of await this.store.active()) {
      if (connection.lease && new Date(connection.lease.until).getTime() > now) continue;
      const due = connection.nextSyncAt ? new Date(connection.nextSyncAt) : new Date(now);
      await this.scheduleSync(connection._id, due);
    }
    for (const due of await this.processor.due()) this.enqueueWebhook(due.id, due.at);
  }
}
