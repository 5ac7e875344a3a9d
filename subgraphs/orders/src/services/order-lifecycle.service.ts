// Operator actions on an order's lifecycle: release a hold, cancel (all or some lines), re-derive the
// status from shipments. Each runs under the order's workflow lock, records the decision in one
// guarded update with its events, then runs the follow-up workflow step inline; a peer that is down
// leaves the step to the recovery loop, the decision stands.
import { badInput, conflict, fromZodError, invalidTransition, notFound, toObjectIdOrNull } from '@oms/platform';
import type { Types } from 'mongoose';
import { AWAITING_PAYMENT_HOLD, type OrderRecord, type OrderStatus } from '../models/order.model';
import { ORDER_EVENTS, orderEvent, transitionEvents } from './order-events';
import { allocatedUnits, resizeLines, shippedUnits } from './order-lines';
import { assertTransition } from './order-status';
import type { OrderService } from './order.service';
import { idempotencyKeySchema, lineQuantitiesSchema, reasonSchema } from './payment.validation';
import type { OrderPeers } from './peers';
import { refreshStep } from './workflow/refresh-status';
import type { OrderWorkflow } from './workflow/workflow';
import { stepState, type WorkflowContext } from './workflow/workflow-context';

/** Nothing of the order can have shipped from our locations in these (no shipment is synced before allocation). */
const NOTHING_SHIPPED: readonly OrderStatus[] = ['PENDING', 'ON_HOLD', 'CHANNEL_FULFILLED'];
/** Orders whose shipments may be shipping right now: their cancel waits for the shipments' answer (cancel-step.ts). */
const HAS_SHIPMENTS: readonly OrderStatus[] = ['ALLOCATED', 'BACKORDERED', 'PARTIALLY_SHIPPED'];
/** Refused by cancelOrder / cancelOrderLines: everything shipped already, or gone. */
const FINAL_FOR_CANCEL: readonly OrderStatus[] = ['SHIPPED', 'DELIVERED', 'CANCELLED'];

export class OrderLifecycleService {
  constructor(
    private readonly ctx: WorkflowContext,
    private readonly orders: OrderService,
    private readonly workflow: OrderWorkflow,
    private readonly peers: OrderPeers,
  ) {}

  /** ON_HOLD → PENDING, then allocation continues. */
  async releaseHold(id: string, actor: string): Promise<OrderRecord> {
    const _id = orderId(id);
    return this.exclusive(_id, async () => {
      const released = await this.ctx.writer.change(_id, (current) => {
        if (current.status !== 'ON_HOLD') throw invalidTransition('Order', current.status, 'PENDING');
        return {
          update: { $set: { status: 'PENDING', holdReasons: [], workflow: stepState('allocate') } },
          events: transitionEvents(current, 'PENDING', ORDER_EVENTS.holdReleased, { reasons: current.holdReasons ?? [] }, actor),
        };
      });
      return (await this.workflow.advance(_id, actor, released.order)) ?? this.orders.load(_id);
    });
  }

  /**
   * The channel authorised payment: lifts the awaiting-payment hold. With no other hold reason left
   * the order goes on to allocation (ON_HOLD → PENDING); a repeat, or an order cancelled meanwhile,
   * changes nothing.
   */
  async markPayable(id: string, actor: string): Promise<OrderRecord> {
    const _id = orderId(id);
    return this.exclusive(_id, async () => {
      const changed = await this.ctx.writer.change(_id, (current) => {
        if (!current.awaitingPayment) return null;
        const remaining = (current.holdReasons ?? []).filter((reason) => reason !== AWAITING_PAYMENT_HOLD);
        const payable = orderEvent(ORDER_EVENTS.payable, current, { remainingHoldReasons: remaining }, actor);
        if (current.status !== 'ON_HOLD' || remaining.length) return { update: { $set: { awaitingPayment: false, holdReasons: remaining } }, events: [payable] };
        return {
          update: { $set: { awaitingPayment: false, holdReasons: [], status: 'PENDING', workflow: stepState('allocate') } },
          events: [payable, ...transitionEvents(current, 'PENDING', ORDER_EVENTS.holdReleased, { reasons: [AWAITING_PAYMENT_HOLD], note: 'payment authorised on the channel' }, actor)],
        };
      });
      return (await this.workflow.advance(_id, actor, changed.order)) ?? this.orders.load(_id);
    });
  }

