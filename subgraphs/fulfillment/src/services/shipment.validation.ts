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

/** Why a shipment was cancelled or flagged: kept as its note. */
export const reasonSchema = z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters');

export const shipShipmentSchema = z.object({
  id: z.string().trim().min(1, 'is required').max(100),
  carrier: z.string().trim().min(1, 'is required').max(100),
  service: optionalText(100),
  trackingNumber: z.string().trim().min(1, 'is required').max(100),
});

export const syncOrderShipmentsSchema = z
  .object({
    orderId: z.string().trim().min(1, 'is required').max(100),
    lines: z
      .array(
        z.object({
          sku: z.string().trim().min(1, 'is required').max(100),
          locationId: z.string().trim().min(1, 'is required').max(100),
          // Zero is a valid allocation (everything released); it never removes anything here.
          quantity: z.number().int('must be an integer').min(0, 'must not be negative'),
        }),
      )
      .max(2000, 'must not contain more than 2000 lines'),
    shipBy: z.date().nullish(),
    deliverBy: z.date().nullish(),
  })
  .superRefine((input, ctx) => {
    const firstIndex = new Map<string, number>();
    input.lines.forEach((line, index) => {
      const key = `${line.locationId}\u0000${line.sku}`;
      const seen = firstIndex.get(key);
      if (seen === undefined) firstIndex.set(key, index);
      else ctx.addIssue({ code: 'custom', path: ['lines', index, 'sku'], message: `duplicates input.lines[${seen}] (same SKU and location); combine the quantities in one line` });
    });
  });

export type SyncOrderShipments = z.infer<typeof syncOrderShipmentsSchema>;
