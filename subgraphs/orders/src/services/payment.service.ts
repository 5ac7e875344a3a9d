// Payments and refunds of an order, as the payment provider reported them: the order records
// authorisations, captures, voids and refunds and moves `paymentStatus` along its declared machine
// (payment-status.ts). Each is one guarded update of the order with its event.
import { badInput, conflict, fromZodError, notFound, toObjectIdOrNull, type OutboxEvent } from '@oms/platform';
import { Types } from 'mongoose';
import type { OrderRecord, PaymentRecord, PaymentStatus, RefundRecord } from '../models/order.model';
import { ORDER_EVENTS, orderEvent } from './order-events';
import type { OrderUpdate, OrderWriter } from './order-writer';
import { assertPaymentTransition } from './payment-status';
import { captureInputSchema, paymentInputSchema, reasonSchema, recordRefundInputSchema } from './payment.validation';
import type { OrderPeers } from './peers';
import { checkRefundEvidence, type RefundAuthority } from './refund-evidence';
import { quoteRefund } from './refund-math';

export interface CapturePlan {
  set: Record<string, unknown>;
  payment: PaymentRecord;
  events: OutboxEvent[];
}

/**
 * A capture of `amount` (already checked against what is authorised and uncaptured). PAID once the
 * captured amount reaches the authorisation, or the order total when lines were cancelled since.
 */
export function planCapture(order: OrderRecord, amount: number, details: { reference?: string | null; provider?: string | null; note?: string }, actor: string): CapturePlan {
  const paid = (order.amountPaid ?? 0) + amount;
  const target: PaymentStatus = paid >= Math.min(order.amountAuthorized ?? 0, order.totals.total) ? 'PAID' : 'AUTHORIZED';
  if (target !== order.paymentStatus) assertPaymentTransition(order.paymentStatus, target);
  const payment: PaymentRecord = { kind: 'CAPTURE', amount, reference: details.reference ?? null, provider: details.provider ?? null, at: new Date() };
  return {
    set: { paymentStatus: target, amountPaid: paid },
    payment,
    events: [
      orderEvent(
        ORDER_EVENTS.paymentCaptured,
        order,
        { amount, currency: order.currency, amountPaid: paid, fromPaymentStatus: order.paymentStatus, toPaymentStatus: target, reference: payment.reference, note: details.note ?? null },
        actor,
      ),
    ],
  };
}

/** What captureOnShipment takes when the order ships: the rest of the authorisation, never above the total. */
export function amountToCaptureOnShipment(order: OrderRecord): number {
  return Math.max(0, Math.min((order.amountAuthorized ?? 0) - (order.amountPaid ?? 0), order.totals.total - (order.amountPaid ?? 0)));
}

export class PaymentService {
  constructor(
    private readonly writer: OrderWriter,
    private readonly peers: OrderPeers,
  ) {}

  async authorize(rawInput: unknown, actor: string): Promise<OrderRecord> {
    const input = parse(paymentInputSchema, rawInput);
    const { order } = await this.writer.change(orderObjectId(input.orderId), (current) => {
      refuseCancelled(current);
      assertPaymentTransition(current.paymentStatus, 'AUTHORIZED');
      if (input.amount > current.totals.total) throw badInput('input.amount', `must not exceed the order total (${current.totals.total})`);
      const payment: PaymentRecord = { kind: 'AUTHORIZATION', amount: input.amount, reference: input.reference ?? null, provider: input.provider ?? null, at: new Date() };
      return {
        update: { $set: { paymentStatus: 'AUTHORIZED', amountAuthorized: input.amount }, $push: { payments: payment } },
        events: [
          orderEvent(
            ORDER_EVENTS.paymentAuthorized,
            current,
            { amount: input.amount, currency: current.currency, fromPaymentStatus: current.paymentStatus, toPaymentStatus: 'AUTHORIZED', reference: payment.reference, provider: payment.provider },
            actor,
          ),
        ],
      };
    }, { idField: 'input.orderId' });
    return order;
  }

  /**
   * Idempotent on `reference` (the provider's capture id): a retry returns the order and captures
   * nothing more; the same reference with another amount is a CONFLICT.
   */
  async capture(rawInput: unknown, actor: string): Promise<OrderRecord> {
    const input = parse(captureInputSchema, rawInput);
    const { order } = await this.writer.change(orderObjectId(input.orderId), (current) => {
      const repeat = (current.payments ?? []).find((payment) => payment.kind === 'CAPTURE' && payment.reference === input.reference);
      if (repeat && repeat.amount !== input.amount) throw conflict(`Capture ${JSON.stringify(input.reference)} of order ${input.orderId} was recorded with amount ${repeat.amount}`, { field: 'input.reference' });
      if (repeat) return null;
      refuseCancelled(current);
      if (current.paymentStatus !== 'AUTHORIZED') assertPaymentTransition(current.paymentStatus, 'PAID');
      const uncaptured = (current.amountAuthorized ?? 0) - (current.amountPaid ?? 0);
      if (input.amount > uncaptured) throw badInput('input.amount', `must not exceed the authorised amount not yet captured (${uncaptured})`);
      const plan = planCapture(current, input.amount, input, actor);
      return { update: { $set: plan.set, $push: { payments: plan.payment } }, events: plan.events };
    }, { idField: 'input.orderId' });
    return order;
  }