  /**
   * Cancels what has not shipped. An order without shipments (PENDING, ON_HOLD) becomes CANCELLED at
   * once. One with shipments records the request first; the cancel step then cancels the unshipped
   * shipments, each an atomic move that a concurrent ship either beat or now finds cancelled, and
   * only then reads what shipped: nothing → CANCELLED; something → the order keeps its shipped units
   * and becomes SHIPPED (or DELIVERED). A cancel and a ship are thus never both applied.
   */
  async cancel(id: string, rawReason: unknown, actor: string): Promise<OrderRecord> {
    const reason = parseReason(rawReason);
    const _id = orderId(id);
    return this.exclusive(_id, async () => {
      const order = await this.orders.load(_id);
      if (FINAL_FOR_CANCEL.includes(order.status)) throw invalidTransition('Order', order.status, 'CANCELLED');
      if (order.workflow?.step === 'cancel') return order;
      if (HAS_SHIPMENTS.includes(order.status)) {
        await this.ctx.writer.change(_id, (current) => {
          if (!HAS_SHIPMENTS.includes(current.status)) throw conflict(`Order ${id} changed while it was being cancelled; retry`, { id });
          return {
            update: { $set: { cancellationReason: reason, workflow: stepState('cancel') } },
            events: [orderEvent(ORDER_EVENTS.cancellationRequested, current, { reason, note: reason, partial: current.status === 'PARTIALLY_SHIPPED' }, actor)],
          };
        }, { known: order });
      } else {
        const cancelled = await this.ctx.writer.change(_id, (current) => ({
          update: { $set: { status: 'CANCELLED', cancellationReason: reason, holdReasons: [], workflow: stepState('cancel') } },
          events: transitionEvents(current, 'CANCELLED', ORDER_EVENTS.cancelled, { reason, note: reason }, actor),
        }), { known: order });
        return (await this.workflow.advance(_id, actor, cancelled.order)) ?? this.orders.load(_id);
      }
      return (await this.workflow.advance(_id, actor)) ?? this.orders.load(_id);
    });
  }

