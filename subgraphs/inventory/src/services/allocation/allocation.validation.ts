// Input rules for allocation writes; violations become BAD_USER_INPUT naming the field.
import { z } from 'zod';
import { skuSchema } from '../inventory.validation';
import { locationIdSchema, MAX_UNITS } from '../stock.validation';

/** An order has at most this many lines per call (each distinct SKU is one stock level per location). */
const MAX_LINES = 500;

const orderId = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const line = z.object({
  sku: skuSchema,
  quantity: z.number().int('must be an integer').min(1, 'must be at least 1').max(MAX_UNITS),
});

export const allocateOrderSchema = z.object({
  orderId,
  // May be empty: an order whose lines were all cancelled wants nothing (and reserves nothing more).
  lines: z.array(line).max(MAX_LINES, `must list at most ${MAX_LINES} lines`),
  destination: z
    .object({
      lat: z.number().min(-90, 'must be a latitude from -90 to 90').max(90, 'must be a latitude from -90 to 90'),
      lng: z.number().min(-180, 'must be a longitude from -180 to 180').max(180, 'must be a longitude from -180 to 180'),
    })
    .nullish(),
  strategy: z.string().trim().min(1, 'must not be empty').max(100).nullish(),
});

export const releaseAllocationSchema = z.object({
  orderId,
  lines: z.array(line).max(MAX_LINES, `must list at most ${MAX_LINES} lines`).nullish(),
  reason: z.string().trim().max(500).nullish(),
});

export const commitShipmentSchema = z.object({
  orderId,
  shipmentId: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  locationId: locationIdSchema,
  lines: z.array(line).min(1, 'must list at least one line').max(MAX_LINES, `must list at most ${MAX_LINES} lines`),
});

export type AllocationLineInput = z.infer<typeof line>;
export type AllocateOrderInput = z.infer<typeof allocateOrderSchema>;
