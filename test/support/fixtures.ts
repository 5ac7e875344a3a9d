// Building blocks for lifecycle tests: locations, items, stock and orders through the public graph.
import type { TestStack } from './stack';

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

export const CITIES = {
  berlin: { city: 'Berlin', countryCode: 'DE', lat: 52.52, lng: 13.405 },
  potsdam: { city: 'Potsdam', countryCode: 'DE', lat: 52.3906, lng: 13.0645 },
  munich: { city: 'Munich', countryCode: 'DE', lat: 48.1351, lng: 11.582 },
  hamburg: { city: 'Hamburg', countryCode: 'DE', lat: 53.5511, lng: 9.9937 },
} as const;
type City = (typeof CITIES)[keyof typeof CITIES];

export async function createLocation(hub: TestStack, city: City, priority = 10): Promise<string> {
  const data = await hub.data<{ upsertLocation: { id: string } }>(
    `mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id } }`,
    { input: { code: unique('LOC'), name: `${city.city} ${priority}`, kind: 'WAREHOUSE', priority, address: { line1: '1 Depot Way', ...city } } },
  );
  return data.upsertLocation.id;
}

export async function createItem(hub: TestStack, stock: Array<{ locationId: string; onHand: number; safetyStock?: number }> = []): Promise<string> {
  const sku = unique('SKU');
  await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name: `Item ${sku}` } });
  for (const level of stock) await setStock(hub, sku, level.locationId, level.onHand, level.safetyStock);
  return sku;
}

export async function setStock(hub: TestStack, sku: string, locationId: string, onHand: number, safetyStock = 0): Promise<void> {
  await hub.data(`mutation($input: SetStockInput!) { setStock(input: $input) { onHand } }`, { input: { sku, locationId, onHand, safetyStock, reason: 'test' } });
}

export async function adjustStock(hub: TestStack, sku: string, locationId: string, delta: number): Promise<void> {
  await hub.data(`mutation($input: AdjustStockInput!) { adjustStock(input: $input) { onHand } }`, { input: { sku, locationId, delta, reason: 'test receipt' } });
}

export interface OrderOptions {
  lines: Array<{ sku: string; quantity: number; unitPrice?: number; tax?: number }>;
  city?: City;
  email?: string;
  priority?: number;
  placedAt?: string;
  shippingPrice?: number;
  channel?: string;
}

export function orderInput(options: OrderOptions) {
  const city = options.city ?? CITIES.berlin;
  return {
    channel: options.channel ?? 'web',
    customer: { email: options.email ?? `${unique('buyer')}@example.com`, name: 'Test Buyer' },
    currency: 'EUR',
    lines: options.lines.map((line) => ({ unitPrice: 1000, tax: 0, ...line })),
    shippingAddress: { name: 'Test Buyer', line1: '5 Main St', ...city },
    shippingPrice: options.shippingPrice ?? 0,
    priority: options.priority ?? 0,
    ...(options.placedAt ? { placedAt: options.placedAt } : {}),
  };
}

export const ORDER_FIELDS = `id number status paymentStatus backorderedQuantity allocations { sku locationId quantity }
  shipments { id status location { id } lines { sku quantity } }`;

export async function placeOrder(hub: TestStack, options: OrderOptions): Promise<any> {
  const data = await hub.data<{ placeOrder: any }>(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ${ORDER_FIELDS} } }`, { input: orderInput(options) });
  return data.placeOrder;
}

export async function getOrder(hub: TestStack, id: string): Promise<any> {
  const data = await hub.data<{ order: any }>(`query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id });
  return data.order;
}

/** Polls until `check` returns a truthy value (background workers settle asynchronously). */
export async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    last = await check();
    if (last) return last as T;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
