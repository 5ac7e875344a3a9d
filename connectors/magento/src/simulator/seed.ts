// Deterministic order data for the simulator: a seeded PRNG, a small catalog over the given SKUs and
// orders that look like Magento's (guest and registered customers, configurable parent/child lines,
// taxes per country, discounts, foreign-currency orders) with totals that add up.
import { seededRandom, type Random } from '@oms/connector-kit';
import type { MagentoAddress, MagentoOrder, MagentoOrderItem, MagentoTimestamp } from '../types';

export { seededRandom, type Random };

export interface CatalogEntry {
  sku: string;
  name: string;
  price: number;
  /** Sold as a variant of a configurable product: orders carry a parent and a child line. */
  configurable: boolean;
}

const NOUNS = ['Tee', 'Hoodie', 'Jacket', 'Backpack', 'Water Bottle', 'Yoga Mat', 'Sneaker', 'Cap'];

export function buildCatalog(skus: string[]): CatalogEntry[] {
  return skus.map((sku, index) => ({
    sku,
    name: `${NOUNS[index % NOUNS.length]} ${sku}`,
    price: round2(9.5 + ((index * 37) % 23) * 4.25),
    configurable: index % 3 === 0,
  }));
}

const round2 = (value: number) => Math.round(value * 100) / 100;

interface Region {
  country: string;
  city: string;
  region: string | null;
  regionCode: string | null;
  postcode: string;
  street: string;
  taxRate: number;
  phone: string;
}

const REGIONS: Region[] = [
  { country: 'DE', city: 'Berlin', region: 'Berlin', regionCode: 'BER', postcode: '10115', street: 'Invalidenstraße', taxRate: 19, phone: '+49 30 1234567' },
  { country: 'FR', city: 'Lyon', region: null, regionCode: null, postcode: '69002', street: 'Rue de la République', taxRate: 20, phone: '+33 4 78 12 34 56' },
  { country: 'NL', city: 'Utrecht', region: null, regionCode: null, postcode: '3511 AB', street: 'Oudegracht', taxRate: 21, phone: '+31 30 123 4567' },
  { country: 'AT', city: 'Wien', region: 'Wien', regionCode: 'WI', postcode: '1010', street: 'Kärntner Straße', taxRate: 20, phone: '+43 1 2345678' },
  { country: 'US', city: 'Austin', region: 'Texas', regionCode: 'TX', postcode: '78701', street: 'Congress Ave', taxRate: 0, phone: '+1 512 555 0100' },
  { country: 'GB', city: 'Leeds', region: null, regionCode: null, postcode: 'LS1 4AP', street: 'Briggate', taxRate: 20, phone: '+44 113 496 0000' },
];

const FIRST = ['Anna', 'Lukas', 'Chloé', 'Daan', 'Emily', 'Jonas', 'Sofia', 'Noah', 'Mia', 'Liam'];
const LAST = ['Müller', 'Martin', 'de Vries', 'Gruber', 'Smith', 'Jones', 'Schmidt', 'Bernard', 'Visser', 'Taylor'];

export interface OrderSeed {
  entityId: number;
  /** Next sales_order_item id (item ids are global in Magento, not per order). */
  nextItemId: () => number;
  random: Random;
  catalog: CatalogEntry[];
  createdAt: MagentoTimestamp;
  updatedAt: MagentoTimestamp;
}

function address(type: 'billing' | 'shipping', entityId: number, first: string, last: string, region: Region, email: string, house: number): MagentoAddress {
  return {
    entity_id: entityId * 2 + (type === 'billing' ? 0 : 1),
    parent_id: entityId,
    address_type: type,
    firstname: first,
    lastname: last,
    company: null,
    street: [`${region.street} ${house}`],
    city: region.city,
    region: region.region,
    region_code: region.regionCode,
    postcode: region.postcode,
    country_id: region.country,
    telephone: region.phone,
    email,
  };
}

