// The orders event log's vocabulary: `orders.<entity>.<verb>` in the past tense, about one order.
//
// One event per change. Every event that changes the order's status carries `{from, to}` in its
// payload, whatever its type: a move with a reason of its own has its own type (held, allocated,
// backordered, cancelled, hold_released); the others (PARTIALLY_SHIPPED, SHIPPED, DELIVERED...) are
// `orders.order.status_changed`. Order.history is exactly the order's events, each with its cursor.
import { newEvent, type OutboxEvent } from '@oms/platform';
import type { OrderRecord, OrderStatus } from '../models/order.model';
import { assertTransition } from './order-status';

export const ORDER_EVENTS = {
  placed: 'orders.order.placed',
  held: 'orders.order.held',
  holdReleased: 'orders.order.hold_released',
  /** The channel authorised payment of an order placed with awaitingPayment. */
  payable: 'orders.order.payable',
  allocated: 'orders.order.allocated',
  backordered: 'orders.order.backordered',
  /** More (or fewer) units reserved without a status change. */
  allocationChanged: 'orders.order.allocation_changed',
  statusChanged: 'orders.order.status_changed',
  cancelled: 'orders.order.cancelled',
  /** cancelOrder on a partly shipped order: what has not shipped is being cancelled. */
  cancellationRequested: 'orders.order.cancellation_requested',
  linesCancelled: 'orders.order.lines_cancelled',
  /** Reservations released and unshipped shipments cancelled after a cancellation. */
  allocationReleased: 'orders.order.allocation_released',
  paymentAuthorized: 'orders.payment.authorized',
  paymentCaptured: 'orders.payment.captured',
  paymentVoided: 'orders.payment.voided',
  refunded: 'orders.payment.refunded',
} as const;

type OrderRef = Pick<OrderRecord, '_id' | 'channel' | 'customerId'>;

/** Every order event names the order's channel and customer, so readers can scope it without a lookup. */
export function orderEvent(type: string, order: OrderRef, payload: Record<string, unknown>, actor: string): OutboxEvent {
  return newEvent(type, 'Order', String(order._id), { ...payload, channel: order.channel, customerId: order.customerId ? String(order.customerId) : null }, actor);
}

/** The event of a status change `order.status → to` (refused with INVALID_TRANSITION unless the table declares it). */
export function transitionEvents(order: Pick<OrderRecord, '_id' | 'status' | 'channel' | 'customerId'>, to: OrderStatus, type: string, payload: Record<string, unknown>, actor: string): OutboxEvent[] {
  assertTransition(order.status, to);
  return [orderEvent(type, order, { ...payload, from: order.status, to }, actor)];
}
