// The orders log's events. Every order event names the order's channel and customer (readers scope
// it without a lookup); every event that moves the status carries `{from, to}`.
import { z } from 'zod';
import { currencyCode, id, minorUnits, orderStatus, paymentStatus, skuQuantity, units } from './common';
import { defineEvent } from './define-event';

const orderScope = { channel: z.string().min(1), customerId: id.nullable() };
const transition = { from: orderStatus, to: orderStatus };
const note = z.string().nullable().optional();
const reason = z.string().nullable().optional();

const allocationSummary = {
  allocations: z.array(z.object({ sku: z.string().min(1), locationId: id, quantity: units })),
  backorderedQuantity: units,
};

const paymentMove = {
  amount: minorUnits,
  currency: currencyCode,
  fromPaymentStatus: paymentStatus,
  toPaymentStatus: paymentStatus,
};

export const ORDER_EVENT_CONTRACTS = [
  defineEvent(
    'orders.order.placed',
    1,
    z.object({ ...orderScope, number: z.string().min(1), total: minorUnits, currency: currencyCode, to: z.literal('PENDING') }),
  ),
  defineEvent('orders.order.held', 1, z.object({ ...orderScope, ...transition, reasons: z.array(z.string()), note })),
  defineEvent('orders.order.hold_released', 1, z.object({ ...orderScope, ...transition, reasons: z.array(z.string()), note })),
  defineEvent('orders.order.payable', 1, z.object({ ...orderScope, remainingHoldReasons: z.array(z.string()) })),
  defineEvent('orders.order.allocated', 1, z.object({ ...orderScope, ...transition, ...allocationSummary })),
  defineEvent('orders.order.backordered', 1, z.object({ ...orderScope, ...transition, ...allocationSummary })),
  defineEvent('orders.order.allocation_changed', 1, z.object({ ...orderScope, ...allocationSummary })),
  defineEvent('orders.order.status_changed', 1, z.object({ ...orderScope, ...transition, reason, note })),
  defineEvent('orders.order.cancelled', 1, z.object({ ...orderScope, ...transition, reason, note })),
  defineEvent('orders.order.cancellation_requested', 1, z.object({ ...orderScope, reason, note, partial: z.boolean() })),
  defineEvent(
    'orders.order.lines_cancelled',
    1,
    z.object({ ...orderScope, lines: z.array(skuQuantity), reason, note, idempotencyKey: z.string().nullable().optional() }),
  ),
  defineEvent('orders.order.allocation_released', 1, z.object({ ...orderScope, reason })),
  defineEvent(
    'orders.payment.authorized',
    1,
    z.object({ ...orderScope, ...paymentMove, reference: z.string().nullable().optional(), provider: z.string().nullable().optional() }),
  ),
  defineEvent(
    'orders.payment.captured',
    1,
    z.object({ ...orderScope, ...paymentMove, amountPaid: minorUnits, reference: z.string().nullable().optional(), note }),
  ),
  defineEvent('orders.payment.voided', 1, z.object({ ...orderScope, ...paymentMove, reason, note })),
  defineEvent(
    'orders.payment.refunded',
    1,
    z.object({
      ...orderScope,
      ...paymentMove,
      refundId: id,
      /** Null for a manual refund (no return behind it). */
      returnId: id.nullable().optional(),
      shipping: minorUnits,
      capped: z.boolean(),
      manual: z.boolean(),
      lines: z.array(z.object({ sku: z.string().min(1), quantity: units, amount: minorUnits })),
      note,
    }),
  ),
] as const;
