// Magento order (REST `OrderInterface`, snake_case) → CanonicalOrder. Amounts are in the order
// currency (what the customer paid), decimals → minor units; child lines of configurable products are
// skipped (the parent line carries SKU, price and quantity). Failures name the Magento field.
import { buildCanonicalOrder, compact, currencyExponent, MappingError, normalizeCountry, required, toMinorUnits, type CanonicalAddress, type CanonicalOrder, type CanonicalOrderLine } from '@oms/connector-kit';
import { magentoTimeToIso, type MagentoAddress, type MagentoOrder, type MagentoOrderItem } from '../types';

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function mapAddress(address: MagentoAddress, field: string): CanonicalAddress {
  const street = Array.isArray(address.street) ? address.street.map((line) => text(line)).filter((line): line is string => Boolean(line)) : [];
  const name = [text(address.firstname), text(address.lastname)].filter(Boolean).join(' ');
  return compact({
    name: required(name || undefined, `${field}.firstname`),
    company: text(address.company),
    line1: required(street[0], `${field}.street[0]`),
    line2: street.slice(1).join(', ') || undefined,
    city: required(text(address.city), `${field}.city`),
    region: text(address.region) ?? text(address.region_code),
    postalCode: text(address.postcode),
    countryCode: normalizeCountry(address.country_id, `${field}.country_id`),
    phone: text(address.telephone),
  }) as CanonicalAddress;
}

function time(value: unknown, field: string): string {
  const iso = magentoTimeToIso(value);
  if (!iso) throw new MappingError(field, `not a Magento timestamp (YYYY-MM-DD HH:mm:ss): ${JSON.stringify(value)}`);
  return iso;
}

function quantity(value: unknown, field: string): number {
  const qty = Number(value);
  if (!Number.isFinite(qty) || qty <= 0) throw new MappingError(field, `must be a positive quantity, got ${JSON.stringify(value)}`);
  if (!Number.isInteger(qty)) throw new MappingError(field, `fractional quantities (${qty}) cannot be imported`);
  return qty;
}

function mapLine(item: MagentoOrderItem, index: number, currency: string): CanonicalOrderLine {
  const field = `items[${index}]`;
  return compact({
    channelLineId: required(text(item.item_id), `${field}.item_id`),
    sku: required(text(item.sku), `${field}.sku`),
    quantity: quantity(item.qty_ordered, `${field}.qty_ordered`),
    unitPrice: toMinorUnits(required(item.price, `${field}.price`), currency, `${field}.price`),
    tax: toMinorUnits(item.tax_amount ?? 0, currency, `${field}.tax_amount`),
    name: text(item.name),
  }) as CanonicalOrderLine;
}

/** The billing address is informative: an incomplete one must not keep the order out of the hub. */
function optionalAddress(address: MagentoAddress | undefined): CanonicalAddress | undefined {
  if (!address) return undefined;
  try {
    return mapAddress(address, 'billing_address');
  } catch {
    return undefined;
  }
}

/** Magento's `state` is the workflow state (statuses are merchant-defined labels on top of it). */
function mapState(order: MagentoOrder): CanonicalOrder['state'] {
  return order.state === 'canceled' || (!order.state && order.status === 'canceled') ? 'CANCELLED' : 'OPEN';
}

export function mapMagentoOrder(raw: unknown): CanonicalOrder {
  if (!raw || typeof raw !== 'object') throw new MappingError('order', 'not an object');
  const order = raw as MagentoOrder;
  const channelOrderId = required(text(order.entity_id), 'entity_id');
  const currencyCode = required(text(order.order_currency_code), 'order_currency_code');
  const currency = currencyCode.toUpperCase();
  currencyExponent(currency, 'order_currency_code');
  const items = Array.isArray(order.items) ? order.items : [];
  const lines = items.map((item, index) => ({ item, index })).filter(({ item }) => item && item.parent_item_id == null && !item.parent_item);
  if (lines.length === 0) throw new MappingError('items', 'the order has no lines');

  const shipping = order.extension_attributes?.shipping_assignments?.[0]?.shipping?.address;
  const billing = order.billing_address;
  // Virtual orders (downloads, gift cards) have no shipping address: ship-to is the billing address.
  const shippingAddress = shipping ? mapAddress(shipping, 'extension_attributes.shipping_assignments[0].shipping.address') : billing ? mapAddress(billing, 'billing_address') : undefined;
  const customerName = [text(order.customer_firstname), text(order.customer_lastname)].filter(Boolean).join(' ') || (billing ? [text(billing.firstname), text(billing.lastname)].filter(Boolean).join(' ') : '');

  return buildCanonicalOrder({
    channelOrderId,
    channelOrderNumber: text(order.increment_id),
    state: mapState(order),
    currency,
    customer: compact({ email: required(text(order.customer_email), 'customer_email'), name: customerName || undefined, phone: text(billing?.telephone) ?? text(shipping?.telephone) }),
    shippingAddress: required(shippingAddress, 'extension_attributes.shipping_assignments[0].shipping.address'),
    billingAddress: optionalAddress(billing),
    lines: lines.map(({ item, index }) => mapLine(item, index, currency)),
    shippingPrice: toMinorUnits(order.shipping_amount ?? 0, currency, 'shipping_amount'),
    // Magento stores discounts as negative amounts.
    discount: Math.abs(toMinorUnits(order.discount_amount ?? 0, currency, 'discount_amount')),
    placedAt: time(order.created_at, 'created_at'),
    updatedAt: time(order.updated_at, 'updated_at'),
  });
}
