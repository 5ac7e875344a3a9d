// A channel order as the hub's PlaceOrderInput, and the check that its values fit the GraphQL types:
// a value that does not coerce (a fractional quantity, an amount past 32 bits, a missing required
// string) refuses a whole importOrders request before anything runs, so the sink keeps such an order
// out of the request and fails it alone, naming the field as the hub would.
import { z } from 'zod';
import type { CanonicalAddress, CanonicalOrder } from '../canonical';
import { compact } from '../mappers';

function addressInput(address: CanonicalAddress | undefined) {
  return address ? compact({ ...address }) : undefined;
}

/** The hub's PlaceOrderInput for a channel order; the idempotency key makes a replay return the first order. */
export function placeOrderInput(channel: string, order: CanonicalOrder) {
  return compact({
    idempotencyKey: `${channel}:${order.channelOrderId}`,
    channel,
    channelOrderId: order.channelOrderId,
    customer: compact({ ...order.customer }),
    currency: order.currency,
    lines: order.lines.map((line) => compact({ sku: line.sku, quantity: line.quantity, unitPrice: line.unitPrice, tax: line.tax, name: line.name })),
    shippingAddress: addressInput(order.shippingAddress),
    billingAddress: addressInput(order.billingAddress),
    shippingPrice: order.shippingPrice,
    discount: order.discount,
    placedAt: order.placedAt,
    // A channel order not yet payable is held in the hub until the channel says it is (see GraphHubSink).
    awaitingPayment: order.state === 'PENDING' ? true : undefined,
    fulfilledBy: order.fulfilledBy,
    promise: order.promise ? compact({ ...order.promise }) : undefined,
    purchaseOrderNumber: order.purchaseOrderNumber,
  });
}

/** GraphQL `Int`: a 32-bit signed integer. */
const int = z.number().int('GraphQL Int cannot represent a non-integer value').min(-2_147_483_648, 'GraphQL Int is 32-bit').max(2_147_483_647, 'GraphQL Int is 32-bit');
const text = z.string('must be a string');
const optionalText = text.nullish();
const address = z.object({ name: text, company: optionalText, line1: text, line2: optionalText, city: text, region: optionalText, postalCode: optionalText, countryCode: text, phone: optionalText });

/** Only what GraphQL itself checks (types, required fields); the hub's own rules stay the hub's. */
const graphqlTypes = z.object({
  idempotencyKey: text,
  channel: text,
  channelOrderId: text,
  customer: z.object({ email: text, name: optionalText, phone: optionalText }),
  currency: text,
  lines: z.array(z.object({ sku: text, quantity: int, unitPrice: int, tax: int.nullish(), name: optionalText })),
  shippingAddress: address,
  billingAddress: address.nullish(),
  shippingPrice: int.nullish(),
  discount: int.nullish(),
  placedAt: optionalText,
  awaitingPayment: z.boolean().nullish(),
  fulfilledBy: z.enum(['MERCHANT', 'CHANNEL']).nullish(),
  promise: z.object({ earliestShipAt: optionalText, latestShipAt: optionalText, latestDeliveryAt: optionalText }).nullish(),
  purchaseOrderNumber: optionalText,
});

/** Null when the input fits the hub's GraphQL types; otherwise a refusal as the hub words one. */
export function checkHubOrderInput(input: ReturnType<typeof placeOrderInput>): string | null {
  const parsed = graphqlTypes.safeParse(input);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const field = issue.path.reduce<string>((path, part) => (typeof part === 'number' ? `${path}[${part}]` : `${path}.${String(part)}`), 'input');
  return `BAD_USER_INPUT (${field}): ${field}: ${issue.message}`;
}
