// Finds deliveries that are due — the oldest open delivery of each chain whose time has come — from
// the database, which is the source of truth: without Redis this is the scheduler (a timer armed for
// the next due time, never later than the sweep interval); with BullMQ it is the net under the queue
// (at start, and now and then), so a crash or a lost job delays a delivery but never loses it.
import { createLogger } from '@oms/platform';
import type { WebhookDeliveryRecord } from '../models/webhook-delivery.model';
import type { DeliveryHead, DeliveryStore } from './delivery-store';
import type { DeliveryQueue, DeliverySender } from './delivery-sender';

const log = createLogger('webhooks.scheduler');

/** The oldest open delivery of every chain. */
export function chainHeads(open: DeliveryHead[]): DeliveryHead[] {
  const heads = new Map<string, DeliveryHead>();
  for (const delivery of open) {
    const head = heads.get(delivery.chainKey);
    if (!head || delivery.seq < head.seq) heads.set(delivery.chainKey, delivery);
  }
  return [...heads.values()];
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let index = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (index < items.length) {
      const item = items[index++];
      await work(item);
    }
  });
  await Promise.all(runners);
}

export class DeliverySweeper {
  constructor(
    readonly store: DeliveryStore,
    private readonly concurrency: number,
  ) {}

  /**
   * Hands every due chain head to `dispatch`; returns when the next head falls due (null: none open).
   * Heads in flight (leased) are left to their worker.
   */
  async sweep(dispatch: (head: DeliveryHead) => Promise<unknown>, now = new Date()): Promise<Date | null> {
    const heads = chainHeads(await this.store.openHeads());
    const due: DeliveryHead[] = [];
    let next: Date | null = null;
    for (const head of heads) {
      const at = head.leaseUntil && head.leaseUntil > now ? head.leaseUntil : (head.nextAttemptAt ?? now);
      if (at <= now) due.push(head);
      else if (!next || at < next) next = at;
    }
    due.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    await eachLimited(due, this.concurrency, (head) => dispatch(head).catch((error) => log.warn({ err: error, delivery: head._id }, 'delivery attempt failed to run')));
    return next;
  }
}

/** Without Redis: attempts due deliveries in this process, on a timer armed for the next due time. */
export class EmbeddedQueue implements DeliveryQueue {
  readonly kind = 'embedded' as const;
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly sweeper: DeliverySweeper,
    private readonly sender: DeliverySender,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.wake();
  }

  async schedule(delivery: Pick<WebhookDeliveryRecord, 'nextAttemptAt'>): Promise<void> {
    this.arm(delivery.nextAttemptAt?.getTime() ?? Date.now());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private arm(at: number): void {
    if (this.stopped) return;
    if (at >= this.armedFor && this.timer) return;
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = at;
    this.timer = setTimeout(() => this.wake(), Math.max(0, at - Date.now()));
    this.timer.unref();
  }

  private wake(): void {
    this.timer = null;
    this.armedFor = Infinity;
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async round(): Promise<void> {
    let next: Date | null = null;
    try {
      next = await this.sweeper.sweep((head) => this.sender.attempt(head._id));
    } catch (error) {
      log.warn({ err: error }, 'delivery sweep failed; retrying');
    }
    const fallback = Date.now() + this.intervalMs;
    this.arm(next ? Math.min(next.getTime(), fallback) : fallback);
  }
}
