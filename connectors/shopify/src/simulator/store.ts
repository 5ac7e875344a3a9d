// The simulated shop's data: deterministic seeded orders, variants with inventory levels per location,
// fulfillment orders and fulfillments, and the writes the API and the test hooks make to them.
// Timestamps have Shopify's one-second resolution; every channel-side change gets a later second than
// the one before, so `updated_at` cursors see each change.
import { seededRandom } from '@oms/connector-kit';

export interface SimAddress {
  firstName: string;
  lastName: string;
  company?: string;
  address1: string;
  address2?: string;
  city: string;
  province?: string;
  provinceCode?: string;
  zip: string;
  country: string;
  countryCode: string;
  phone?: string;
}

export interface SimLineItem {
  id: number;
  sku: string | null;
  name: string;
  quantity: number;
  /** Decimal string in the shop currency, per unit. */
  price: string;
  /** Decimal string, whole line. */
  tax: string;
  taxRate: number;
  variantId: number | null;
}

export interface SimFulfillmentOrderLine {
  id: number;
  lineItemId: number;
  total: number;
  remaining: number;
}

export interface SimFulfillmentOrder {
  id: number;
  status: 'OPEN' | 'IN_PROGRESS' | 'CLOSED' | 'CANCELLED';
  locationId: number;
  lines: SimFulfillmentOrderLine[];
}

export interface SimFulfillment {
  id: number;
  createdAt: string;
  company: string | null;
  number: string | null;
  url: string | null;
  lines: Array<{ fulfillmentOrderLineId: number; quantity: number }>;
}

export interface SimOrder {
  id: number;
  name: string;
  email: string | null;
  createdAt: string;
  processedAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  currency: string;
  customer: { id: number; email: string; firstName: string; lastName: string; phone?: string } | null;
  shippingAddress: SimAddress | null;
  billingAddress: SimAddress | null;
  lineItems: SimLineItem[];
  shipping: string;
  discount: string;
  fulfillmentOrders: SimFulfillmentOrder[];
  fulfillments: SimFulfillment[];
}

export interface SimVariant {
  id: number;
  sku: string;
  title: string;
  price: string;
  inventoryItemId: number;
}

export interface SimInventoryItem {
  id: number;
  sku: string;
  /** locationId → quantities by name (`available`, `on_hand`). */
  levels: Map<number, { available: number; on_hand: number }>;
}

export interface SimLocation {
  id: number;
  name: string;
  isActive: boolean;
}


export const shopifyTime = (seconds: number): string => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

const FIRST_NAMES = ['Anna', 'Ben', 'Chloé', 'David', 'Emma', 'Finn', 'Greta', 'Hugo', 'Ines', 'Jonas'];
const LAST_NAMES = ['Müller', 'Schmidt', 'Dubois', 'Jansen', 'Gruber', 'Smith', 'Rossi', 'García'];
const PLACES: Array<Pick<SimAddress, 'city' | 'zip' | 'country' | 'countryCode' | 'province' | 'provinceCode'>> = [
  { city: 'Berlin', zip: '10115', country: 'Germany', countryCode: 'DE', province: 'Berlin', provinceCode: 'BE' },
  { city: 'Paris', zip: '75001', country: 'France', countryCode: 'FR' },
  { city: 'Amsterdam', zip: '1012', country: 'Netherlands', countryCode: 'NL' },
  { city: 'Vienna', zip: '1010', country: 'Austria', countryCode: 'AT' },
  { city: 'Hamburg', zip: '20095', country: 'Germany', countryCode: 'DE', province: 'Hamburg', provinceCode: 'HH' },
];
const PRODUCTS = ['Linen Shirt', 'Wool Socks', 'Canvas Tote', 'Rain Jacket', 'Cotton Tee', 'Leather Belt', 'Knit Beanie', 'Trail Shoes'];

export interface SimStoreOptions {
  orders: number;
  seed?: number;
  skuPrefix?: string;
  currency?: string;
  /** Units available per SKU at the primary location to start with. */
  initialStock?: number;
  /** Product variants (SKUs) in the catalogue; default 8. */
  catalogue?: number;
}

export class SimStore {
  readonly orders = new Map<number, SimOrder>();
  readonly variants: SimVariant[] = [];
  readonly inventoryItems = new Map<number, SimInventoryItem>();
  readonly locations: SimLocation[] = [
    { id: 61000000001, name: 'Shop location', isActive: true },
    { id: 61000000002, name: 'Outlet warehouse', isActive: true },
  ];
  readonly currency: string;
  private readonly random: () => number;
  private nextOrderId = 5500000001000;
  private nextId = 13000000000000;
  private lastStamp = 0;
  /** Seeded orders are spaced a minute apart from here. */
  private readonly seedStart = Date.parse('2025-01-06T08:00:00Z') / 1000;

