// Shopify's REST order resource (what `orders/*` webhooks carry, snake_case) → the GraphQL order shape,
// so both paths share one mapper (mapShopifyOrder) and map identically.
import { MappingError } from '@oms/connector-kit';
import type { ShopifyAddress, ShopifyOrderNode } from './order';

type RestMoneySet = { shop_money?: { amount?: string; currency_code?: string } } | null | undefined;

interface RestAddress {
  name?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  company?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  province?: string | null;
  province_code?: string | null;
  zip?: string | null;
  country?: string | null;
  country_code?: string | null;
  phone?: string | null;
}

export interface RestOrder {
  id: number | string;
  admin_graphql_api_id?: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  created_at: string;
  processed_at?: string | null;
  updated_at: string;
  cancelled_at?: string | null;
  currency: string;
  customer?: { email?: string | null; first_name?: string | null; last_name?: string | null; phone?: string | null } | null;
  shipping_address?: RestAddress | null;
  billing_address?: RestAddress | null;
  line_items?: Array<{ id: number | string; sku?: string | null; name: string; quantity: number; price: string; tax_lines?: Array<{ price: string }> }>;
  total_shipping_price_set?: RestMoneySet;
  total_discounts?: string | null;
}

const address = (value: RestAddress | null | undefined): ShopifyAddress | null =>
  value
    ? {
        name: value.name ?? null,
        firstName: value.first_name ?? null,
        lastName: value.last_name ?? null,
        company: value.company ?? null,
        address1: value.address1 ?? null,
        address2: value.address2 ?? null,
        city: value.city ?? null,
        province: value.province ?? null,
        provinceCode: value.province_code ?? null,
        zip: value.zip ?? null,
        country: value.country ?? null,
        countryCodeV2: value.country_code ?? null,
        phone: value.phone ?? null,
      }
    : null;

const money = (amount: string | null | undefined) => ({ shopMoney: { amount: amount ?? '0' } });

export function restOrderToNode(order: RestOrder): ShopifyOrderNode {
  if (order === null || typeof order !== 'object' || order.id === undefined) throw new MappingError('id', 'the webhook body is not an order');
  return {
    id: order.admin_graphql_api_id ?? `gid://shopify/Order/${order.id}`,
    name: order.name,
    email: order.email,
    phone: order.phone,
    createdAt: order.created_at,
    processedAt: order.processed_at,
    updatedAt: order.updated_at,
    cancelledAt: order.cancelled_at,
    currencyCode: order.currency,
    customer: order.customer ? { email: order.customer.email, firstName: order.customer.first_name, lastName: order.customer.last_name, phone: order.customer.phone } : null,
    shippingAddress: address(order.shipping_address),
    billingAddress: address(order.billing_address),
    totalShippingPriceSet: money(order.total_shipping_price_set?.shop_money?.amount),
    totalDiscountsSet: money(order.total_discounts),
    lineItems: {
      nodes: (order.line_items ?? []).map((line) => ({
        id: `gid://shopify/LineItem/${line.id}`,
        sku: line.sku,
        name: line.name,
        quantity: line.quantity,
        originalUnitPriceSet: money(line.price),
        taxLines: (line.tax_lines ?? []).map((tax) => ({ priceSet: money(tax.price) })),
      })),
    },
  };
}
