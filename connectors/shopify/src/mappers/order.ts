// Shopify order (Admin GraphQL shape) → CanonicalOrder. Decimal money becomes minor units by the
// order's currency, countries become alpha-2, a cancelled order is CANCELLED; anything the hub cannot
// take (a line without SKU, no address) throws MappingError naming the Shopify field.
import { buildCanonicalOrder, compact, MappingError, normalizeCountry, required, toMinorUnits, type CanonicalAddress, type CanonicalOrder } from '@oms/connector-kit';

interface Money {
  shopMoney: { amount: string; currencyCode?: string };
}

export interface ShopifyAddress {
  name?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  province?: string | null;
  provinceCode?: string | null;
  zip?: string | null;
  country?: string | null;
  countryCodeV2?: string | null;
  phone?: string | null;
}

export interface ShopifyLineItem {
  id: string;
  sku?: string | null;
  name: string;
  quantity: number;
  originalUnitPriceSet: Money;
  taxLines?: Array<{ priceSet: Money }>;
}

export interface ShopifyOrderNode {
  id: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  createdAt: string;
  processedAt?: string | null;
  updatedAt: string;
  cancelledAt?: string | null;
  currencyCode: string;
  customer?: { email?: string | null; firstName?: string | null; lastName?: string | null; phone?: string | null } | null;
  shippingAddress?: ShopifyAddress | null;
  billingAddress?: ShopifyAddress | null;
  totalShippingPriceSet?: Money | null;
  totalDiscountsSet?: Money | null;
  lineItems: { nodes: ShopifyLineItem[] };
}

/** `gid://shopify/Order/5500000001000` → `5500000001000` (the id merchants and REST webhooks use). */
export function legacyId(gid: string): string {
  const match = /\/(\d+)$/.exec(gid ?? '');
  if (!match) throw new MappingError('id', `not a Shopify gid: ${JSON.stringify(gid)}`);
  return match[1];
}

const text = (value: string | null | undefined) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function mapAddress(address: ShopifyAddress, field: string): CanonicalAddress {
  const name = text(address.name) ?? text([address.firstName, address.lastName].filter(Boolean).join(' '));
  return compact({
    name: required(name, `${field}.name`),
    company: text(address.company),
    line1: required(text(address.address1), `${field}.address1`),
    line2: text(address.address2),
    city: required(text(address.city), `${field}.city`),
    region: text(address.province) ?? text(address.provinceCode),
    postalCode: text(address.zip),
    countryCode: normalizeCountry(address.countryCodeV2 ?? address.country, `${field}.countryCodeV2`),
    phone: text(address.phone),
  });
}

export function mapShopifyOrder(node: ShopifyOrderNode): CanonicalOrder {
  const currency = required(node.currencyCode, 'currencyCode');
  // Digital-only orders have no shipping address; the hub ships to the billing address then.
  const shipping = node.shippingAddress ?? node.billingAddress;
  if (!shipping) throw new MappingError('shippingAddress', 'is required (neither a shipping nor a billing address on the order)');
  const shippingField = node.shippingAddress ? 'shippingAddress' : 'billingAddress';
  const email = text(node.email) ?? text(node.customer?.email);
  const customerName = text([node.customer?.firstName, node.customer?.lastName].filter(Boolean).join(' '));

  const lines = node.lineItems.nodes.map((line, index) => {
    const field = `lineItems[${index}]`;
    return compact({
      channelLineId: legacyId(line.id),
      sku: required(text(line.sku), `${field}.sku`),
      quantity: line.quantity,
      unitPrice: toMinorUnits(line.originalUnitPriceSet.shopMoney.amount, currency, `${field}.originalUnitPriceSet`),
      tax: (line.taxLines ?? []).reduce((total, tax, taxIndex) => total + toMinorUnits(tax.priceSet.shopMoney.amount, currency, `${field}.taxLines[${taxIndex}]`), 0),
      name: text(line.name),
    });
  });

  return buildCanonicalOrder(
    compact({
      channelOrderId: legacyId(node.id),
      channelOrderNumber: node.name,
      state: node.cancelledAt ? 'CANCELLED' : 'OPEN',
      currency,
      customer: compact({ email: required(email, 'email'), name: customerName ?? text(shipping.name), phone: text(node.customer?.phone) ?? text(node.phone) }),
      shippingAddress: mapAddress(shipping, shippingField),
      billingAddress: node.billingAddress ? mapAddress(node.billingAddress, 'billingAddress') : undefined,
      lines,
      shippingPrice: node.totalShippingPriceSet ? toMinorUnits(node.totalShippingPriceSet.shopMoney.amount, currency, 'totalShippingPriceSet') : 0,
      discount: node.totalDiscountsSet ? toMinorUnits(node.totalDiscountsSet.shopMoney.amount, currency, 'totalDiscountsSet') : 0,
      placedAt: node.processedAt ?? node.createdAt,
      updatedAt: node.updatedAt,
    }) as CanonicalOrder,
  );
}
