// Mapping helpers every connector shares: decimal money → integer minor units by the currency's
// ISO-4217 exponent, country names/codes → ISO-3166 alpha-2, published stock with a buffer, and a safe
// way to build a CanonicalOrder where any failure becomes a dead-letter reason naming the field.
import * as currencyCodes from 'currency-codes';
import * as countries from 'i18n-iso-countries';
import { z } from 'zod';
import type { CanonicalOrder } from './canonical';
import type { ChannelRecord } from './connector';

// Names channels send come in English mostly, sometimes in the shop's language.
for (const lang of ['en', 'de', 'fr', 'es', 'it', 'nl']) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));

/** A channel record could not be mapped; `field` is the channel-side path (`lineItems[2].sku`). */
export class MappingError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'MappingError';
  }
}

/** ISO-4217 minor-unit exponent: EUR 2, JPY 0, KWD 3. Throws MappingError for unknown codes. */
export function currencyExponent(currency: string, field = 'currency'): number {
  const code = typeof currency === 'string' ? currency.trim().toUpperCase() : '';
  const entry = /^[A-Z]{3}$/.test(code) ? currencyCodes.code(code) : undefined;
  if (!entry) throw new MappingError(field, `unknown ISO-4217 currency ${JSON.stringify(currency)}`);
  return entry.digits;
}

/**
 * Decimal amount → integer minor units, exactly (string arithmetic, no float drift: "19.99" EUR → 1999,
 * "1500" JPY → 1500, "1.234" KWD → 1234). Extra decimals round half away from zero.
 */
export function toMinorUnits(decimal: string | number, currency: string, field = 'amount'): number {
  const exponent = currencyExponent(currency);
  const text = typeof decimal === 'number' ? (Number.isFinite(decimal) ? decimalString(decimal) : '') : String(decimal ?? '').trim();
  const match = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && !match[3])) throw new MappingError(field, `not a decimal amount: ${JSON.stringify(decimal)}`);
  const [, sign, whole, fraction = ''] = match;
  const padded = fraction.padEnd(exponent + 1, '0');
  let minor = Number(`${whole || '0'}${padded.slice(0, exponent)}`);
  if (Number(padded[exponent]) >= 5) minor += 1;
  if (!Number.isSafeInteger(minor)) throw new MappingError(field, `amount out of range: ${JSON.stringify(decimal)}`);
  return sign === '-' && minor !== 0 ? -minor : minor;
}

function decimalString(value: number): string {
  // toString may give exponent notation (1e-7); toFixed(12) is exact enough for money inputs.
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(12) : text;
}

/** Minor units → decimal string for channels that want decimals back (1999 EUR → "19.99"). */
export function fromMinorUnits(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(minor))).padStart(exponent + 1, '0');
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

// Codes channels send that ISO does not assign (exceptionally reserved or common mistakes).
const COUNTRY_ALIASES: Record<string, string> = { UK: 'GB', EL: 'GR', UAE: 'AE' };

/** ISO-3166-1 alpha-2 from alpha-2, alpha-3, numeric or a country name; MappingError naming the field otherwise. */
export function normalizeCountry(value: string | null | undefined, field = 'countryCode'): string {
  const raw = typeof value === 'string' ? value.trim() : '';
  if (!raw) throw new MappingError(field, 'country is missing');
  const upper = raw.toUpperCase();
  if (COUNTRY_ALIASES[upper]) return COUNTRY_ALIASES[upper];
  if (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper)) return upper;
  if (/^[A-Z]{3}$/.test(upper)) {
    const alpha2 = countries.alpha3ToAlpha2(upper);
    if (alpha2) return alpha2;
  }
  if (/^\d{3}$/.test(upper)) {
    const alpha2 = countries.numericToAlpha2(upper);
    if (alpha2) return alpha2;
  }
  for (const lang of ['en', 'de', 'fr', 'es', 'it', 'nl']) {
    const alpha2 = countries.getAlpha2Code(raw, lang) ?? countries.getSimpleAlpha2Code(raw, lang);
    if (alpha2) return alpha2;
  }
  throw new MappingError(field, `unknown country ${JSON.stringify(value)}`);
}

