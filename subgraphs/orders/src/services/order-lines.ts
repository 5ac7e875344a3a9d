// Arithmetic on an order's lines: units per SKU, shipped units, and totals after lines shrink.
import type { OrderAllocationRecord, OrderRecord, OrderTotalsRecord, StoredOrderLine } from '../models/order.model';
import type { RemoteShipment } from './peers';

/** n / d rounded half up, for non-negative integers (minor units). */
export function divideRoundHalfUp(n: number, d: number): number {
  return Math.floor((2 * n + d) / (2 * d));
}

/** Wanted units per SKU (lines with units left). */
export function wantedUnits(order: Pick<OrderRecord, 'lines'>): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const line of order.lines) if (line.quantity > 0) wanted.set(line.sku, (wanted.get(line.sku) ?? 0) + line.quantity);
  return wanted;
}

/** Reserved + shipped units per SKU over every location. */
export function allocatedUnits(allocations: readonly OrderAllocationRecord[]): Map<string, number> {
  const units = new Map<string, number>();
  for (const line of allocations) units.set(line.sku, (units.get(line.sku) ?? 0) + line.reserved + line.shipped);
  return units;
}

/** Units still waiting for stock. */
export function backorderedUnits(wanted: Map<string, number>, allocations: readonly OrderAllocationRecord[]): number {
  const allocated = allocatedUnits(allocations);
  let missing = 0;
  for (const [sku, quantity] of wanted) missing += Math.max(0, quantity - (allocated.get(sku) ?? 0));
  return missing;
}

/** Units per SKU in shipments that left the building (SHIPPED or DELIVERED), and those DELIVERED. */
export function shippedUnits(shipments: readonly RemoteShipment[]): { shipped: Map<string, number>; delivered: Map<string, number> } {
  const shipped = new Map<string, number>();
  const delivered = new Map<string, number>();
  for (const shipment of shipments) {
    if (shipment.status !== 'SHIPPED' && shipment.status !== 'DELIVERED') continue;
    for (const line of shipment.lines) {
      shipped.set(line.sku, (shipped.get(line.sku) ?? 0) + line.quantity);
      if (shipment.status === 'DELIVERED') delivered.set(line.sku, (delivered.get(line.sku) ?? 0) + line.quantity);
    }
  }
  return { shipped, delivered };
}

/**
 * Lines with new quantities: line total follows, line tax shrinks in proportion (half up), and
 * the order totals are recomputed (discount capped so the total never goes below zero).
 */
export function resizeLines(order: Pick<OrderRecord, 'lines' | 'totals'>, quantityOf: (line: StoredOrderLine) => number): { lines: StoredOrderLine[]; totals: OrderTotalsRecord; cancelled: Array<{ sku: string; quantity: number }> } {
  const cancelled: Array<{ sku: string; quantity: number }> = [];
  const lines = order.lines.map((line) => {
    const quantity = quantityOf(line);
    if (quantity === line.quantity) return line;
    cancelled.push({ sku: line.sku, quantity: line.quantity - quantity });
    const tax = line.quantity === 0 ? 0 : divideRoundHalfUp(line.tax * quantity, line.quantity);
    return { ...line, quantity, tax, total: quantity * line.unitPrice };
  });
  const subtotal = lines.reduce((sum, line) => sum + line.total, 0);
  const tax = lines.reduce((sum, line) => sum + line.tax, 0);
  const shipping = order.totals.shipping;
  const discount = Math.min(order.totals.discount, subtotal + shipping + tax);
  return { lines, totals: { subtotal, shipping, discount, tax, total: subtotal + shipping + tax - discount }, cancelled };
}
