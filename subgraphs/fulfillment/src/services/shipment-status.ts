// The shipment state machine: every status change goes through `assertShipmentTransition`, so the
// table below is the single place that says which moves are legal.
import { invalidTransition, OmsError } from '@oms/platform';
import type { ShipmentRecord, ShipmentStatus } from '../models/shipment.model';

export const SHIPMENT_TRANSITIONS: Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  // Created from the order's allocation; nothing has been touched in the warehouse yet.
  PENDING: ['PICKING', 'CANCELLED', 'EXCEPTION'],
  PICKING: ['PACKED', 'CANCELLED', 'EXCEPTION'],
  PACKED: ['SHIPPED', 'CANCELLED', 'EXCEPTION'],
  // The units have left the building (inventory committed): no cancelling from here on.
  SHIPPED: ['DELIVERED', 'EXCEPTION'],
  DELIVERED: [],
  CANCELLED: [],
  // A problem (damaged, lost...). Before shipping the way on is to cancel it (the order's next
  // syncOrderShipments creates a replacement). After shipping it may still be delivered; see the
  // guard in `assertShipmentTransition`.
  EXCEPTION: ['CANCELLED', 'DELIVERED'],
};

/** Statuses whose units count as having left the building. */
export const SHIPPED_STATUSES: readonly ShipmentStatus[] = ['SHIPPED', 'DELIVERED'];

/** Statuses cancelOrderShipments cancels (an EXCEPTION only when it never shipped). */
export const UNSHIPPED_STATUSES: readonly ShipmentStatus[] = ['PENDING', 'PICKING', 'PACKED', 'EXCEPTION'];

export function canTransitionShipment(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return SHIPMENT_TRANSITIONS[from].includes(to);
}

/**
 * Throws INVALID_TRANSITION (changing nothing) unless `from → to` is in the table. An EXCEPTION
 * remembers whether the shipment had shipped: one that had (lost in transit) can be delivered but not
 * cancelled, since its units were taken off hand; one that had not can be cancelled, not delivered.
 */
export function assertShipmentTransition(shipment: { status: ShipmentStatus; shippedAt?: Date | null }, to: ShipmentStatus): void {
  const { status: from } = shipment;
  if (!canTransitionShipment(from, to)) throw invalidTransition('Shipment', from, to);
  if (from === 'EXCEPTION') {
    const shipped = Boolean(shipment.shippedAt);
    if ((to === 'CANCELLED' && shipped) || (to === 'DELIVERED' && !shipped)) {
      const why = shipped ? 'it has shipped' : 'it never shipped';
      throw new OmsError('INVALID_TRANSITION', `Shipment cannot move from ${from} to ${to}: ${why}`, { from, to });
    }
  }
}

/** Against the channel's promise: shipped after its ship-by time, or still open once it has passed. */
export function isLate(shipment: Pick<ShipmentRecord, 'status' | 'shipBy' | 'shippedAt'>, now: Date = new Date()): boolean {
  if (!shipment.shipBy || shipment.status === 'CANCELLED') return false;
  return (shipment.shippedAt ?? now).getTime() > new Date(shipment.shipBy).getTime();
}
