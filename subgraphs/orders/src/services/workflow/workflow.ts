// Runs an order's unfinished workflow steps, one order at a time: a per-order workflow lock
// serialises placement, hold release, backorder top-ups, status refreshes and cancellation of one
// order, so a cancellation never races an allocation. A step that fails (a peer is down) is
// scheduled again with backoff; the recovery loop (server.ts) resumes it.
import { createLogger, KeyedLock, OmsError } from '@oms/platform';
import type { Types } from 'mongoose';
import { RESUMABLE_STEPS, type OrderModel, type OrderRecord } from '../../models/order.model';
import { allocateStep } from './allocate-step';
import { cancelStep } from './cancel-step';
import { refreshStep } from './refresh-status';
import type { WorkflowContext } from './workflow-context';

const log = createLogger('orders.workflow');

/** A step that completes moves to the next; more than this in one go means something loops. */
const MAX_STEPS_AT_ONCE = 4;
const BACKOFF_MS = { first: 500, maxTransient: 4_000, max: 60_000 };
/** Peer failures worth retrying soon: down, overloaded, raced. Others (bad input...) back off further. */
const TRANSIENT = new Set(['UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'CONFLICT']);
const RECOVERY_CONCURRENCY = 8;

export class OrderWorkflow {
  // Not the writer's lock: steps hold this one across peer calls, and the event relay must be able
  // to take the order's write key meanwhile.
  private readonly lock = new KeyedLock();
  /** When the recovery loop should look at the database next (0: now). */
  private nextDueAt = 0;
  /** The earliest retry noted while a scan runs (the scan's own answer may predate it). */
  private notedDuringScan = Infinity;

  constructor(
    private readonly ctx: WorkflowContext,
    private readonly orders: OrderModel,
  ) {}

  /** Runs `work` holding the order's workflow lock. */
  locked<T>(id: Types.ObjectId | string, work: () => Promise<T>): Promise<T> {
    return this.lock.run(`workflow:${String(id)}`, work);
  }

  /**
   * Runs the order's pending steps now; returns the order as they left it (null: no such order).
   * The caller holds the workflow lock. Never throws for a failed step: it is scheduled instead.
   */
  async advance(id: Types.ObjectId, actor: string, known?: OrderRecord): Promise<OrderRecord | null> {
    let order = known ?? (await this.orders.findById(id).lean<OrderRecord>());
    for (let i = 0; i < MAX_STEPS_AT_ONCE; i += 1) {
      if (!order || !RESUMABLE_STEPS.includes(order.workflow?.step)) return order;
      try {
        order = await this.runStep(order, actor);
      } catch (error) {
        // The order itself is gone (its database dropped): nothing to retry.
        if (error instanceof OmsError && error.code === 'NOT_FOUND' && error.extensions.id === String(id)) return null;
        await this.scheduleRetry(order, error);
        return this.orders.findById(id).lean<OrderRecord>();
      }
    }
    return order;
  }

  /** Takes the lock and advances (recovery, backorders). */
  resume(id: Types.ObjectId, actor: string): Promise<OrderRecord | null> {
    return this.locked(id, () => this.advance(id, actor));
  }

  /**
   * Recovery loop: resumes due workflows, oldest due first. Cheap when nothing is known to be pending:
   * the loop's one-second tick answers from memory, and the database is read (one query, which also
   * tells when the next pending step falls due) at start, when a noted retry is due, and once a minute.
   */
  async resumeDue(actor: string, limit = 50): Promise<number> {
    if (Date.now() < this.nextDueAt) return 0;
    this.notedDuringScan = Infinity;
    const now = Date.now();
    const pending = await this.orders
      .find({ 'workflow.step': { $in: [...RESUMABLE_STEPS] } }, { _id: 1, 'workflow.nextAttemptAt': 1 })
      .sort({ 'workflow.nextAttemptAt': 1 })
      .limit(limit)
      .lean<Array<Pick<OrderRecord, '_id' | 'workflow'>>>();
    const dueAt = (order: Pick<OrderRecord, 'workflow'>) => new Date(order.workflow.nextAttemptAt).getTime();
    const due = pending.filter((order) => dueAt(order) <= now);
    // A few at a time: each waits mostly on a peer.
    for (let i = 0; i < due.length; i += RECOVERY_CONCURRENCY) await Promise.all(due.slice(i, i + RECOVERY_CONCURRENCY).map(({ _id }) => this.resume(_id, actor)));
    if (due.length === limit) {
      this.nextDueAt = 0;
      return due.length;
    }
    // Next look: when the earliest pending step is due (a lease or a backoff), at the latest in a minute.
    const next = pending.find((order) => dueAt(order) > now);
    const safetyNet = Date.now() + 60_000;
    this.nextDueAt = Math.min(next ? dueAt(next) : safetyNet, safetyNet, this.notedDuringScan);
    return due.length;
  }

  /** A step was scheduled for `at`: the recovery loop looks again by then. */
  private noteDue(at: Date): void {
    this.nextDueAt = Math.min(this.nextDueAt, at.getTime());
    this.notedDuringScan = Math.min(this.notedDuringScan, at.getTime());
  }

  private runStep(order: OrderRecord, actor: string): Promise<OrderRecord> {
    switch (order.workflow.step) {
      case 'allocate':
        return allocateStep(this.ctx, order, actor);
      case 'refresh':
        return refreshStep(this.ctx, order, actor);
      case 'cancel':
        return cancelStep(this.ctx, order, actor);
      default:
        return Promise.resolve(order);
    }
  }

  private async scheduleRetry(order: OrderRecord, error: unknown): Promise<void> {
    const unavailable = error instanceof OmsError && error.code === 'UNAVAILABLE';
    const transient = error instanceof OmsError && TRANSIENT.has(error.code);
    const attempts = (order.workflow.attempts ?? 0) + 1;
    const delay = Math.min(BACKOFF_MS.first * 2 ** (attempts - 1), transient ? BACKOFF_MS.maxTransient : BACKOFF_MS.max);
    const at = new Date(Date.now() + delay);
    const message = (error as Error).message ?? String(error);
    if (unavailable) log.info({ orderId: String(order._id), step: order.workflow.step, attempts, retryInMs: delay, reason: message }, 'workflow step waits for a peer');
    else log.warn({ err: error, orderId: String(order._id), step: order.workflow.step, attempts, retryInMs: delay }, 'workflow step failed; will retry');
    try {
      await this.ctx.writer.change(order._id, (current) =>
        current.workflow.step !== order.workflow.step
          ? null
          : { update: { $set: { 'workflow.attempts': attempts, 'workflow.nextAttemptAt': at, 'workflow.lastError': message.slice(0, 500) } }, events: [] },
        { known: order },
      );
    } catch (writeError) {
      log.error({ err: writeError, orderId: String(order._id) }, 'could not record the failed workflow step; the lease expiry retries it');
    }
    this.noteDue(at);
  }
}