  /**
   * Takes units off lines (never below what shipped). The allocation step then releases the surplus
   * reservations and rebuilds the unshipped shipments; a line at 0 stays on the order; an order with
   * no units left is CANCELLED. A repeat with the same `idempotencyKey` (a retry after a timeout)
   * returns the order and cancels nothing more.
   */
  async cancelLines(id: string, rawLines: unknown, rawReason: unknown, actor: string, rawKey?: unknown): Promise<OrderRecord> {
    const reason = parseReason(rawReason);
    const key = parseKey(rawKey);
    const parsedLines = lineQuantitiesSchema.safeParse(rawLines);
    if (!parsedLines.success) throw fromZodError(parsedLines.error, 'lines');
    const lines = parsedLines.data;
    const _id = orderId(id);
    return this.exclusive(_id, async () => {
      const order = await this.orders.load(_id);
      if (key && (await this.linesCancelledWith(order, key))) return order;
      if (FINAL_FOR_CANCEL.includes(order.status)) throw invalidTransition('Order', order.status, 'CANCELLED');
      if (order.workflow?.step === 'cancel') throw conflict(`Order ${id} is being cancelled`, { field: 'id' });
      // Units that shipped cannot be cancelled: ask Fulfillment (UNAVAILABLE refuses, nothing changes).
      const shipped = NOTHING_SHIPPED.includes(order.status) ? new Map<string, number>() : shippedUnits((await this.peers.shipmentsOf([id], actor)).get(id) ?? []).shipped;
      const cancel = new Map<string, number>();
      lines.forEach((line, index) => {
        const stored = order.lines.find((candidate) => candidate.sku === line.sku);
        if (!stored) throw badInput(`lines[${index}].sku`, `${JSON.stringify(line.sku)} is not a line of order ${id}`);
        if (cancel.has(line.sku)) throw badInput(`lines[${index}].sku`, 'appears twice; combine the quantities in one line');
        const cancellable = stored.quantity - (shipped.get(line.sku) ?? 0);
        if (line.quantity > cancellable) throw badInput(`lines[${index}].quantity`, `only ${Math.max(0, cancellable)} unit(s) of ${line.sku} are not shipped`);
        cancel.set(line.sku, line.quantity);
      });
      const changed = await this.ctx.writer.change(_id, (current) => {
        if (current.status !== order.status || current.version !== order.version) throw conflict(`Order ${id} changed while its lines were being cancelled; retry`, { id });
        const resized = resizeLines(current, (line) => line.quantity - (cancel.get(line.sku) ?? 0));
        const linesEvent = orderEvent(ORDER_EVENTS.linesCancelled, current, { lines: resized.cancelled, reason, note: reason, idempotencyKey: key }, actor);
        const set: Record<string, unknown> = { lines: resized.lines, totals: resized.totals };
        if (resized.lines.every((line) => line.quantity === 0)) {
          assertTransition(current.status, 'CANCELLED');
          return {
            update: { $set: { ...set, status: 'CANCELLED', cancellationReason: reason, holdReasons: [], workflow: stepState('cancel') } },
            events: [linesEvent, ...transitionEvents(current, 'CANCELLED', ORDER_EVENTS.cancelled, { reason, note: reason }, actor)],
          };
        }
        // A held order keeps waiting; otherwise allocation runs again on the smaller lines. When fewer
        // units are wanted than are held, the shipments are rebuilt after the release (remembered
        // here, so a retry after a crash between the two still rebuilds them).
        const allocated = allocatedUnits(current.allocations ?? []);
        const shrinks = resized.lines.some((line) => line.quantity < (allocated.get(line.sku) ?? 0));
        if (current.status !== 'ON_HOLD') set.workflow = { ...stepState('allocate'), resetShipments: shrinks };
        return { update: { $set: set }, events: [linesEvent] };
      }, { known: order });
      return (await this.workflow.advance(_id, actor, changed.order)) ?? this.orders.load(_id);
    });
  }

  /** refreshOrderStatus: the status its shipments give it now; an undeclared move is INVALID_TRANSITION. */
  async refresh(id: string, actor: string): Promise<OrderRecord> {
    const _id = orderId(id);
    return this.workflow.locked(_id, async () => refreshStep(this.ctx, await this.orders.load(_id), actor, true));
  }

  /**
   * Whether a cancelOrderLines with this key was applied to the order: its event is still in the
   * order's outbox or already in the log (equality on the aggregate, the rare key filtered there).
   */
  private async linesCancelledWith(order: OrderRecord, key: string): Promise<boolean> {
    const applied = (event: { type: string; payload?: Record<string, unknown> | null }) => event.type === ORDER_EVENTS.linesCancelled && event.payload?.idempotencyKey === key;
    if ((order.outbox ?? []).some(applied)) return true;
    const logged = await this.ctx.writer.log.events.find({ aggregateId: String(order._id), type: ORDER_EVENTS.linesCancelled }, { payload: 1, type: 1 }).lean<Array<{ type: string; payload?: Record<string, unknown> | null }>>().exec();
    return logged.some(applied);
  }

  /** Holds the order's workflow lock (one lifecycle action at a time) and relays its events once at the end. */
  private exclusive<T>(id: Types.ObjectId, work: () => Promise<T>): Promise<T> {
    return this.ctx.writer.relayingOnce(id, () => this.workflow.locked(id, work));
  }
}

function parseReason(raw: unknown): string {
  const reason = reasonSchema.safeParse(raw);
  if (!reason.success) throw fromZodError(reason.error, 'reason');
  return reason.data;
}

function parseKey(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const key = idempotencyKeySchema.safeParse(raw);
  if (!key.success) throw fromZodError(key.error, 'idempotencyKey');
  return key.data;
}

function orderId(id: string): Types.ObjectId {
  const _id = toObjectIdOrNull(id);
  if (!_id) throw notFound('Order', id, 'id');
  return _id;
}
