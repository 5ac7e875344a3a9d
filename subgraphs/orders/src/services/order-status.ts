// The order state machine: every status change goes through `assertTransition`, so the table
// below is the single place that says which moves are legal.
import { invalidTransition } from '@oms/platform';
import type { OrderStatus } from '../models/order.model';

export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  // Placed; hold rules and allocation still to run (or the channel ships it: CHANNEL_FULFILLED).
  PENDING: ['ON_HOLD', 'BACKORDERED', 'ALLOCATED', 'CANCELLED', 'CHANNEL_FULFILLED'],
  // Held by a hold rule; releaseHold sends it back to PENDING to continue allocation.
  ON_HOLD: ['PENDING', 'CANCELLED'],
  // Some units wait for stock. The reserved part may ship already (allowPartialShipment); a
  // backorder filled and shipped before the hub saw it moves straight on.
  BACKORDERED: ['ALLOCATED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'CANCELLED'],
  // Every unit reserved (or shipped); shipments cover them. Fewer reserved units (lines changed)
  // send it back to BACKORDERED. Shipment progress seen late may skip a step.
  ALLOCATED: ['BACKORDERED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'CANCELLED'],
  // Once anything has shipped the order can no longer be CANCELLED: cancelOrder cancels what has
  // not shipped and the order becomes SHIPPED (or DELIVERED) with what did.
  PARTIALLY_SHIPPED: ['SHIPPED', 'DELIVERED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
  // The channel ships it from its own stock; the hub only records it, and a channel cancel cancels it.
  CHANNEL_FULFILLED: ['CANCELLED'],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Throws INVALID_TRANSITION (changing nothing) unless `from → to` is in the table. */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw invalidTransition('Order', from, to);
}
