// Input rules for payments and refunds; violations become BAD_USER_INPUT naming the field.
import { z } from 'zod';
import { MAX_AMOUNT } from './order.validation';

const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const paymentInputSchema = z.object({
  orderId: z.string().trim(),
  amount: z.number().int('must be an integer amount in minor units (e.g. cents)').min(1, 'must be at least 1').max(MAX_AMOUNT),
  reference: optionalText(200),
  provider: optionalText(100),
});

/** A capture names the provider's capture id: it is how a retry of the same capture is recognised. */
export const captureInputSchema = paymentInputSchema.extend({
  reference: z.string({ message: 'is required: the provider\'s capture id, so a retry is applied once' }).trim().min(1, 'is required: the provider\'s capture id, so a retry is applied once').max(200),
});

export const recordRefundInputSchema = z
  .object({
    orderId: z.string().trim(),
    returnId: z.string().trim().min(1, 'is required').max(200),
    lines: z.array(z.object({ sku: z.string().trim().min(1, 'is required'), quantity: z.number().int('must be an integer').min(1, 'must be at least 1') })).max(500),
    includeShipping: z.boolean().nullish().transform((value) => value ?? false),
    reason: optionalText(2000),
  })
  .superRefine((input, ctx) => {
    if (input.lines.length === 0 && !input.includeShipping) ctx.addIssue({ code: 'custom', path: ['lines'], message: 'must contain at least one line (or includeShipping)' });
  });

export const lineQuantitiesSchema = z
  .array(z.object({ sku: z.string().trim().min(1, 'is required'), quantity: z.number().int('must be an integer').min(1, 'must be at least 1') }))
  .min(1, 'must contain at least one line')
  .max(500);

export const reasonSchema = z.string().trim().min(1, 'is required').max(2000);

export const idempotencyKeySchema = z.string().trim().min(1, 'must not be empty').max(200);
