// Status derived from shipments: everything delivered → DELIVERED, everything shipped → SHIPPED,
// something shipped → PARTIALLY_SHIPPED, nothing shipped → unchanged. Counted in units per SKU
// against the order's lines (so nothing backordered or unshipped is left when SHIPPED). Moves follow
// the declared table; with captureOnShipment the authorised payment is captured when the order ships.
import type { OrderRecord, OrderStatus } from '../../models/order.model';
import type { ChannelSettings } from '../channel-settings.service';
import { transitionEvents, ORDER_EVENTS } from '../order-events';
import { shippedUnits, wantedUnits } from '../order-lines';
import { assertTransition, canTransition } from '../order-status';
import type { OrderChange, OrderUpdate } from '../order-writer';
import type { RemoteShipment } from '../peers';
import { amountToCaptureOnShipment, planCapture } from '../payment.service';
import { stepState, type WorkflowContext } from './workflow-context';

/** Statuses that shipments move on. */
export const DERIVABLE: readonly OrderStatus[] = ['BACKORDERED', 'ALLOCATED', 'PARTIALLY_SHIPPED', 'SHIPPED'];

export function deriveStatus(order: Pick<OrderRecord, 'status' | 'lines'>, shipments: readonly RemoteShipment[]): OrderStatus | null {
  if (!DERIVABLE.includes(order.status)) return null;
  const wanted = wantedUnits(order);
  if (wanted.size === 0) return null;
  const { shipped, delivered } = shippedUnits(shipments);
  const units = [...wanted];
  if (!units.some(([sku]) => (shipped.get(sku) ?? 0) > 0)) return null;
  if (units.every(([sku, quantity]) => (delivered.get(sku) ?? 0) >= quantity)) return 'DELIVERED';
  if (units.every(([sku, quantity]) => (shipped.get(sku) ?? 0) >= quantity)) return 'SHIPPED';
  return 'PARTIALLY_SHIPPED';
}

/**
 * The change that brings `current` to what its shipments say. `strict` (the refreshOrderStatus
 * mutation) refuses an undeclared move with INVALID_TRANSITION; the consumer skips it.
 */
export function planRefresh(current: OrderRecord, shipments: readonly RemoteShipment[], settings: ChannelSettings, actor: string, strict: boolean): OrderChange<void> | null {
  // A cancellation in progress decides the status itself (cancel-step.ts).
  if (current.workflow?.step === 'cancel') return null;
  const finishing = current.workflow?.step === 'refresh';
  const done: OrderUpdate = finishing ? { $set: { workflow: stepState('done') } } : {};
  const target = deriveStatus(current, shipments);
  if (!target || target === current.status) return finishing ? { update: done, events: [] } : null;
  if (!canTransition(current.status, target)) {
    if (strict) assertTransition(current.status, target);
    return finishing ? { update: done, events: [] } : null;
  }
  return shippedChange(current, target, settings, actor, { ...(done.$set ?? {}) });
}

/** The status move to `target` (SHIPPED-like) plus the capture on shipment when the channel wants it. */
export function shippedChange(current: OrderRecord, target: OrderStatus, settings: ChannelSettings, actor: string, set: Record<string, unknown>, extraEvents = transitionEvents(current, target, ORDER_EVENTS.statusChanged, {}, actor)): OrderChange<void> {
  const update: OrderUpdate = { $set: { ...set, status: target } };
  const events = [...extraEvents];
  const ships = target === 'SHIPPED' || target === 'DELIVERED';
  if (ships && settings.captureOnShipment && current.paymentStatus === 'AUTHORIZED') {
    const amount = amountToCaptureOnShipment(current);
    if (amount > 0) {
      const capture = planCapture(current, amount, { note: 'captured on shipment' }, actor);
      Object.assign(update.$set, capture.set);
      update.$push = { payments: capture.payment };
      events.push(...capture.events);
    }
  }
  return { update, events };
}

/** Workflow step `refresh` (and refreshOrderStatus): one order, its shipments read now. */
export async function refreshStep(ctx: WorkflowContext, order: OrderRecord, actor: string, strict = false): Promise<OrderRecord> {
  const orderId = String(order._id);
  const [shipments, settings] = await Promise.all([ctx.peers.shipmentsOf([orderId], actor), ctx.channels.forChannel(order.channel)]);
  const outcome = await ctx.writer.change(order._id, (current) => planRefresh(current, shipments.get(orderId) ?? [], settings, actor, strict), { known: order });
  return outcome.order;
}