  constructor(options: SimStoreOptions) {
    this.random = seededRandom(options.seed ?? 20250106);
    this.currency = options.currency ?? 'EUR';
    const prefix = options.skuPrefix ?? 'SHPSIM';
    const catalogue = Array.from({ length: options.catalogue ?? PRODUCTS.length }, (_, index) => (index < PRODUCTS.length ? PRODUCTS[index] : `${PRODUCTS[index % PRODUCTS.length]} ${Math.floor(index / PRODUCTS.length) + 1}`));
    catalogue.forEach((title, index) => {
      const sku = `${prefix}-${String(index + 1).padStart(3, '0')}`;
      const variant: SimVariant = { id: 44000000001 + index, sku, title, price: (9.9 + (index % 20) * 7.5).toFixed(2), inventoryItemId: 46000000001 + index };
      this.variants.push(variant);
      this.inventoryItems.set(variant.inventoryItemId, {
        id: variant.inventoryItemId,
        sku,
        levels: new Map([[this.locations[0].id, { available: options.initialStock ?? 100, on_hand: options.initialStock ?? 100 }]]),
      });
    });
    for (let i = 0; i < options.orders; i++) this.createOrder(this.seedStart + i * 60);
    this.lastStamp = this.seedStart + options.orders * 60;
  }

  get skus(): string[] {
    return this.variants.map((variant) => variant.sku);
  }

  /** A second later than any change before it (Shopify's timestamps have one-second resolution). */
  private stamp(): number {
    this.lastStamp = Math.max(Math.floor(Date.now() / 1000), this.lastStamp + 1);
    return this.lastStamp;
  }

  private id(): number {
    return this.nextId++;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private createOrder(createdSeconds: number): SimOrder {
    const id = this.nextOrderId++;
    const number = id - 5500000000000;
    const firstName = this.pick(FIRST_NAMES);
    const lastName = this.pick(LAST_NAMES);
    const email = `${firstName}.${lastName}.${number}@example.com`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const place = this.pick(PLACES);
    const address: SimAddress = { firstName, lastName, address1: `${1 + Math.floor(this.random() * 120)} Market Street`, phone: '+49 30 1234567', ...place };
    const lineCount = 1 + Math.floor(this.random() * 3);
    const chosen = new Set<number>();
    while (chosen.size < lineCount) chosen.add(Math.floor(this.random() * this.variants.length));
    const lineItems: SimLineItem[] = [...chosen].map((index) => {
      const variant = this.variants[index];
      const quantity = 1 + Math.floor(this.random() * 3);
      const taxRate = 0.19;
      return { id: this.id(), sku: variant.sku, name: variant.title, quantity, price: variant.price, tax: (Number(variant.price) * quantity * taxRate).toFixed(2), taxRate, variantId: variant.id };
    });
    const at = shopifyTime(createdSeconds);
    const order: SimOrder = {
      id,
      name: `#${number}`,
      email,
      createdAt: at,
      processedAt: at,
      updatedAt: at,
      cancelledAt: null,
      cancelReason: null,
      currency: this.currency,
      customer: { id: 7000000000 + number, email, firstName, lastName },
      shippingAddress: address,
      billingAddress: { ...address },
      lineItems,
      shipping: this.random() < 0.3 ? '0.00' : '4.90',
      discount: this.random() < 0.2 ? '2.00' : '0.00',
      fulfillmentOrders: [
        {
          id: this.id(),
          status: 'OPEN',
          locationId: this.locations[0].id,
          lines: lineItems.map((line) => ({ id: this.id(), lineItemId: line.id, total: line.quantity, remaining: line.quantity })),
        },
      ],
      fulfillments: [],
    };
    this.orders.set(id, order);
    return order;
  }

  addOrders(n: number): SimOrder[] {
    const at = this.stamp();
    return Array.from({ length: n }, () => this.createOrder(at));
  }

  order(id: number | string): SimOrder {
    const order = this.orders.get(Number(id));
    if (!order) throw new Error(`simulator has no order ${id}`);
    return order;
  }

  touch(order: SimOrder): void {
    order.updatedAt = shopifyTime(this.stamp());
  }

  cancel(id: number | string): SimOrder {
    const order = this.order(id);
    const at = this.stamp();
    order.cancelledAt = shopifyTime(at);
    order.cancelReason = 'CUSTOMER';
    order.updatedAt = shopifyTime(at);
    for (const fulfillmentOrder of order.fulfillmentOrders) if (fulfillmentOrder.status !== 'CLOSED') fulfillmentOrder.status = 'CANCELLED';
    return order;
  }

  /** A custom line item: no SKU, no variant (Shopify allows them; the hub cannot import them). */
  corrupt(id: number | string): SimOrder {
    const order = this.order(id);
    order.lineItems[0] = { ...order.lineItems[0], sku: null, variantId: null, name: 'Custom engraving' };
    this.touch(order);
    return order;
  }

  variantBySku(sku: string): SimVariant | undefined {
    return this.variants.find((variant) => variant.sku === sku);
  }

  available(sku: string, locationId = this.locations[0].id): number | undefined {
    const variant = this.variantBySku(sku);
    return variant ? this.inventoryItems.get(variant.inventoryItemId)?.levels.get(locationId)?.available : undefined;
  }

  /** Sets what the shop shows as available, as a merchant editing it in the admin would (tests inject drift with it). */
  setAvailable(sku: string, quantity: number, locationId = this.locations[0].id): void {
    const variant = this.variantBySku(sku);
    const level = variant ? this.inventoryItems.get(variant.inventoryItemId)?.levels.get(locationId) : undefined;
    if (!level) throw new Error(`the Shopify simulator does not stock ${sku} at location ${locationId}`);
    level.on_hand += quantity - level.available;
    level.available = quantity;
  }

  newId(): number {
    return this.id();
  }

  now(): string {
    return shopifyTime(this.stamp());
  }
}
