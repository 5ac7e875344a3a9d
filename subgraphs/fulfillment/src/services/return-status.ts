// The return (RMA) state machine, declared like the shipment one: the table is the only place that
// says which moves are legal.
import { invalidTransition } from '@oms/platform';
import type { ReturnStatus } from '../models/return.model';

export const RETURN_TRANSITIONS: Readonly<Record<ReturnStatus, readonly ReturnStatus[]>> = {
  REQUESTED: ['APPROVED', 'REJECTED'],
  // Waiting for the parcel to arrive.
  APPROVED: ['RECEIVED'],
  // Units restocked or written off; the refund is the last step.
  RECEIVED: ['REFUNDED'],
  REFUNDED: [],
  REJECTED: [],
};

/** Returns whose units are spoken for: a rejected return frees its units for another request. */
export const OPEN_OR_DONE_RETURN_STATUSES: readonly ReturnStatus[] = ['REQUESTED', 'APPROVED', 'RECEIVED', 'REFUNDED'];

export function canTransitionReturn(from: ReturnStatus, to: ReturnStatus): boolean {
  return RETURN_TRANSITIONS[from].includes(to);
}

/** Throws INVALID_TRANSITION (changing nothing) unless `from → to` is in the table. */
export function assertReturnTransition(from: ReturnStatus, to: ReturnStatus): void {
  if (!canTransitionReturn(from, to)) throw invalidTransition('Return', from, to);
}
