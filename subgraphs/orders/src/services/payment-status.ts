// The payment state machine of an order, declared like the order's own (order-status.ts).
// Partial captures keep AUTHORIZED until the authorised amount is captured; a second partial refund
// stays PARTIALLY_REFUNDED: those are not transitions, the status does not change.
import { OmsError } from '@oms/platform';
import type { PaymentStatus } from '../models/order.model';

export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  PENDING: ['AUTHORIZED', 'VOIDED'],
  AUTHORIZED: ['PAID', 'VOIDED'],
  PAID: ['PARTIALLY_REFUNDED', 'REFUNDED'],
  PARTIALLY_REFUNDED: ['REFUNDED'],
  REFUNDED: [],
  VOIDED: [],
};

export function canMovePayment(from: PaymentStatus, to: PaymentStatus): boolean {
  return PAYMENT_TRANSITIONS[from].includes(to);
}

/** Throws INVALID_TRANSITION (changing nothing) unless `from → to` is in the table. */
export function assertPaymentTransition(from: PaymentStatus, to: PaymentStatus): void {
  if (!canMovePayment(from, to)) throw new OmsError('INVALID_TRANSITION', `Payment cannot move from ${from} to ${to}`, { entity: 'Payment', from, to });
}
