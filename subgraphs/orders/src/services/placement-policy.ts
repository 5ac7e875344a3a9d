// What a caller may put into an order it places, beyond the input rules every order follows: a
// customer orders for itself, on the self-service channel, at the hub's terms; partners and customers
// have idempotency keys of their own. The role decisions are made in access.ts (`placement`).
import { badInput, OmsError } from '@oms/platform';
import { ordersConfig } from '../config';
import { computeTotals, MAX_AMOUNT, type PlaceOrder } from './order.validation';
import type { RemoteItem } from './peers';

/** What access.ts decided about the caller, applied by OrderService.place. */
export interface Placement {
  /** CUSTOMER: the customer it is; the order is always its own. */
  customerId?: string;
  /** PARTNER: its channels; a `customerId` must already have an order on one of them. */
  partnerChannels?: string[];
  /** Partners and customers: their idempotency keys are stored under this prefix (one namespace each). */
  idempotencyNamespace?: string;
  /** CUSTOMER: the self-service rules below apply. */
  selfService?: boolean;
  /**
   * Only the back office (and hub services, e.g. connectors) may change an existing customer's name
   * and phone through a placement; anyone else links the order to it and changes nothing.
   */
  mayChangeCustomer: boolean;
}

export const BACK_OFFICE_PLACEMENT: Placement = { mayChangeCustomer: true };

/** The channel customers place on; `OMS_SELF_SERVICE_CHANNEL`, default `web`. */
export function selfServiceChannel(): string {
  return ordersConfig.read().OMS_SELF_SERVICE_CHANNEL.trim().toLowerCase();
}

/** Units of one SKU a customer may order at once; `OMS_SELF_SERVICE_MAX_LINE_QUANTITY`, default 100. */
export function selfServiceMaxLineQuantity(): number {
  return ordersConfig.read().OMS_SELF_SERVICE_MAX_LINE_QUANTITY;
}

/**
 * Checks a customer's own order: order terms (priority, discount, the time it was placed, who ships
 * it, whether payment is awaited on a channel, a delivery promise) are the hub's and the channels',
 * not the buyer's, and quantities are bounded. FORBIDDEN / BAD_USER_INPUT naming the field.
 */
export function assertSelfServiceTerms(input: PlaceOrder): void {
  if (input.priority !== 0) throw forbiddenField('input.priority', 'a CUSTOMER may not set the priority of its order');
  if (input.fulfilledBy !== 'MERCHANT') throw forbiddenField('input.fulfilledBy', 'a self-service order is shipped by the merchant');
  if (input.awaitingPayment) throw forbiddenField('input.awaitingPayment', 'only a channel says that it awaits payment');
  if (input.promise) throw forbiddenField('input.promise', 'delivery promises come from the channel');
  if (input.discount !== 0) throw forbiddenField('input.discount', 'a CUSTOMER may not grant itself a discount');
  if (input.placedAt) throw forbiddenField('input.placedAt', 'a CUSTOMER may not choose when its order was placed');
  const max = selfServiceMaxLineQuantity();
  input.lines.forEach((line, index) => {
    if (line.quantity > max) throw badInput(`input.lines[${index}].quantity`, `must not exceed ${max} for a self-service order`);
  });
}

/**
 * A customer's order priced from the catalogue: every line at its item's list price, whatever the
 * input said. An item without a list price (or in another currency) is not sold in self-service.
 */
export function priceFromCatalogue<T extends PlaceOrder>(input: T, items: ReadonlyMap<string, RemoteItem>): T {
  const lines = input.lines.map((line, index) => {
    const item = items.get(line.sku);
    if (item?.listPrice === null || item?.listPrice === undefined) throw badInput(`input.lines[${index}].sku`, `${JSON.stringify(line.sku)} has no list price: it is not sold in self-service`);
    if (item.listPriceCurrency !== input.currency) throw badInput('input.currency', `must be ${item.listPriceCurrency}, the currency ${JSON.stringify(line.sku)} is listed in`);
    return { ...line, unitPrice: item.listPrice };
  });
  const priced = { ...input, lines };
  const totals = computeTotals(priced);
  if (totals.subtotal + totals.shipping + totals.tax > MAX_AMOUNT) throw badInput('input.lines', `order total must not exceed ${MAX_AMOUNT} minor units`);
  return priced;
}

/** The key as stored: a caller's own namespace, so nobody can claim (or probe) another caller's key. */
export function storedIdempotencyKey(key: string | null | undefined, placement: Placement): string | null | undefined {
  return key && placement.idempotencyNamespace ? `${placement.idempotencyNamespace}:${key}` : key;
}

function forbiddenField(field: string, message: string): OmsError {
  return new OmsError('FORBIDDEN', `${field}: ${message}`, { field });
}
