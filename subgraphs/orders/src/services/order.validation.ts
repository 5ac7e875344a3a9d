// Input rules for orders; violations become BAD_USER_INPUT naming the field (`input.lines[1].quantity`).
import { isCurrency } from '@oms/platform';
import { z } from 'zod';

/** GraphQL Int is 32-bit: a Money amount above this could not be returned. */
export const MAX_AMOUNT = 2_147_483_647;

const minorUnits = z
  .number()
  .int('must be an integer amount in minor units (e.g. cents)')
  .min(0, 'must not be negative')
  .max(MAX_AMOUNT, `must not exceed ${MAX_AMOUNT}`);

const optionalText = (max: number) => z.string().trim().max(max).nullish();
const requiredText = (max: number) => z.string().trim().min(1, 'is required').max(max);

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: 'must be a valid email address' }));

const address = z.object({
  name: requiredText(200),
  company: optionalText(200),
  line1: requiredText(200),
  line2: optionalText(200),
  city: requiredText(100),
  region: optionalText(100),
  postalCode: optionalText(20),
  countryCode: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE'),
  phone: optionalText(40),
  lat: z.number().min(-90).max(90).nullish(),
  lng: z.number().min(-180).max(180).nullish(),
});

const line = z.object({
  sku: requiredText(100),
  quantity: z.number().int('must be an integer').min(1, 'must be at least 1').max(1_000_000, 'must not exceed 1000000'),
  unitPrice: minorUnits,
  tax: minorUnits.nullish().transform((value) => value ?? 0),
  name: optionalText(300),
});

export const placeOrderSchema = z
  .object({
    idempotencyKey: z.string().trim().min(1, 'must not be empty').max(200).nullish(),
    // Channels are compared case-insensitively so `Shopify` and `shopify` cannot import one order twice.
    channel: z.string().trim().toLowerCase().min(1, 'is required').max(50),
    channelOrderId: z.string().trim().min(1, 'must not be empty').max(200).nullish(),
    customerId: z.string().trim().regex(/^[0-9a-f]{24}$/i, 'is not a valid customer id').nullish(),
    customer: z
      .object({ email: emailSchema, name: optionalText(200), phone: optionalText(40) })
      .nullish(),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCurrency, 'must be an ISO-4217 currency code such as EUR'),
    lines: z.array(line).min(1, 'must contain at least one line').max(500, 'must not contain more than 500 lines'),
    shippingAddress: address,
    billingAddress: address.nullish(),
    shippingPrice: minorUnits.nullish().transform((value) => value ?? 0),
    discount: minorUnits.nullish().transform((value) => value ?? 0),
    priority: z.number().int().min(-1000).max(1000).nullish().transform((value) => value ?? 0),
    note: optionalText(2000),
    tags: z.array(requiredText(50)).max(50).nullish(),
    placedAt: z.date().nullish(),
    awaitingPayment: z.boolean().nullish().transform((value) => value ?? false),
    fulfilledBy: z.enum(['MERCHANT', 'CHANNEL']).nullish().transform((value) => value ?? 'MERCHANT'),
    promise: z.object({ earliestShipAt: z.date().nullish(), latestShipAt: z.date().nullish(), latestDeliveryAt: z.date().nullish() }).nullish(),
    purchaseOrderNumber: optionalText(100),
  })
  .superRefine((input, ctx) => {
    if (!input.customerId && !input.customer) {
      ctx.addIssue({ code: 'custom', path: ['customer'], message: 'give customerId or customer' });
    }
    // Duplicate SKUs are refused rather than merged: two lines may carry different prices or names,
    // and silently picking one would change what the channel sold.
    const firstIndex = new Map<string, number>();
    input.lines.forEach((orderLine, index) => {
      const seen = firstIndex.get(orderLine.sku);
      if (seen === undefined) firstIndex.set(orderLine.sku, index);
      else ctx.addIssue({ code: 'custom', path: ['lines', index, 'sku'], message: `duplicates input.lines[${seen}].sku; combine the quantities in one line` });
    });
    const { earliestShipAt, latestShipAt, latestDeliveryAt } = input.promise ?? {};
    if (earliestShipAt && latestShipAt && earliestShipAt > latestShipAt) {
      ctx.addIssue({ code: 'custom', path: ['promise', 'latestShipAt'], message: 'must not be before promise.earliestShipAt' });
    }
    if (latestShipAt && latestDeliveryAt && latestShipAt > latestDeliveryAt) {
      ctx.addIssue({ code: 'custom', path: ['promise', 'latestDeliveryAt'], message: 'must not be before promise.latestShipAt' });
    }
    const totals = computeTotals(input);
    if (totals.subtotal + totals.shipping + totals.tax > MAX_AMOUNT) {
      ctx.addIssue({ code: 'custom', path: ['lines'], message: `order total must not exceed ${MAX_AMOUNT} minor units` });
    } else if (totals.total < 0) {
      ctx.addIssue({ code: 'custom', path: ['discount'], message: 'must not exceed subtotal + shipping + tax' });
    }
  });

export type PlaceOrder = z.infer<typeof placeOrderSchema>;

/** All amounts in integer minor units; total = subtotal + shipping + tax − discount. */
export function computeTotals(input: { lines: Array<{ quantity: number; unitPrice: number; tax: number }>; shippingPrice: number; discount: number }) {
  const subtotal = input.lines.reduce((sum, orderLine) => sum + orderLine.quantity * orderLine.unitPrice, 0);
  const tax = input.lines.reduce((sum, orderLine) => sum + orderLine.tax, 0);
  const shipping = input.shippingPrice;
  const discount = input.discount;
  return { subtotal, shipping, discount, tax, total: subtotal + shipping + tax - discount };
}

export const cancelReasonSchema = z.string().trim().min(1, 'is required').max(2000);
