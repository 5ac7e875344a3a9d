// An Amazon order (getOrders) and its items (getOrderItems) → the hub's CanonicalOrder. Amazon's
// states map onto the hub's (Pending is held, Shipped stays OPEN since Amazon already knows it
// shipped), AFN orders are the marketplace's to ship, and the promise dates become the shipment's.
import { buildCanonicalOrder, compact, MappingError, mapRecord, normalizeCountry, required, toMinorUnits, type CanonicalAddress, type CanonicalOrder, type CanonicalOrderLine, type CanonicalOrderState, type ChannelRecord } from '@oms/connector-kit';
import type { AmazonConfig } from '../manifest';
import type { AmazonAddress, AmazonMoney, AmazonOrder, AmazonOrderItem, AmazonOrderStatus } from '../types';

const STATES: Record<AmazonOrderStatus, CanonicalOrderState> = {
  // Placed but not yet authorised for payment (or a pre-order): held in the hub, never allocated.
  Pending: 'PENDING',
  PendingAvailability: 'PENDING',
  // Amazon Business / invoice-confirmation orders wait for the seller's invoice, not for the buyer.
  InvoiceUnconfirmed: 'OPEN',
  Unshipped: 'OPEN',
  PartiallyShipped: 'OPEN',
  Shipped: 'OPEN',
  Canceled: 'CANCELLED',
  // Only AFN orders become Unfulfillable: Amazon cancels them on its side.
  Unfulfillable: 'CANCELLED',
};

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value).trim());
const optional = (value: unknown): string | undefined => text(value) || undefined;

function instant(value: unknown, field: string): string {
  const raw = text(value);
  if (!raw || Number.isNaN(Date.parse(raw))) throw new MappingError(field, `not an ISO-8601 date-time: ${JSON.stringify(value ?? null)}`);
  return new Date(raw).toISOString();
}

const optionalInstant = (value: unknown, field: string) => (text(value) ? instant(value, field) : undefined);

/** Minor units of an SP-API Money in the order's currency; absent money is 0 (Pending orders carry none). */
function money(value: AmazonMoney | undefined, currency: string, field: string): number {
  if (!value || value.Amount === undefined) return 0;
  if (value.CurrencyCode && value.CurrencyCode.toUpperCase() !== currency) throw new MappingError(`${field}.CurrencyCode`, `${value.CurrencyCode} differs from the order's currency ${currency}`);
  return toMinorUnits(value.Amount, currency, `${field}.Amount`);
}

function mapAddress(address: AmazonAddress | undefined, restrictedData: boolean): CanonicalAddress {
  // Without a Restricted Data Token Amazon sends only city, region, postal code and country.
  const hint = restrictedData ? '' : ' (Amazon sends it only with a Restricted Data Token: enable restrictedData and the app\'s PII roles)';
  if (!address) throw new MappingError('ShippingAddress', `is missing${hint}`);
  if (!text(address.Name)) throw new MappingError('ShippingAddress.Name', `is required${hint}`);
  if (!text(address.AddressLine1)) throw new MappingError('ShippingAddress.AddressLine1', `is required${hint}`);
  return compact({
    name: text(address.Name),
    company: optional(address.CompanyName),
    line1: text(address.AddressLine1),
    line2: optional([text(address.AddressLine2), text(address.AddressLine3)].filter(Boolean).join(', ')),
    city: required(text(address.City), 'ShippingAddress.City'),
    region: optional(address.StateOrRegion),
    postalCode: optional(address.PostalCode),
    countryCode: normalizeCountry(text(address.CountryCode), 'ShippingAddress.CountryCode'),
    phone: optional(address.Phone),
  });
}

