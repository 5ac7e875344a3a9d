// What a refund of returned units is worth: each line at its unit price plus its share of the
// line's tax (tax × units / line quantity, half up, per line), plus the shipping not yet refunded
// when asked. The cap (never more than paid minus earlier refunds) is applied by the caller.
import { badInput } from '@oms/platform';
import type { OrderRecord } from '../models/order.model';
import { divideRoundHalfUp } from './order-lines';

export interface RefundLineInput {
  sku: string;
  quantity: number;
}

export interface RefundQuote {
  lines: Array<{ sku: string; quantity: number; amount: number }>;
  linesAmount: number;
  shipping: number;
}

export function quoteRefund(order: Pick<OrderRecord, 'lines' | 'totals' | 'refunds'>, lines: readonly RefundLineInput[], includeShipping: boolean): RefundQuote {
  const refundedUnits = new Map<string, number>();
  for (const refund of order.refunds ?? []) for (const line of refund.lines) refundedUnits.set(line.sku, (refundedUnits.get(line.sku) ?? 0) + line.quantity);
  const seen = new Set<string>();
  const quoted = lines.map((input, index) => {
    const line = order.lines.find((candidate) => candidate.sku === input.sku);
    if (!line) throw badInput(`input.lines[${index}].sku`, `${JSON.stringify(input.sku)} is not a line of this order`);
    if (seen.has(input.sku)) throw badInput(`input.lines[${index}].sku`, 'appears twice; combine the quantities in one line');
    seen.add(input.sku);
    const refundable = line.quantity - (refundedUnits.get(line.sku) ?? 0);
    if (input.quantity > refundable) throw badInput(`input.lines[${index}].quantity`, `only ${refundable} unit(s) of ${line.sku} can still be refunded`);
    const tax = line.quantity === 0 ? 0 : divideRoundHalfUp(line.tax * input.quantity, line.quantity);
    return { sku: line.sku, quantity: input.quantity, amount: input.quantity * line.unitPrice + tax };
  });
  const shippingRefunded = (order.refunds ?? []).reduce((sum, refund) => sum + refund.shipping, 0);
  return {
    lines: quoted,
    linesAmount: quoted.reduce((sum, line) => sum + line.amount, 0),
    shipping: includeShipping ? Math.max(0, order.totals.shipping - shippingRefunded) : 0,
  };
}
