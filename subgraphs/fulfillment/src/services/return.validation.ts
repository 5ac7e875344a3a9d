// Input rules for returns; violations become BAD_USER_INPUT naming the field (`input.lines[0].quantity`).
import { z } from 'zod';

const sku = z.string().trim().min(1, 'is required').max(100);
const quantity = z.number().int('must be an integer').min(1, 'must be at least 1');

function noDuplicateSkus(lines: Array<{ sku: string }>, ctx: z.RefinementCtx): void {
  const firstIndex = new Map<string, number>();
  lines.forEach((line, index) => {
    const seen = firstIndex.get(line.sku);
    if (seen === undefined) firstIndex.set(line.sku, index);
    else ctx.addIssue({ code: 'custom', path: ['lines', index, 'sku'], message: `duplicates input.lines[${seen}].sku; combine the quantities in one line` });
  });
}

export const requestReturnSchema = z
  .object({
    orderId: z.string().trim().min(1, 'is required').max(100),
    lines: z.array(z.object({ sku, quantity })).min(1, 'must contain at least one line').max(500, 'must not contain more than 500 lines'),
    reason: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
    idempotencyKey: z.string().trim().min(1, 'must not be empty').max(200).nullish(),
  })
  .superRefine((input, ctx) => noDuplicateSkus(input.lines, ctx));

export type RequestReturn = z.infer<typeof requestReturnSchema>;

export const receiveReturnSchema = z
  .object({
    id: z.string().trim().min(1, 'is required').max(100),
    lines: z
      .array(
        z.object({
          sku,
          quantity,
          condition: z.enum(['RESTOCK', 'DAMAGED']),
          locationId: z.string().trim().min(1, 'must not be empty').max(100).nullish(),
        }),
      )
      .min(1, 'must contain at least one line')
      .max(500, 'must not contain more than 500 lines'),
  })
  .superRefine((input, ctx) => {
    noDuplicateSkus(input.lines, ctx);
    input.lines.forEach((line, index) => {
      if (line.condition === 'RESTOCK' && !line.locationId) ctx.addIssue({ code: 'custom', path: ['lines', index, 'locationId'], message: 'is required to restock' });
    });
  });

export type ReceiveReturn = z.infer<typeof receiveReturnSchema>;