/** What to publish to a channel: available minus the safety buffer, never below zero, whole units. */
export function publishQuantity(available: number, buffer = 0): number {
  if (!Number.isFinite(available)) return 0;
  return Math.max(0, Math.floor(available) - Math.max(0, Math.floor(buffer || 0)));
}

const isoInstant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO-8601 date-time');

const addressSchema = z.object({
  name: z.string().trim().min(1, 'is required'),
  company: z.string().optional(),
  line1: z.string().trim().min(1, 'is required'),
  line2: z.string().optional(),
  city: z.string().trim().min(1, 'is required'),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'must be ISO-3166 alpha-2'),
  phone: z.string().optional(),
});

const minor = z.number().int('must be integer minor units');

/** The shape every CanonicalOrder must have before it reaches the hub. */
export const canonicalOrderSchema = z.object({
  channelOrderId: z.string().min(1, 'is required'),
  channelOrderNumber: z.string().optional(),
  state: z.enum(['PENDING', 'OPEN', 'CANCELLED']),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be ISO-4217'),
  customer: z.object({ email: z.string().trim().min(3, 'is required').includes('@', { message: 'must be an email address' }), name: z.string().optional(), phone: z.string().optional() }),
  shippingAddress: addressSchema,
  billingAddress: addressSchema.optional(),
  lines: z
    .array(
      z.object({
        channelLineId: z.string().min(1, 'is required'),
        sku: z.string().trim().min(1, 'is required (the hub matches lines to inventory by SKU)'),
        quantity: z.number().int().positive('must be at least 1'),
        unitPrice: minor.nonnegative(),
        tax: minor.nonnegative(),
        name: z.string().optional(),
      }),
    )
    .min(1, 'an order needs at least one line'),
  shippingPrice: minor.nonnegative(),
  discount: minor.nonnegative(),
  placedAt: isoInstant,
  updatedAt: isoInstant,
  fulfilledBy: z.enum(['MERCHANT', 'CHANNEL']).optional(),
  promise: z.object({ earliestShipAt: isoInstant.optional(), latestShipAt: isoInstant.optional(), latestDeliveryAt: isoInstant.optional() }).optional(),
  purchaseOrderNumber: z.string().trim().min(1, 'must not be empty').max(100).optional(),
});

/** Drops keys whose value is undefined or null, so optional fields stay absent rather than null. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== null)) as T;
}

/** Validates a mapped order (times normalised to UTC ISO-8601); throws MappingError naming the first bad field. */
export function buildCanonicalOrder(order: CanonicalOrder): CanonicalOrder {
  const result = canonicalOrderSchema.safeParse(order);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new MappingError(issue.path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`)).join('') || 'order', issue.message);
  }
  return { ...order, placedAt: new Date(order.placedAt).toISOString(), updatedAt: new Date(order.updatedAt).toISOString() };
}

/** The dead-letter reason for any mapping failure: the field and what is wrong with it. */
export function mappingFailureReason(error: unknown): string {
  if (error instanceof MappingError) return error.message;
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    return `${issue.path.join('.') || 'record'}: ${issue.message}`;
  }
  return `record: ${error instanceof Error ? error.message : String(error)}`;
}

/** Runs a mapper; a failure becomes `{ ok:false, reason }` (dead-lettered, the rest go on), never a throw. */
export function mapRecord<T>(channelId: string, raw: unknown, map: (raw: unknown) => T): ChannelRecord<T> {
  try {
    return { ok: true, channelId, record: map(raw) };
  } catch (error) {
    return { ok: false, channelId, reason: mappingFailureReason(error), raw };
  }
}

/** Reads a required value, or throws MappingError naming the field. */
export function required<T>(value: T | null | undefined, field: string): T {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) throw new MappingError(field, 'is required');
  return value;
}