  async void(id: string, rawReason: unknown, actor: string): Promise<OrderRecord> {
    const reason = reasonSchema.safeParse(rawReason);
    if (!reason.success) throw fromZodError(reason.error, 'reason');
    const { order } = await this.writer.change(orderObjectId(id, 'id'), (current) => {
      assertPaymentTransition(current.paymentStatus, 'VOIDED');
      if ((current.amountPaid ?? 0) > 0) throw conflict(`Order ${id} has captured ${current.amountPaid}; refund it instead of voiding`, { field: 'id' });
      const payment: PaymentRecord = { kind: 'VOID', amount: current.amountAuthorized ?? 0, reference: null, provider: null, at: new Date() };
      return {
        update: { $set: { paymentStatus: 'VOIDED' }, $push: { payments: payment } },
        events: [orderEvent(ORDER_EVENTS.paymentVoided, current, { amount: payment.amount, currency: current.currency, fromPaymentStatus: current.paymentStatus, toPaymentStatus: 'VOIDED', reason: reason.data, note: reason.data }, actor)],
      };
    });
    return order;
  }

  /**
   * Idempotent on returnId: a repeat returns the first refund whatever else it says. The refund covers
   * at most the units its return brought back, or is a manual one with a reason (refund-evidence.ts).
   */
  async recordRefund(rawInput: unknown, actor: string, authority: RefundAuthority): Promise<{ order: OrderRecord; refund: RefundRecord }> {
    const input = parse(recordRefundInputSchema, rawInput);
    const _id = orderObjectId(input.orderId);
    // A repeat is answered before the evidence is asked for again (the return has moved on to REFUNDED).
    const known = await this.writer.orders.findById(_id).lean<OrderRecord>().exec();
    const earlier = known?.refunds?.find((refund) => refund.returnId === input.returnId);
    if (known && earlier) return { order: known, refund: earlier };
    const { manual } = await checkRefundEvidence(this.peers, input, authority, actor);
    const { order, result } = await this.writer.change<RefundRecord>(_id, (current) => {
      const repeat = (current.refunds ?? []).find((refund) => refund.returnId === input.returnId);
      if (repeat) return { update: {}, events: [], result: repeat };
      const quote = quoteRefund(current, input.lines, input.includeShipping);
      const refundable = (current.amountPaid ?? 0) - (current.amountRefunded ?? 0);
      if (refundable <= 0) throw conflict(`Nothing of order ${input.orderId} is left to refund (paid ${current.amountPaid ?? 0}, refunded ${current.amountRefunded ?? 0})`, { field: 'input.orderId' });
      const wanted = quote.linesAmount + quote.shipping;
      if (wanted === 0) throw badInput('input.lines', 'nothing to refund: the lines and shipping are worth 0');
      // Never more than was paid minus earlier refunds; the cap comes off the shipping first.
      const amount = Math.min(wanted, refundable);
      const shipping = Math.min(quote.shipping, Math.max(0, amount - quote.linesAmount));
      const refunded = (current.amountRefunded ?? 0) + amount;
      const target: PaymentStatus = refunded >= (current.amountPaid ?? 0) ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
      if (target !== current.paymentStatus) assertPaymentTransition(current.paymentStatus, target);
      const refund: RefundRecord = { _id: new Types.ObjectId(), returnId: input.returnId, amount, shipping, reason: input.reason ?? null, lines: quote.lines, at: new Date() };
      const update: OrderUpdate = { $set: { paymentStatus: target, amountRefunded: refunded }, $push: { refunds: refund } };
      return {
        update,
        result: refund,
        events: [
          orderEvent(
            ORDER_EVENTS.refunded,
            current,
            {
              refundId: String(refund._id),
              returnId: refund.returnId,
              amount,
              shipping,
              capped: amount < wanted,
              manual,
              currency: current.currency,
              lines: quote.lines,
              fromPaymentStatus: current.paymentStatus,
              toPaymentStatus: target,
              note: input.reason ?? null,
            },
            actor,
          ),
        ],
      };
    }, { idField: 'input.orderId', known });
    return { order, refund: result! };
  }
}

function parse<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } }, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error, 'input');
  return parsed.data;
}

function orderObjectId(id: string, field = 'input.orderId'): Types.ObjectId {
  const objectId = toObjectIdOrNull(id);
  if (!objectId) throw notFound('Order', id, field);
  return objectId;
}

function refuseCancelled(order: OrderRecord): void {
  if (order.status === 'CANCELLED') throw conflict(`Order ${String(order._id)} is cancelled`, { field: 'input.orderId' });
}
