// Workflow step `cancel`: stop what has not shipped, then give the stock back. Shipments first, so
// nothing can ship while reservations are being released.
//  - A CANCELLED order: cancel its unshipped shipments, release every reservation.
//  - An order with shipments (cancelOrder on ALLOCATED, BACKORDERED, PARTIALLY_SHIPPED): the same, and
//    only then is it decided from what shipped, since a ship racing the cancel either beat the
//    shipment's cancellation or was refused by it: nothing shipped → CANCELLED; else its lines keep
//    only the shipped units and it becomes SHIPPED (or DELIVERED) with what did ship.
import type { OrderRecord } from '../../models/order.model';
import { ORDER_EVENTS, orderEvent, transitionEvents } from '../order-events';
import { resizeLines, shippedUnits } from '../order-lines';
import { canTransition } from '../order-status';
import type { OrderChange } from '../order-writer';
import type { RemoteAllocation, RemoteShipment } from '../peers';
import type { ChannelSettings } from '../channel-settings.service';
import { deriveStatus, shippedChange } from './refresh-status';
import { stepState, type WorkflowContext } from './workflow-context';

/** Returns the order as the step left it. */
export async function cancelStep(ctx: WorkflowContext, order: OrderRecord, actor: string): Promise<OrderRecord> {
  const orderId = String(order._id);
  const reason = order.cancellationReason ?? 'order cancelled';
  await ctx.peers.cancelOrderShipments(orderId, reason, actor);
  if (order.status === 'CANCELLED') {
    const allocation = await ctx.peers.releaseAllocation({ orderId, reason }, actor);
    const outcome = await ctx.writer.change(order._id, (current) =>
      current.workflow.step !== 'cancel' ? null : { update: { $set: { allocations: shippedOnly(allocation), backorderedQuantity: 0, workflow: stepState('done') } }, events: [] },
      { known: order },
    );
    return outcome.order;
  }
  const [shipments, settings] = await Promise.all([ctx.peers.shipmentsOf([orderId], actor), ctx.channels.forChannel(order.channel)]);
  const orderShipments = shipments.get(orderId) ?? [];
  if (!somethingShipped(orderShipments) && canTransition(order.status, 'CANCELLED')) {
    // Nothing shipped, and nothing can ship any more: the order is CANCELLED now, and the step runs
    // again as for any CANCELLED order (releasing the stock may wait for Inventory).
    const cancelled = await ctx.writer.change(order._id, (current) =>
      current.workflow.step !== 'cancel' || current.status !== order.status
        ? null
        : { update: { $set: { status: 'CANCELLED', holdReasons: [], workflow: stepState('cancel') } }, events: transitionEvents(current, 'CANCELLED', ORDER_EVENTS.cancelled, { reason, note: reason }, actor) },
      { known: order },
    );
    return cancelled.order;
  }
  const allocation = await ctx.peers.releaseAllocation({ orderId, reason }, actor);
  return (await ctx.writer.change(order._id, (current) => planPartialCancel(current, orderShipments, allocation, settings, reason, actor), { known: order })).order;
}

function planPartialCancel(current: OrderRecord, shipments: readonly RemoteShipment[], allocation: RemoteAllocation | null, settings: ChannelSettings, reason: string, actor: string): OrderChange<void> | null {
  if (current.workflow.step !== 'cancel') return null;
  const { shipped } = shippedUnits(shipments);
  const resized = resizeLines(current, (line) => Math.min(line.quantity, shipped.get(line.sku) ?? 0));
  const set = { lines: resized.lines, totals: resized.totals, allocations: shippedOnly(allocation), backorderedQuantity: 0, workflow: stepState('done') };
  const events = resized.cancelled.length ? [orderEvent(ORDER_EVENTS.linesCancelled, current, { lines: resized.cancelled, reason, note: reason }, actor)] : [];
  const target = deriveStatus({ status: current.status, lines: resized.lines }, shipments);
  if (!target || target === current.status) return { update: { $set: set }, events };
  // Capture on shipment takes the new (smaller) total.
  const resizedOrder = { ...current, lines: resized.lines, totals: resized.totals };
  return shippedChange(resizedOrder, target, settings, actor, set, [...events, ...transitionEvents(current, target, ORDER_EVENTS.statusChanged, { reason }, actor)]);
}

function somethingShipped(shipments: readonly RemoteShipment[]): boolean {
  return [...shippedUnits(shipments).shipped.values()].some((units) => units > 0);
}

/** After a release only shipped units remain allocated. */
function shippedOnly(allocation: RemoteAllocation | null) {
  return (allocation?.lines ?? []).filter((line) => line.shipped > 0).map((line) => ({ sku: line.sku, locationId: String(line.locationId), reserved: 0, shipped: line.shipped }));
}
