// Planners for the order-facing stock writes. Each decides from the level's document as read under
// the lock (counters, the order's hold, applied restocks), so a repeat is recognised and writes nothing.
import { insufficientStock } from '@oms/platform';
import type { HoldRecord, StockLevelRecord } from '../models/stock-level.model';
import type { Planner } from './stock-writer';

export function holdOf(level: Pick<StockLevelRecord, 'holds'>, orderId: string): HoldRecord | undefined {
  return (level.holds ?? []).find((hold) => hold.ref === orderId);
}

/** Reserves up to `quantity` sellable units for the order (fewer when fewer are sellable; nothing when none). */
export function reserveUpTo(orderId: string, quantity: number, reason?: string | null): Planner {
  return (level) => {
    const units = Math.min(quantity, Math.max(0, level.sellable));
    if (units <= 0) return null;
    return {
      kind: 'RESERVATION',
      deltaOnHand: 0,
      deltaReserved: units,
      hold: { ref: orderId, deltaReserved: units },
      event: 'inventory.stock.reserved',
      eventPayload: { orderId },
      reason,
      reference: orderId,
    };
  };
}

/** Releases up to `quantity` of the units the order holds here (nothing when it holds none). */
export function releaseUpTo(orderId: string, quantity: number, reason?: string | null): Planner {
  return (level) => {
    const units = Math.min(quantity, holdOf(level, orderId)?.reserved ?? 0);
    if (units <= 0) return null;
    return {
      kind: 'RELEASE',
      deltaOnHand: 0,
      deltaReserved: -units,
      hold: { ref: orderId, deltaReserved: -units },
      event: 'inventory.stock.released',
      eventPayload: { orderId },
      reason,
      reference: orderId,
    };
  };
}

/**
 * Ships `quantity` reserved units of the order: on-hand and reserved drop together. A shipment already
 * committed against this hold is a no-op; fewer reserved units than `quantity` is refused.
 */
export function ship(orderId: string, shipmentId: string, quantity: number, field: string): Planner {
  return (level) => {
    const hold = holdOf(level, orderId);
    if (hold?.shipmentRefs?.includes(shipmentId)) return null;
    const reserved = hold?.reserved ?? 0;
    if (reserved < quantity) throw cannotShip(level.sku, String(level.locationId), orderId, reserved, quantity, field);
    return {
      kind: 'SHIPMENT',
      deltaOnHand: -quantity,
      deltaReserved: -quantity,
      hold: { ref: orderId, deltaReserved: -quantity, deltaShipped: quantity, shipmentRef: shipmentId },
      event: 'inventory.stock.shipped',
      eventPayload: { orderId, shipmentId },
      reference: shipmentId,
    };
  };
}

export function cannotShip(sku: string, locationId: string, orderId: string, reserved: number, requested: number, field: string) {
  return insufficientStock(`Cannot ship ${requested} of ${sku} from ${locationId} for order ${orderId}: only ${reserved} reserved there`, {
    field,
    sku,
    locationId,
    orderId,
    reserved,
    requested,
  });
}

/** Puts returned units back on hand, once per reference. */
export function restock(reference: string, quantity: number, reason?: string | null): Planner {
  return (level) => {
    if ((level.restockRefs ?? []).includes(reference)) return null;
    return {
      kind: 'RETURN',
      deltaOnHand: quantity,
      deltaReserved: 0,
      restockRef: reference,
      event: 'inventory.stock.restocked',
      reason,
      reference,
    };
  };
}
