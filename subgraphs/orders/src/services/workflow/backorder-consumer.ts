// Serves backorders when stock arrives. Reads Inventory's event log from a persisted cursor when a
// stock notice arrives on the event bus (and on a slow timer, in case a notice is lost); for a
// SKU whose available stock went up at a location, tops up the waiting orders containing it one at a
// time in service order — priority (high first), customer tier (VIP, GOLD, SILVER, STANDARD), then
// placedAt (oldest first) — so a higher-ranked order gets the stock first. A SKU is done for this
// round as soon as one order could not get all it wants of it (nothing is left).
import { createLogger, type ConsumeOutcome, type ConsumerCursors, type StoredEvent } from '@oms/platform';
import type { Types } from 'mongoose';
import type { OrderModel, OrderRecord, OrderStatus } from '../../models/order.model';
import { allocatedUnits, wantedUnits } from '../order-lines';
import type { OrderPeers, RemoteEvent } from '../peers';
import { SYSTEM } from '../peers';
import type { OrderWorkflow } from './workflow';
import { stepState, type WorkflowContext } from './workflow-context';

const log = createLogger('orders.backorders');

const CONSUMER = 'inventory-backorders';
/** SKU-location pairs remembered from notices before the memory starts over. */
const MAX_REMEMBERED = 50_000;
/** Statuses that may still wait for units (a partly shipped order can have a backordered rest). */
const WAITING: OrderStatus[] = ['BACKORDERED', 'PARTIALLY_SHIPPED'];

export class BackorderConsumer {
  /** Last available count seen per SKU and location: only a rise can serve a waiting order. */
  private readonly lastAvailable = new Map<string, number>();
  /** Last available count announced per SKU and location (bus notices). */
  private readonly lastNoticed = new Map<string, number>();

  constructor(
    private readonly ctx: WorkflowContext,
    private readonly orders: OrderModel,
    private readonly workflow: OrderWorkflow,
    private readonly peers: OrderPeers,
    private readonly cursors: ConsumerCursors,
  ) {}

  /**
   * Whether a notice of a stored inventory event is worth reading the log for: availability rose
   * since the last notice of that SKU and location (reservations during placements do not wake it).
   * The log is still read on the safety-net timer, so a notice judged wrongly only delays.
   */
  noticed(event: Pick<StoredEvent, 'payload'>): boolean {
    const { sku, available, locationId } = (event.payload ?? {}) as { sku?: unknown; available?: unknown; locationId?: unknown };
    if (typeof sku !== 'string' || typeof available !== 'number') return false;
    const key = `${sku}@${String(locationId ?? '')}`;
    const before = this.lastNoticed.get(key);
    if (this.lastNoticed.size >= MAX_REMEMBERED && before === undefined) this.lastNoticed.clear();
    this.lastNoticed.set(key, available);
    return available > 0 && (before === undefined || available > before);
  }

  poll(): Promise<ConsumeOutcome> {
    return this.cursors.consume(
      CONSUMER,
      (after, first) => this.peers.inventoryEvents(after, first),
      async (events) => {
        const skus = this.skusWithMoreStock(events);
        if (skus.size) await this.serve([...skus]);
      },
    );
  }

  /** Tops up waiting orders containing `skus`, best-ranked first; returns how many got more units. */
  async serve(skus: string[]): Promise<number> {
    const candidates = await this.orders
      .find({ backorderedQuantity: { $gt: 0 }, status: { $in: WAITING }, 'lines.sku': { $in: skus }, 'workflow.step': 'done' }, { _id: 1, lines: 1 })
      .sort({ priority: -1, tierRank: -1, placedAt: 1, _id: 1 })
      .limit(1000)
      .lean<Array<Pick<OrderRecord, '_id' | 'lines'>>>();
    const open = new Set(skus);
    let served = 0;
    for (const candidate of candidates) {
      if (!candidate.lines.some((line) => open.has(line.sku))) continue;
      const after = await this.topUp(candidate._id);
      if (!after) continue;
      if ((after.backorderedQuantity ?? 0) === 0) served += 1;
      // What this order still misses of a SKU is not there for the ones after it either.
      const allocated = allocatedUnits(after.allocations ?? []);
      for (const [sku, quantity] of wantedUnits(after)) if (open.has(sku) && (allocated.get(sku) ?? 0) < quantity) open.delete(sku);
      if (open.size === 0) break;
    }
    if (served) log.info({ skus, served }, 'backorders served');
    return served;
  }

  private skusWithMoreStock(events: RemoteEvent[]): Set<string> {
    const skus = new Set<string>();
    for (const event of events) {
      const payload = event.payload ?? {};
      const { sku, available, locationId } = payload as { sku?: unknown; available?: unknown; locationId?: unknown };
      if (typeof sku !== 'string' || typeof available !== 'number') continue;
      const key = `${sku}@${String(locationId ?? '')}`;
      const before = this.lastAvailable.get(key);
      this.lastAvailable.set(key, available);
      if (available > 0 && (before === undefined || available > before)) skus.add(sku);
    }
    return skus;
  }

  /** Runs the allocate step for one waiting order (under its workflow lock); the order after it. */
  private topUp(id: Types.ObjectId): Promise<OrderRecord | null> {
    return this.ctx.writer.relayingOnce(id, () =>
      this.workflow.locked(id, async () => {
        // The step is recorded first, so a crash between reserving and storing is resumed by recovery.
        const outcome = await this.ctx.writer.change(id, (current) =>
          current.workflow.step === 'done' && WAITING.includes(current.status) && (current.backorderedQuantity ?? 0) > 0
            ? { update: { $set: { workflow: stepState('allocate') } }, events: [] }
            : null,
        );
        if (!outcome.changed) return null;
        return this.workflow.advance(id, SYSTEM);
      }),
    );
  }
}
