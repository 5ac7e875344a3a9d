// The order state machine: every status change goes through `assertTransition`, so the table
// below is the single place that says which moves are legal.
import { invalidTransition } from '@oms/platform';
import type { OrderStatus } from '../models/order.model';

export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  // Placed, waiting for stock reservation.
  PENDING: ['ON_HOLD', 'BACKORDERED', 'ALLOCATED', 'CANCELLED'],
  // Held by an operator (fraud check, address problem); released back to PENDING or onwards.
  ON_HOLD: ['PENDING', 'BACKORDERED', 'ALLOCATED', 'CANCELLED'],
  // Waiting for stock that is not there yet.
  BACKORDERED: ['ON_HOLD', 'ALLOCATED', 'CANCELLED'],
  // Stock reserved at one or more locations; nothing has left the building yet.
  ALLOCATED: ['ON_HOLD', 'BACKORDERED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED'],
  // Once anything has shipped the order can no longer be cancelled (returns are a separate flow).
  PARTIALLY_SHIPPED: ['SHIPPED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Throws INVALID_TRANSITION (changing nothing) unless `from → to` is in the table. */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw invalidTransition('Order', from, to);
}
