// Workflow step `allocate`: reserve the order's units in Inventory (the channel's strategy, nearest
// to the shipping address), make Fulfillment's shipments cover what is reserved, then store the
// allocation and move to ALLOCATED or BACKORDERED. Every call here is declarative, so running the
// step again after a failure (or for a backorder top-up) changes only what is missing.
import type { OrderAllocationRecord, OrderRecord, OrderStatus } from '../../models/order.model';
import { ORDER_EVENTS, orderEvent, transitionEvents } from '../order-events';
import { backorderedUnits, wantedUnits } from '../order-lines';
import type { OrderChange } from '../order-writer';
import type { RemoteAllocation, SkuQuantity } from '../peers';
import { stepState, type WorkflowContext } from './workflow-context';

/** Statuses in which an order holds (or wants) reservations. */
export const ALLOCATABLE: readonly OrderStatus[] = ['PENDING', 'BACKORDERED', 'ALLOCATED', 'PARTIALLY_SHIPPED'];

const LINES_REDUCED = 'order lines cancelled';

/** Returns the order as the step left it. */
export async function allocateStep(ctx: WorkflowContext, order: OrderRecord, actor: string): Promise<OrderRecord> {
  const orderId = String(order._id);
  // Nothing to hold (not an allocatable status, or no units left): the step is done.
  if (!ALLOCATABLE.includes(order.status) || wantedUnits(order).size === 0) {
    return (await ctx.writer.change(order._id, (current) => (current.workflow.step === 'allocate' ? { update: { $set: { workflow: stepState('done') } }, events: [] } : null))).order;
  }
  const settings = await ctx.channels.forChannel(order.channel);
  const wanted = wantedUnits(order);
  let allocation = await ctx.peers.allocateOrder(
    { orderId, lines: [...wanted].map(([sku, quantity]) => ({ sku, quantity })), destination: destinationOf(order), strategy: settings.allocationStrategy },
    actor,
  );
  // Lines cancelled since the last allocation: give back what is now reserved beyond the wanted units,
  // and start the unshipped shipments again from the allocation (they may cover released units).
  const surplus = surplusOf(allocation, wanted);
  if (surplus.length) allocation = (await ctx.peers.releaseAllocation({ orderId, lines: surplus, reason: LINES_REDUCED }, actor)) ?? allocation;
  if (surplus.length || order.workflow.resetShipments) await ctx.peers.cancelOrderShipments(orderId, LINES_REDUCED, actor);

  const allocations = toRecords(allocation);
  const backordered = backorderedUnits(wanted, allocations);
  // Without partial shipment nothing ships until every unit is reserved.
  if (backordered === 0 || settings.allowPartialShipment) {
    const lines = allocations.map((line) => ({ sku: line.sku, locationId: line.locationId, quantity: line.reserved + line.shipped })).filter((line) => line.quantity > 0);
    if (lines.length) await ctx.peers.syncOrderShipments({ orderId, lines, shipBy: order.promise?.latestShipAt ?? null, deliverBy: order.promise?.latestDeliveryAt ?? null }, actor);
  }

  const outcome = await ctx.writer.change(order._id, (current) => planAllocated(current, allocations, backordered, actor), { known: order });
  if (outcome.order.status === 'CANCELLED') {
    // Cancelled by another process while this one reserved: give the units back.
    await ctx.peers.releaseAllocation({ orderId, reason: outcome.order.cancellationReason ?? 'order cancelled' }, actor);
    await ctx.peers.cancelOrderShipments(orderId, outcome.order.cancellationReason ?? 'order cancelled', actor);
  }
  return outcome.order;
}

function planAllocated(current: OrderRecord, allocations: OrderAllocationRecord[], backordered: number, actor: string): OrderChange<void> | null {
  if (current.workflow.step !== 'allocate' || !ALLOCATABLE.includes(current.status)) return null;
  // A partly shipped order stays so (the shipment consumer moves it on); otherwise the allocation decides.
  const target: OrderStatus = current.status === 'PARTIALLY_SHIPPED' ? 'PARTIALLY_SHIPPED' : backordered > 0 ? 'BACKORDERED' : 'ALLOCATED';
  const summary = { allocations: allocations.map(({ sku, locationId, reserved, shipped }) => ({ sku, locationId, quantity: reserved + shipped })), backorderedQuantity: backordered };
  const events =
    target !== current.status
      ? transitionEvents(current, target, target === 'ALLOCATED' ? ORDER_EVENTS.allocated : ORDER_EVENTS.backordered, summary, actor)
      : sameAllocation(current.allocations ?? [], allocations)
        ? []
        : [orderEvent(ORDER_EVENTS.allocationChanged, current, summary, actor)];
  // Something shipped already (a top-up, lines cancelled): the status may have to move on too.
  const next = allocations.some((line) => line.shipped > 0) ? stepState('refresh', 0) : stepState('done');
  return { update: { $set: { status: target, allocations, backorderedQuantity: backordered, workflow: next } }, events };
}

function toRecords(allocation: RemoteAllocation): OrderAllocationRecord[] {
  return allocation.lines
    .map((line) => ({ sku: line.sku, locationId: String(line.locationId), reserved: line.reserved, shipped: line.shipped }))
    .filter((line) => line.reserved + line.shipped > 0);
}

/** Reserved units beyond what the order still wants, per SKU (never more than is reserved). */
function surplusOf(allocation: RemoteAllocation, wanted: Map<string, number>): SkuQuantity[] {
  const held = new Map<string, { reserved: number; total: number }>();
  for (const line of allocation.lines) {
    const entry = held.get(line.sku) ?? { reserved: 0, total: 0 };
    entry.reserved += line.reserved;
    entry.total += line.reserved + line.shipped;
    held.set(line.sku, entry);
  }
  const surplus: SkuQuantity[] = [];
  for (const [sku, { reserved, total }] of held) {
    const quantity = Math.min(reserved, total - (wanted.get(sku) ?? 0));
    if (quantity > 0) surplus.push({ sku, quantity });
  }
  return surplus;
}

function sameAllocation(a: readonly OrderAllocationRecord[], b: readonly OrderAllocationRecord[]): boolean {
  const key = (lines: readonly OrderAllocationRecord[]) =>
    JSON.stringify(lines.map((line) => [line.sku, line.locationId, line.reserved, line.shipped]).sort());
  return key(a) === key(b);
}

function destinationOf(order: OrderRecord): { lat: number; lng: number } | null {
  const { lat, lng } = order.shippingAddress;
  return typeof lat === 'number' && typeof lng === 'number' ? { lat, lng } : null;
}