export function buildOrder(seed: OrderSeed): MagentoOrder {
  const { entityId, random, catalog, createdAt, updatedAt } = seed;
  const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
  const region = pick(REGIONS);
  const first = pick(FIRST);
  const last = pick(LAST);
  const email = `${first}.${last}.${entityId}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
  const guest = random() < 0.3;
  // One order in seven is paid in US dollars on the euro store (order_currency_code differs from base).
  const foreign = entityId % 7 === 0;
  const rate = foreign ? 1.0843 : 1;
  const currency = foreign ? 'USD' : 'EUR';
  const state = entityId % 4 === 0 ? { state: 'new', status: 'pending' } : { state: 'processing', status: 'processing' };

  const items: MagentoOrderItem[] = [];
  const lineCount = 1 + Math.floor(random() * 3);
  const used = new Set<string>();
  for (let n = 0; n < lineCount; n++) {
    const product = pick(catalog);
    if (used.has(product.sku)) continue;
    used.add(product.sku);
    const qty = 1 + Math.floor(random() * 3);
    const price = round2(product.price * rate);
    const rowTotal = round2(price * qty);
    const tax = round2((rowTotal * region.taxRate) / 100);
    const base = {
      order_id: entityId,
      sku: product.sku,
      qty_ordered: qty,
      qty_shipped: 0,
      qty_canceled: 0,
      qty_invoiced: state.state === 'processing' ? qty : 0,
      is_virtual: 0 as const,
      store_id: 1,
      created_at: createdAt,
      updated_at: updatedAt,
      weight: 0.5,
    };
    const line: MagentoOrderItem = {
      ...base,
      item_id: seed.nextItemId(),
      name: product.name,
      product_id: 1000 + catalog.indexOf(product) * 10,
      product_type: product.configurable ? 'configurable' : 'simple',
      price,
      base_price: product.price,
      original_price: price,
      price_incl_tax: round2(price * (1 + region.taxRate / 100)),
      row_total: rowTotal,
      row_total_incl_tax: round2(rowTotal + tax),
      tax_amount: tax,
      tax_percent: region.taxRate,
      discount_amount: 0,
    };
    items.push(line);
    if (product.configurable) {
      // The simple variant: same SKU, zero price, pointing at its configurable parent.
      items.push({
        ...base,
        item_id: seed.nextItemId(),
        parent_item_id: line.item_id,
        parent_item: { ...line },
        name: `${product.name} (variant)`,
        product_id: 1001 + catalog.indexOf(product) * 10,
        product_type: 'simple',
        price: 0,
        base_price: 0,
        original_price: 0,
        price_incl_tax: 0,
        row_total: 0,
        row_total_incl_tax: 0,
        tax_amount: 0,
        tax_percent: 0,
        discount_amount: 0,
      });
    }
  }

  const parents = items.filter((item) => item.parent_item_id === undefined);
  const subtotal = round2(parents.reduce((sum, item) => sum + item.row_total, 0));
  const taxAmount = round2(parents.reduce((sum, item) => sum + item.tax_amount, 0));
  const shipping = subtotal >= 100 ? 0 : round2(4.95 * rate);
  const discount = entityId % 5 === 0 ? -round2(5 * rate) : 0;
  const grandTotal = round2(subtotal + taxAmount + shipping + discount);
  const billing = address('billing', entityId, first, last, region, email, 1 + (entityId % 90));
  const shippingAddress = address('shipping', entityId, first, last, region, email, 1 + (entityId % 90));

  return {
    entity_id: entityId,
    increment_id: String(entityId).padStart(9, '0'),
    ...state,
    store_id: 1,
    created_at: createdAt,
    updated_at: updatedAt,
    customer_id: guest ? null : 500 + entityId,
    customer_is_guest: guest ? 1 : 0,
    customer_email: email,
    // Guest orders carry no customer name of their own; it is on the addresses.
    customer_firstname: guest ? null : first,
    customer_lastname: guest ? null : last,
    base_currency_code: 'EUR',
    order_currency_code: currency,
    global_currency_code: 'EUR',
    store_currency_code: 'EUR',
    base_to_order_rate: rate,
    grand_total: grandTotal,
    base_grand_total: round2(grandTotal / rate),
    subtotal,
    base_subtotal: round2(subtotal / rate),
    tax_amount: taxAmount,
    base_tax_amount: round2(taxAmount / rate),
    shipping_amount: shipping,
    base_shipping_amount: round2(shipping / rate),
    shipping_description: 'Flat Rate - Fixed',
    discount_amount: discount,
    base_discount_amount: round2(discount / rate),
    total_qty_ordered: parents.reduce((sum, item) => sum + item.qty_ordered, 0),
    total_item_count: items.length,
    items,
    billing_address: billing,
    payment: { method: 'checkmo', amount_ordered: grandTotal, base_amount_ordered: round2(grandTotal / rate) },
    status_histories: [],
    extension_attributes: {
      shipping_assignments: [{ shipping: { address: shippingAddress, method: 'flatrate_flatrate', total: { shipping_amount: shipping } }, items }],
    },
  };
}