function mapLines(items: AmazonOrderItem[], currency: string, includesTax: boolean): CanonicalOrderLine[] {
  if (!items.length) throw new MappingError('OrderItems', 'the order has no items');
  return items.map((item, index) => {
    const field = `OrderItems[${index}]`;
    const quantity = Number(item.QuantityOrdered);
    if (!Number.isInteger(quantity) || quantity < 1) throw new MappingError(`${field}.QuantityOrdered`, `must be a whole number ≥ 1, got ${JSON.stringify(item.QuantityOrdered ?? null)}`);
    // ItemPrice is the whole line (price × quantity); the hub wants a unit price before tax.
    const linePrice = money(item.ItemPrice, currency, `${field}.ItemPrice`);
    const tax = money(item.ItemTax, currency, `${field}.ItemTax`);
    const net = includesTax ? linePrice - tax : linePrice;
    if (net < 0) throw new MappingError(`${field}.ItemTax`, 'exceeds ItemPrice');
    return compact({
      channelLineId: required(text(item.OrderItemId), `${field}.OrderItemId`),
      sku: required(text(item.SellerSKU), `${field}.SellerSKU`),
      quantity,
      unitPrice: Math.round(net / quantity),
      tax,
      name: optional(item.Title),
    });
  });
}

function mapOrder(order: AmazonOrder, items: AmazonOrderItem[], config: AmazonConfig): CanonicalOrder {
  const status = text(order.OrderStatus) as AmazonOrderStatus;
  const state = STATES[status];
  if (!state) throw new MappingError('OrderStatus', `unknown Amazon order status ${JSON.stringify(order.OrderStatus ?? null)}`);
  // Pending orders carry no money: the marketplace's currency then.
  const currency = required(text(order.OrderTotal?.CurrencyCode) || text(items.find((item) => item.ItemPrice?.CurrencyCode)?.ItemPrice?.CurrencyCode) || config.currency, 'OrderTotal.CurrencyCode').toUpperCase();
  const shippingAddress = mapAddress(order.ShippingAddress, config.restrictedData);
  const sum = (pick: (item: AmazonOrderItem) => AmazonMoney | undefined, field: string) => items.reduce((total, item, index) => total + money(pick(item), currency, `OrderItems[${index}].${field}`), 0);
  const shippingTax = sum((item) => item.ShippingTax, 'ShippingTax');
  const shippingPrice = sum((item) => item.ShippingPrice, 'ShippingPrice') + (config.itemPriceIncludesTax ? 0 : shippingTax);
  const promise = compact({
    earliestShipAt: optionalInstant(order.EarliestShipDate, 'EarliestShipDate'),
    latestShipAt: optionalInstant(order.LatestShipDate, 'LatestShipDate'),
    latestDeliveryAt: optionalInstant(order.LatestDeliveryDate, 'LatestDeliveryDate'),
  });

  return buildCanonicalOrder(
    compact({
      channelOrderId: required(text(order.AmazonOrderId), 'AmazonOrderId'),
      channelOrderNumber: text(order.AmazonOrderId),
      state,
      currency,
      customer: compact({
        // The marketplace's relay address (…@marketplace.amazon.de): mail sent there reaches the buyer.
        email: required(text(order.BuyerInfo?.BuyerEmail), 'BuyerInfo.BuyerEmail'),
        name: optional(order.BuyerInfo?.BuyerName) ?? shippingAddress.name,
        phone: shippingAddress.phone,
      }),
      shippingAddress,
      lines: mapLines(items, currency, config.itemPriceIncludesTax),
      shippingPrice,
      discount: sum((item) => item.PromotionDiscount, 'PromotionDiscount') + sum((item) => item.ShippingDiscount, 'ShippingDiscount'),
      placedAt: instant(order.PurchaseDate, 'PurchaseDate'),
      updatedAt: instant(order.LastUpdateDate, 'LastUpdateDate'),
      fulfilledBy: order.FulfillmentChannel === 'AFN' ? 'CHANNEL' : 'MERCHANT',
      promise: Object.keys(promise).length ? promise : undefined,
      purchaseOrderNumber: optional(order.PurchaseOrderNumber) ?? optional(order.BuyerInfo?.PurchaseOrderNumber),
    }) as CanonicalOrder,
  );
}

/** Maps one order with its items; never throws (a bad order comes back as `{ ok:false, reason }`). */
export function mapAmazonOrder(order: AmazonOrder, items: AmazonOrderItem[], config: AmazonConfig): ChannelRecord<CanonicalOrder> {
  const id = text(order?.AmazonOrderId) || 'unknown';
  const record = mapRecord(id, { order, items }, () => mapOrder(order, items, config));
  return record.ok ? record : { ...record, reason: `order ${id}: ${record.reason}` };
}
