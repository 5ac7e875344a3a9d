// Input rules for stock writes; violations become BAD_USER_INPUT naming the field.
import { isObjectId } from '@oms/platform';
import { z } from 'zod';
import { skuSchema } from './inventory.validation';

/** Far above any real count and well inside a safe integer, so sums never lose precision. */
export const MAX_UNITS = 1_000_000_000;

export const locationIdSchema = z.string().refine(isObjectId, 'is not a valid location id');
const locationId = locationIdSchema;
const units = (what: string) => z.number().int('must be an integer').min(0, `${what} must not be negative`).max(MAX_UNITS);
const reference = z.string().trim().max(200).nullish();

export const setStockSchema = z.object({
  sku: skuSchema,
  locationId,
  onHand: units('onHand'),
  safetyStock: units('safetyStock').nullish(),
  reason: z.string().trim().max(500).nullish(),
  reference,
});

export const adjustStockSchema = z.object({
  sku: skuSchema,
  locationId,
  delta: z
    .number()
    .int('must be an integer')
    .refine((delta) => delta !== 0, 'must not be zero')
    .refine((delta) => Math.abs(delta) <= MAX_UNITS, `must be between -${MAX_UNITS} and ${MAX_UNITS}`),
  reason: z.string().trim().min(1, 'is required').max(500),
  reference,
});

/** Reservations and releases (used by order placement and cancellation). */
export const reservationSchema = z.object({
  sku: skuSchema,
  locationId,
  quantity: z.number().int('must be an integer').min(1, 'must be at least 1').max(MAX_UNITS),
  reference: z.string().trim().min(1, 'is required').max(200),
  reason: z.string().trim().max(500).nullish(),
});

/** Returned units put back on hand. */
export const restockSchema = z.object({
  sku: skuSchema,
  locationId,
  quantity: z.number().int('must be an integer').min(1, 'must be at least 1').max(MAX_UNITS),
  reference: z.string().trim().min(1, 'is required').max(200),
  reason: z.string().trim().max(500).nullish(),
});

export type SetStock = z.infer<typeof setStockSchema>;
export type AdjustStock = z.infer<typeof adjustStockSchema>;
export type Reservation = z.infer<typeof reservationSchema>;
