// Input rules for shipments; violations become BAD_USER_INPUT naming the field (`input.lines[0].quantity`).
import { z } from 'zod';

const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const createShipmentSchema = z
  .object({
    idempotencyKey: z.string().trim().min(1, 'must not be empty').max(200).nullish(),
    orderId: z.string().trim().min(1, 'is required').max(100),
    locationId: z.string().trim().min(1, 'is required').max(100),
    lines: z
      .array(
        z.object({
          sku: z.string().trim().min(1, 'is required').max(100),
          quantity: z.number().int('must be an integer').min(1, 'must be at least 1'),
        }),
      )
      .min(1, 'must contain at least one line')
      .max(500, 'must not contain more than 500 lines'),
    carrier: optionalText(100),
    service: optionalText(100),
  })
  .superRefine((input, ctx) => {
    // Refused rather than merged, like order lines: one line per SKU keeps the arithmetic obvious.
    const firstIndex = new Map<string, number>();
    input.lines.forEach((line, index) => {
      const seen = firstIndex.get(line.sku);
      if (seen === undefined) firstIndex.set(line.sku, index);
      else ctx.addIssue({ code: 'custom', path: ['lines', index, 'sku'], message: `duplicates input.lines[${seen}].sku; combine the quantities in one line` });
    });
  });

export type CreateShipment = z.infer<typeof createShipmentSchema>;
