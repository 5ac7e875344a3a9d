// eBay Fulfillment API Order → CanonicalOrder. Money strings become integer minor units in the order's
// currency; a failure names the eBay field (`lineItems[1].sku: is required`) and the order is
// dead-lettered alone.
import { buildCanonicalOrder, compact, MappingError, normalizeCountry, required, toMinorUnits, type CanonicalAddress, type CanonicalOrder, type CanonicalOrderState, type CanonicalPromise } from '@oms/connector-kit';
import type { EbayAmount, EbayLineItem, EbayOrder, EbayShipTo } from '../types';

function money(amount: EbayAmount | undefined, currency: string, field: string): number {
  if (!amount) return 0;
  if (amount.currency && amount.currency !== currency) throw new MappingError(`${field}.currency`, `is ${amount.currency}, but the order is in ${currency}`);
  return toMinorUnits(required(amount.value, `${field}.value`), currency, `${field}.value`);
}

/** eBay's own state words → the hub's: only a completed cancellation cancels; unpaid orders are held. */
export function orderState(order: Pick<EbayOrder, 'cancelStatus' | 'orderPaymentStatus'>): CanonicalOrderState {
  // CANCEL_REQUESTED / IN_PROGRESS: the buyer asked, the seller may still ship: not a cancellation yet.
  if (order.cancelStatus?.cancelState === 'CANCELED') return 'CANCELLED';
  if (order.orderPaymentStatus === 'PENDING' || order.orderPaymentStatus === 'FAILED') return 'PENDING';
  return 'OPEN';
}

function address(shipTo: EbayShipTo, field: string): CanonicalAddress {
  const contact = required(shipTo.contactAddress, `${field}.contactAddress`);
  return compact({
    name: required(shipTo.fullName, `${field}.fullName`),
    company: shipTo.companyName,
    line1: required(contact.addressLine1, `${field}.contactAddress.addressLine1`),
    line2: contact.addressLine2,
    city: required(contact.city, `${field}.contactAddress.city`),
    region: contact.stateOrProvince,
    postalCode: contact.postalCode,
    countryCode: normalizeCountry(contact.countryCode, `${field}.contactAddress.countryCode`),
    phone: shipTo.primaryPhone?.phoneNumber,
  });
}

const earliest = (dates: Array<string | undefined>) => pick(dates, (a, b) => a < b);
const latest = (dates: Array<string | undefined>) => pick(dates, (a, b) => a > b);

function pick(dates: Array<string | undefined>, better: (a: number, b: number) => boolean): string | undefined {
  let best: number | undefined;
  for (const date of dates) {
    const at = date ? Date.parse(date) : NaN;
    if (!Number.isNaN(at) && (best === undefined || better(at, best))) best = at;
  }
  return best === undefined ? undefined : new Date(best).toISOString();
}

/**
 * The delivery promise eBay showed the buyer: ship by the earliest line's shipByDate, delivered by the
 * latest estimated delivery (order level, else per line).
 */
export function orderPromise(order: EbayOrder): CanonicalPromise | undefined {
  const instructions = order.fulfillmentStartInstructions ?? [];
  const lines = order.lineItems ?? [];
  const promise = compact({
    latestShipAt: earliest(lines.map((line) => line.lineItemFulfillmentInstructions?.shipByDate)),
    latestDeliveryAt: latest(instructions.map((instruction) => instruction.maxEstimatedDeliveryDate)) ?? latest(lines.map((line) => line.lineItemFulfillmentInstructions?.maxEstimatedDeliveryDate)),
  });
  return Object.keys(promise).length ? promise : undefined;
}

/** eBay fulfils the order itself (eBay Fulfillment program) when it handles every line. */
const fulfilledByEbay = (lines: EbayLineItem[]) => lines.length > 0 && lines.every((line) => line.program?.fulfillmentProgram?.fulfilledBy === 'EBAY');

function line(item: EbayLineItem, index: number, currency: string) {
  const field = `lineItems[${index}]`;
  const quantity = item.quantity;
  if (!Number.isInteger(quantity) || quantity <= 0) throw new MappingError(`${field}.quantity`, `must be a positive whole number, got ${JSON.stringify(quantity)}`);
  // lineItemCost is the unit price times the quantity, before discounts.
  const cost = money(required(item.lineItemCost, `${field}.lineItemCost`), currency, `${field}.lineItemCost`);
  const tax = (item.taxes ?? []).reduce((sum, entry, t) => sum + money(entry.amount, currency, `${field}.taxes[${t}].amount`), 0);
  return compact({
    channelLineId: required(item.lineItemId, `${field}.lineItemId`),
    sku: required(item.sku, `${field}.sku`),
    quantity,
    unitPrice: Math.round(cost / quantity),
    tax,
    name: item.title,
  });
}

export function mapEbayOrder(raw: unknown): CanonicalOrder {
  const order = raw as EbayOrder;
  if (!order || typeof order !== 'object') throw new MappingError('order', 'is not an object');
  const orderId = required(order.orderId, 'orderId');
  const pricing = required(order.pricingSummary, 'pricingSummary');
  const currency = required(required(pricing.total, 'pricingSummary.total').currency, 'pricingSummary.total.currency');
  const lineItems = required(order.lineItems, 'lineItems');
  const shipTo = required(order.fulfillmentStartInstructions?.[0]?.shippingStep?.shipTo, 'fulfillmentStartInstructions[0].shippingStep.shipTo');
  const registration = order.buyer?.buyerRegistrationAddress;
  const lines = lineItems.map((item, index) => line(item, index, currency));
  // Discounts are negative amounts in pricingSummary; promotions per line are positive.
  const promotions = lineItems.reduce(
    (sum, item, index) => sum + (item.appliedPromotions ?? []).reduce((inner, promotion, p) => inner + Math.abs(money(promotion.discountAmount, currency, `lineItems[${index}].appliedPromotions[${p}].discountAmount`)), 0),
    0,
  );
  const priceDiscount = Math.abs(money(pricing.priceDiscount, currency, 'pricingSummary.priceDiscount'));
  const deliveryDiscount = Math.abs(money(pricing.deliveryDiscount, currency, 'pricingSummary.deliveryDiscount'));
  const fulfilledBy = fulfilledByEbay(lineItems) ? 'CHANNEL' : 'MERCHANT';
  const promise = orderPromise(order);

  return buildCanonicalOrder(
    compact({
      channelOrderId: orderId,
      channelOrderNumber: order.salesRecordReference,
      state: orderState(order),
      currency,
      customer: compact({
        email: required(shipTo.email ?? registration?.email, 'fulfillmentStartInstructions[0].shippingStep.shipTo.email'),
        name: shipTo.fullName ?? registration?.fullName ?? order.buyer?.username,
        phone: shipTo.primaryPhone?.phoneNumber ?? registration?.primaryPhone?.phoneNumber,
      }),
      shippingAddress: address(shipTo, 'fulfillmentStartInstructions[0].shippingStep.shipTo'),
      lines,
      shippingPrice: Math.max(0, money(pricing.deliveryCost, currency, 'pricingSummary.deliveryCost') - deliveryDiscount),
      discount: priceDiscount || promotions,
      placedAt: required(order.creationDate, 'creationDate'),
      updatedAt: required(order.lastModifiedDate, 'lastModifiedDate'),
      fulfilledBy,
      promise,
    }) as CanonicalOrder,
  );
}
