// Every write to an order: read, decide, then one conditional single-document update that carries
// the change and its events (pushed onto the order's `outbox`), then relay the events to the log.
//
// FerretDB v1 does not isolate updates, so the read-decide-write runs under the order's KeyedLock;
// the update is also guarded on the status and version it was decided from, which keeps it right on
// MongoDB with several processes. The relay takes the same lock key itself, so it runs after the
// lock is released (the EventLog shares this writer's lock instance), in the log's next round, after
// the request has its answer.
import { conflict, createLogger, EventLog, KeyedLock, notFound, type OutboxEvent } from '@oms/platform';
import type { Connection, Types } from 'mongoose';
import type { OrderModel, OrderRecord } from '../models/order.model';

const log = createLogger('orders.writer');

export const orderKey = (id: Types.ObjectId | string) => `order:${String(id)}`;

/** A MongoDB update document ($set, $push, $inc...). */
export type OrderUpdate = Record<string, Record<string, unknown>>;

export interface OrderChange<T> {
  update: OrderUpdate;
  events: OutboxEvent[];
  result?: T;
}

export interface ChangeOutcome<T> {
  order: OrderRecord;
  result: T | undefined;
  changed: boolean;
}

/** Guard misses come only from another process (this one holds the lock): re-decide a few times. */
const MAX_ATTEMPTS = 5;

export class OrderWriter {
  readonly log: EventLog;
  /** Orders whose relay waits for the end of a larger piece of work (see `relayingOnce`). */
  private readonly deferred = new Map<string, number>();
  /** For those orders: the newest copy a change wrote meanwhile (handed to the relay, which then need not read it). */
  private readonly deferredCopies = new Map<string, OrderRecord>();

  constructor(
    readonly orders: OrderModel,
    connection: Connection,
    readonly lock: KeyedLock,
  ) {
    this.log = new EventLog('orders', connection, lock);
  }

  /**
   * Loads the order, lets `plan` decide (throwing a typed error refuses and writes nothing; null
   * writes nothing), and applies the change with its events in one update.
   */
  async change<T = undefined>(id: Types.ObjectId, plan: (order: OrderRecord) => OrderChange<T> | null, options: { idField?: string; known?: OrderRecord | null } = {}): Promise<ChangeOutcome<T>> {
    // `known`: the order as the caller last read it. The first try decides from it without reading
    // again; only a write that lands (version guard) trusts it. Anything else reads the order.
    let known = options.known ?? null;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.lock.run(orderKey(id), async (): Promise<ChangeOutcome<T> | null> => {
        if (known) {
          const guess = known;
          known = null;
          let change: OrderChange<T> | null = null;
          try {
            change = plan(guess);
          } catch {
            change = null;
          }
          if (change && (Object.keys(change.update).length > 0 || change.events.length > 0)) {
            const updated = await this.apply(id, guess, change);
            if (updated) return { order: updated, result: change.result, changed: true };
          }
        }
        const order = await this.orders.findById(id).lean<OrderRecord>();
        if (!order) throw notFound('Order', String(id), options.idField ?? 'id');
        const change = plan(order);
        if (!change) return { order, result: undefined, changed: false };
        // Nothing to write, but an answer (an idempotent repeat).
        if (Object.keys(change.update).length === 0 && change.events.length === 0) return { order, result: change.result, changed: false };
        const updated = await this.apply(id, order, change);
        return updated ? { order: updated, result: change.result, changed: true } : null;
      });
      if (outcome) {
        if (outcome.changed) this.written(id, outcome.order);
        return outcome;
      }
      if (attempt >= MAX_ATTEMPTS) throw conflict(`Order ${String(id)} kept changing; retry the request`, { id: String(id) });
    }
  }

  /** The guarded update: lands only if the order still has the status and version `from` had. */
  private apply<T>(id: Types.ObjectId, from: OrderRecord, change: OrderChange<T>): Promise<OrderRecord | null> {
    return this.orders
      .findOneAndUpdate({ _id: id, status: from.status, ...versionGuard(from) }, withEvents(change.update, change.events), { returnDocument: 'after' })
      .lean<OrderRecord>()
      .exec();
  }

  /**
   * Moves the order's outbox into the log in the event log's next group-committed round, without
   * waiting: the change is committed, and the outbox keeps the events until they are stored (failed
   * rounds are retried; a crash leaves them for the start-up sweep). `Order.history` shows them meanwhile.
   */
  relay(id: Types.ObjectId, written?: OrderRecord): void {
    this.log.relaySoon(this.orders, id, orderKey(id), written);
  }

  /** A change landed: relay its events now, or keep the copy for the end of the work that defers them. */
  private written(id: Types.ObjectId, order: OrderRecord): void {
    const key = String(id);
    if (!this.deferred.has(key)) {
      if (order.outbox?.length) this.relay(id, order);
      return;
    }
    const kept = this.deferredCopies.get(key);
    if (!kept || (order.version ?? 0) > (kept.version ?? 0)) this.deferredCopies.set(key, order);
  }

  /**
   * Runs `work` (several changes of one order, e.g. placement and its workflow) and relays the
   * order's events once at the end: the relay is serial for the whole log, so one relay instead of
   * one per change keeps concurrent orders from queueing behind each other.
   */
  async relayingOnce<T>(id: Types.ObjectId, work: () => Promise<T>): Promise<T> {
    const key = String(id);
    this.deferred.set(key, (this.deferred.get(key) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const left = this.deferred.get(key)! - 1;
      if (left > 0) this.deferred.set(key, left);
      else {
        this.deferred.delete(key);
        const copy = this.deferredCopies.get(key);
        this.deferredCopies.delete(key);
        this.relay(id, copy);
      }
    }
  }

  /** At start and now and then: relays outboxes a crash or a failed relay left behind. */
  sweep(): Promise<number> {
    return this.log.sweep(this.orders, (doc) => orderKey(doc._id as Types.ObjectId));
  }
}

function versionGuard(order: OrderRecord): Record<string, unknown> {
  // Orders stored before the field existed have none; their first write adds it.
  return order.version === undefined || order.version === null ? { version: { $exists: false } } : { version: order.version };
}

function withEvents(update: OrderUpdate, events: OutboxEvent[]): OrderUpdate {
  const merged: OrderUpdate = { ...update, $inc: { ...(update.$inc ?? {}), version: 1 } };
  if (events.length) merged.$push = { ...(update.$push ?? {}), outbox: { $each: events } };
  return merged;
}
