// Input rules for items and locations; violations become BAD_USER_INPUT naming the field.
import { isCurrency } from '@oms/platform';
import { z } from 'zod';
import { LOCATION_KINDS } from '../models/location.model';

export const skuSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'may contain only letters, digits, ".", "_", "-" and "/"');

/** Optional text: null clears the field, undefined leaves it as it is. */
const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).nullish();

export const upsertInventoryItemSchema = z.object({
  sku: skuSchema,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  description: optionalText(2000),
  barcode: z.string().trim().regex(/^[0-9A-Za-z-]{4,64}$/, 'must be 4 to 64 letters, digits or "-"').nullish(),
  weightGrams: z.number().int('must be an integer').min(0, 'must not be negative').max(10_000_000).nullish(),
  active: z.boolean().nullish(),
  listPrice: z.number().int('must be an integer amount in minor units (e.g. cents)').min(0, 'must not be negative').max(2_147_483_647).nullish(),
  listPriceCurrency: z.string().trim().toUpperCase().refine(isCurrency, 'must be an ISO-4217 currency code such as EUR').nullish(),
}).superRefine((input, ctx) => {
  // A price means nothing without its currency: both are given (or cleared) together.
  const price = input.listPrice === undefined ? undefined : input.listPrice === null ? null : 'set';
  const currency = input.listPriceCurrency === undefined ? undefined : input.listPriceCurrency === null ? null : 'set';
  if (price !== currency) ctx.addIssue({ code: 'custom', path: [price === 'set' || price === null ? 'listPriceCurrency' : 'listPrice'], message: 'give listPrice and listPriceCurrency together' });
});

const addressSchema = z.object({
  line1: z.string().trim().min(1, 'is required').max(200),
  line2: optionalText(200),
  city: z.string().trim().min(1, 'is required').max(100),
  region: optionalText(100),
  postalCode: optionalText(20),
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE'),
  lat: z.number().min(-90, 'must be a latitude from -90 to 90').max(90, 'must be a latitude from -90 to 90'),
  lng: z.number().min(-180, 'must be a longitude from -180 to 180').max(180, 'must be a longitude from -180 to 180'),
});

export const upsertLocationSchema = z.object({
  // Codes are compared upper-case so "ber-1" and "BER-1" are one location.
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, 'must be 1 to 32 letters, digits, "-" or "_", e.g. BER-1'),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  kind: z.enum(LOCATION_KINDS),
  address: addressSchema,
  priority: z.number().int('must be an integer').min(0, 'must not be negative').max(1_000_000).nullish(),
  active: z.boolean().nullish(),
});

export type UpsertInventoryItem = z.infer<typeof upsertInventoryItemSchema>;
export type UpsertLocation = z.infer<typeof upsertLocationSchema>;
