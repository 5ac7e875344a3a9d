// With REDIS_URL: delivery ids go through a BullMQ queue (delay = the backoff), worked by one Worker
// per process, so several processes share the sending. Job ids are `<delivery>-<attempt>`, so the same
// attempt queued twice runs once; jobs are removed when done, which frees the id for a later wake-up.
// The database stays the source of truth: the sweeper re-queues open deliveries at start and
// periodically, and every attempt re-checks the record (a stale or early job does nothing).
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { createLogger } from '@oms/platform';
import type { WebhookDeliveryRecord } from '../models/webhook-delivery.model';
import type { DeliveryQueue, DeliverySender } from './delivery-sender';
import type { DeliverySweeper } from './delivery-scheduler';

const log = createLogger('webhooks.bullmq');

/**
 * One queue per webhooks database: a delivery id means something only to the database holding it, so
 * hubs (or test runs) sharing a Redis must never work each other's jobs.
 */
export function queueNameFor(dbName: string): string {
  return `webhook-deliveries.${dbName}`;
}
/** How often the database is swept for deliveries whose job went missing. */
const SAFETY_SWEEP_MS = 30_000;

interface DeliveryJob {
  deliveryId: string;
}

function connectionOf(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // BullMQ workers block on Redis; they must wait for a reconnect instead of failing commands.
    maxRetriesPerRequest: null,
  };
}

export class BullDeliveryQueue implements DeliveryQueue {
  readonly kind = 'bullmq' as const;
  private readonly queue: Queue<DeliveryJob>;
  private worker: Worker<DeliveryJob> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  constructor(
    redisUrl: string,
    prefix: string,
    queueName: string,
    private readonly sweeper: DeliverySweeper,
    private readonly sender: DeliverySender,
    private readonly concurrency: number,
  ) {
    const connection = connectionOf(redisUrl);
    this.queue = new Queue<DeliveryJob>(queueName, { connection, prefix });
    this.queue.on('error', (error) => log.warn({ err: error }, 'webhook queue error'));
    this.worker = new Worker<DeliveryJob>(queueName, (job) => this.work(job.data.deliveryId), { connection, prefix, concurrency, autorun: false });
    this.worker.on('error', (error) => log.warn({ err: error }, 'webhook worker error'));
  }

  async start(): Promise<void> {
    void this.worker!.run();
    await this.worker!.waitUntilReady();
    this.sweep();
    this.timer = setInterval(() => this.sweep(), SAFETY_SWEEP_MS);
    this.timer.unref();
  }

  async schedule(delivery: Pick<WebhookDeliveryRecord, '_id' | 'attempts' | 'nextAttemptAt'>, cause?: string): Promise<void> {
    const delay = Math.max(0, (delivery.nextAttemptAt?.getTime() ?? Date.now()) - Date.now());
    await this.queue.add('deliver', { deliveryId: delivery._id }, {
      jobId: [delivery._id, delivery.attempts, cause].filter((part) => part !== undefined).join('-'),
      delay,
      attempts: 1,
      removeOnComplete: true,
      removeOnFail: { age: 24 * 3600 },
    });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
    await this.worker?.close();
    this.worker = null;
    await this.queue.close();
  }

  private async work(deliveryId: string): Promise<void> {
    const result = await this.sender.attempt(deliveryId);
    if (result !== 'not-due') return;
    const delivery = await this.sweeper.store.get(deliveryId);
    if (delivery) await this.schedule(delivery, `early${Date.now()}`);
  }

  /** Queues every due chain head (the queue collapses the ones already queued). */
  private sweep(): void {
    if (this.sweeping) return;
    this.sweeping = this.sweeper
      .sweep((head) => this.schedule(head))
      .catch((error) => log.warn({ err: error }, 'webhook sweep failed; retrying later'))
      .finally(() => {
        this.sweeping = null;
      });
  }
}
