// What a refund may cover: the units a received return brought back (asked of Fulfillment, which owns
// returns), or, without a return, an explicit manual refund by a person in the back office, with its
// reason recorded in the order's history. Never the units merely ordered.
import { badInput, notFound, OmsError } from '@oms/platform';
import type { OrderPeers } from './peers';
import type { RefundLineInput } from './refund-math';

/** `returnId` of a refund that has no return: `manual:<your reference>`, with a reason. */
export const MANUAL_REFUND_PREFIX = 'manual:';

/** Return statuses whose received units may be refunded (REFUNDED: a repeat of the same refund). */
const REFUNDABLE_RETURN_STATUSES = ['RECEIVED', 'REFUNDED'];

export interface RefundRequest {
  orderId: string;
  returnId: string;
  lines: readonly RefundLineInput[];
  reason?: string | null;
}

export interface RefundAuthority {
  /** ADMIN and STAFF: people who may refund without a return, giving a reason. Hub services may not. */
  manualAllowed: boolean;
}

/** Whether the refund is a manual one (no return behind it). Throws naming the field when it may not be recorded. */
export async function checkRefundEvidence(peers: OrderPeers, request: RefundRequest, authority: RefundAuthority, actor: string): Promise<{ manual: boolean }> {
  if (request.returnId.startsWith(MANUAL_REFUND_PREFIX)) {
    if (!authority.manualAllowed) throw new OmsError('FORBIDDEN', 'Only ADMIN or STAFF may refund without a received return', { field: 'input.returnId' });
    if (!request.reason?.trim()) throw badInput('input.reason', 'is required for a manual refund (it is recorded in the order history)');
    return { manual: true };
  }
  const received = await peers.findReturn(request.returnId, actor);
  if (!received) throw notFound('Return', request.returnId, 'input.returnId');
  if (received.orderId !== request.orderId) throw badInput('input.returnId', `return ${request.returnId} belongs to another order`);
  if (!REFUNDABLE_RETURN_STATUSES.includes(received.status)) {
    throw new OmsError('CONFLICT', `Return ${request.returnId} is ${received.status}: only units of a RECEIVED return are refunded`, { field: 'input.returnId' });
  }
  const units = new Map(received.lines.map((line) => [line.sku, line.receivedQuantity]));
  request.lines.forEach((line, index) => {
    const came = units.get(line.sku) ?? 0;
    if (came === 0) throw badInput(`input.lines[${index}].sku`, `no unit of ${JSON.stringify(line.sku)} was received with return ${request.returnId}`);
    if (line.quantity > came) throw badInput(`input.lines[${index}].quantity`, `only ${came} unit(s) of ${line.sku} were received with return ${request.returnId}`);
  });
  return { manual: false };
}
