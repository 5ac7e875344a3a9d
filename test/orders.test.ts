// Orders through the gateway on the real database: validation, idempotency, numbering, the state
// machine, queries and federation with customers, inventory and fulfillment.
import { randomBytes } from 'node:crypto';
import { ORDER_STATUSES } from '../subgraphs/orders/src/models/order.model';
import { canTransition, ORDER_TRANSITIONS } from '../subgraphs/orders/src/services/order-status';
import { startTestStack, type TestStack } from './support/stack';

let hub: TestStack;
let locationId: string;

const ADDRESS = { name: 'Ada Lovelace', line1: '1 Analytical St', city: 'London', countryCode: 'GB' };
const ORDER_FIELDS = `id number channel channelOrderId status paymentStatus email currency placedAt
  lines { id sku name quantity unitPrice { amount currency } tax { amount } total { amount } }
  totals { subtotal { amount } shipping { amount } discount { amount } tax { amount } total { amount currency } }
  history { type fromStatus toStatus note actor } customer { id }`;
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ${ORDER_FIELDS} } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelOrder(id: $id, reason: $reason) { id status history { type fromStatus toStatus note } } }`;

const unique = () => randomBytes(4).toString('hex');
const orders = () => hub.subgraphs.orders.connection.collection('orders');

function orderInput(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'web',
    customer: { email: 'ada@example.com', name: 'Ada Lovelace' },
    currency: 'EUR',
    lines: [
      { sku: 'SKU-A', quantity: 2, unitPrice: 1250, tax: 475 },
      { sku: 'SKU-B', quantity: 1, unitPrice: 999 },
    ],
    shippingAddress: ADDRESS,
    shippingPrice: 495,
    discount: 100,
    ...overrides,
  };
}

async function place(overrides: Record<string, unknown> = {}, headers?: Record<string, string>) {
  const result = await hub.gql(PLACE, { input: orderInput(overrides) }, headers);
  if (result.errors) throw new Error(`placeOrder failed: ${JSON.stringify(result.errors)}`);
  return result.data.placeOrder;
}

beforeAll(async () => {
  hub = await startTestStack();
  for (const [sku, name] of [['SKU-A', 'Widget'], ['SKU-B', 'Gadget'], ['SKU-C', 'Gizmo']]) {
    await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name } });
  }
  const location = await hub.data(`mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id } }`, {
    input: { code: 'BER-1', name: 'Berlin Warehouse', kind: 'WAREHOUSE', address: { line1: 'Lagerstr. 1', city: 'Berlin', countryCode: 'DE', lat: 52.52, lng: 13.4 } },
  });
  locationId = location.upsertLocation.id;
  await hub.data(`mutation($input: SetStockInput!) { setStock(input: $input) { available } }`, { input: { sku: 'SKU-A', locationId, onHand: 40 } });
});
afterAll(() => hub?.stop());

describe('order status machine', () => {
  it('declares every status and allows CANCELLED only before anything ships', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
    const cancellable = ORDER_STATUSES.filter((from) => canTransition(from, 'CANCELLED'));
    expect(cancellable.sort()).toEqual(['ALLOCATED', 'BACKORDERED', 'CHANNEL_FULFILLED', 'ON_HOLD', 'PENDING']);
    expect(ORDER_TRANSITIONS.CANCELLED).toEqual([]);
    expect(ORDER_TRANSITIONS.DELIVERED).toEqual([]);
  });
});

describe('placeOrder', () => {
  it('stores an order with a number, integer totals, history and a customer found or created by email', async () => {
    const clerk = await hub.createKey('STAFF', { name: 'order desk' });
    const order = await place({ channel: 'Web' }, clerk.headers);
    expect(order.number).toMatch(/^OMS-\d{6}$/);
    // SKU-B has no stock: the placement workflow reserves SKU-A and backorders SKU-B.
    expect(order).toMatchObject({ channel: 'web', channelOrderId: order.number, status: 'BACKORDERED', paymentStatus: 'PENDING', email: 'ada@example.com', currency: 'EUR' });
    expect(order.lines.map((line: any) => [line.sku, line.name, line.quantity, line.unitPrice.amount, line.tax.amount, line.total.amount])).toEqual([
      ['SKU-A', 'Widget', 2, 1250, 475, 2500],
      ['SKU-B', 'Gadget', 1, 999, 0, 999],
    ]);
    expect(order.totals).toEqual({
      subtotal: { amount: 3499 },
      shipping: { amount: 495 },
      discount: { amount: 100 },
      tax: { amount: 475 },
      total: { amount: 3499 + 495 + 475 - 100, currency: 'EUR' },
    });
    expect(order.history).toEqual([
      { type: 'orders.order.placed', fromStatus: null, toStatus: 'PENDING', note: null, actor: clerk.actor },
      { type: 'orders.order.backordered', fromStatus: 'PENDING', toStatus: 'BACKORDERED', note: null, actor: clerk.actor },
    ]);

    const customer = await hub.data(`{ customerByEmail(email: "ada@example.com") { id name } }`);
    expect(customer.customerByEmail).toEqual({ id: order.customer.id, name: 'Ada Lovelace' });
    const again = await place({ customer: { email: 'ADA@example.com' } });
    expect(again.customer.id).toBe(order.customer.id);
    expect(again.number).not.toBe(order.number);

    const byId = await place({ customer: undefined, customerId: order.customer.id });
    expect(byId).toMatchObject({ email: 'ada@example.com', customer: { id: order.customer.id } });
  });

  it('returns the first order for a repeated idempotencyKey, also when the repeats arrive at once', async () => {
    const key = `key-${unique()}`;
    const first = await place({ idempotencyKey: key });
    const second = await place({ idempotencyKey: key, lines: [{ sku: 'SKU-C', quantity: 9, unitPrice: 1 }] });
    expect(second.id).toBe(first.id);
    const concurrentKey = `key-${unique()}`;
    const results = await Promise.all(Array.from({ length: 8 }, () => place({ idempotencyKey: concurrentKey })));
    expect(new Set(results.map((order) => order.id)).size).toBe(1);
    expect(await orders().countDocuments({ idempotencyKey: key })).toBe(1);
    expect(await orders().countDocuments({ idempotencyKey: concurrentKey })).toBe(1);
  });

  it('imports a channel order once per channel + channelOrderId', async () => {
    const channelOrderId = `SHOP-${unique()}`;
    const first = await place({ channel: 'shopify', channelOrderId });
    const second = await place({ channel: 'SHOPIFY', channelOrderId, idempotencyKey: `other-${unique()}` });
    expect(second.id).toBe(first.id);
    const elsewhere = await place({ channel: 'amazon', channelOrderId });
    expect(elsewhere.id).not.toBe(first.id);
    expect(await orders().countDocuments({ channel: 'shopify', channelOrderId })).toBe(1);
    const found = await hub.data(`query($c: String!) { orderByChannel(channel: "shopify", channelOrderId: $c) { id } none: orderByChannel(channel: "shopify", channelOrderId: "nope") { id } }`, { c: channelOrderId });
    expect(found).toEqual({ orderByChannel: { id: first.id }, none: null });
  });

  it('allocates distinct consecutive-style numbers under concurrency', async () => {
    const placed = await Promise.all(Array.from({ length: 15 }, () => place()));
    const numbers = placed.map((order) => order.number);
    expect(new Set(numbers).size).toBe(15);
    expect(await orders().countDocuments({ number: { $in: numbers } })).toBe(15);
  });

  it.each([
    ['an unknown SKU', { lines: [{ sku: 'SKU-A', quantity: 1, unitPrice: 1 }, { sku: 'NOPE-1', quantity: 1, unitPrice: 1 }] }, 'input.lines[1].sku'],
    ['a negative quantity', { lines: [{ sku: 'SKU-A', quantity: 1, unitPrice: 1 }, { sku: 'SKU-B', quantity: -2, unitPrice: 1 }] }, 'input.lines[1].quantity'],
    ['a zero quantity', { lines: [{ sku: 'SKU-A', quantity: 0, unitPrice: 1 }] }, 'input.lines[0].quantity'],
    ['a malformed email', { customer: { email: 'ghost@', name: 'Ghost' } }, 'input.customer.email'],
    ['an unknown currency', { currency: 'ABC' }, 'input.currency'],
    ['a negative unit price', { lines: [{ sku: 'SKU-A', quantity: 1, unitPrice: -5 }] }, 'input.lines[0].unitPrice'],
    ['no lines', { lines: [] }, 'input.lines'],
    ['a duplicate SKU', { lines: [{ sku: 'SKU-A', quantity: 1, unitPrice: 1 }, { sku: 'SKU-A', quantity: 1, unitPrice: 2 }] }, 'input.lines[1].sku'],
    ['a bad country code', { shippingAddress: { ...ADDRESS, countryCode: 'GBR' } }, 'input.shippingAddress.countryCode'],
    ['a discount above the total', { discount: 1_000_000 }, 'input.discount'],
    ['no customer at all', { customer: null }, 'input.customer'],
  ])('refuses %s with BAD_USER_INPUT naming the field and writes nothing', async (_case, overrides, field) => {
    const email = `new-${unique()}@example.com`;
    const customerCount = await hub.subgraphs.customers.connection.collection('customers').countDocuments();
    const before = await orders().countDocuments();
    const input = orderInput({ customer: { email, name: 'New' }, ...overrides });
    const result = await hub.gql(PLACE, { input });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await orders().countDocuments()).toBe(before);
    expect(await hub.subgraphs.customers.connection.collection('customers').countDocuments()).toBe(customerCount);
  });

  it('refuses an unknown customerId with NOT_FOUND and writes nothing', async () => {
    const before = await orders().countDocuments();
    const result = await hub.gql(PLACE, { input: orderInput({ customer: null, customerId: '65a000000000000000000000' }) });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.customerId' });
    expect(await orders().countDocuments()).toBe(before);
  });
});

describe('order queries', () => {
  it('answers null for unknown and malformed ids', async () => {
    expect(await hub.data(`{ a: order(id: "65a000000000000000000000") { id } b: order(id: "nope") { id } }`)).toEqual({ a: null, b: null });
  });

  it('returns one order with fields from all four subgraphs', async () => {
    await hub.data(`mutation($input: SetStockInput!) { setStock(input: $input) { available } }`, { input: { sku: 'SKU-C', locationId, onHand: 10 } });
    const order = await place({
      customer: { email: 'grace@example.com', name: 'Grace Hopper' },
      lines: [
        { sku: 'SKU-C', quantity: 2, unitPrice: 100 },
        { sku: 'SKU-B', quantity: 1, unitPrice: 999 },
      ],
    });
    // The placement workflow reserved SKU-C and created its shipment; SKU-B waits for stock.
    const result = await hub.data(
      `query($id: ID!) { order(id: $id) { number customer { email name } lines { sku item { sku name available } } shipments { status location { name } lines { sku quantity } } } }`,
      { id: order.id },
    );
    expect(result.order).toEqual({
      number: order.number,
      customer: { email: 'grace@example.com', name: 'Grace Hopper' },
      lines: [
        { sku: 'SKU-C', item: { sku: 'SKU-C', name: 'Gizmo', available: 8 } },
        { sku: 'SKU-B', item: { sku: 'SKU-B', name: 'Gadget', available: 0 } },
      ],
      shipments: [{ status: 'PENDING', location: { name: 'Berlin Warehouse' }, lines: [{ sku: 'SKU-C', quantity: 2 }] }],
    });
  });

  it('filters by status, channel, customer and placedAt and pages newest first without repeats', async () => {
    const channel = `filters-${unique()}`;
    const email = `filter-${unique()}@example.com`;
    const base = Date.parse('2026-01-10T12:00:00.000Z');
    const placed = [];
    for (let i = 0; i < 7; i++) {
      const customer = i % 2 === 0 ? { email, name: 'Filter' } : { email: `other-${unique()}@example.com` };
      placed.push(await place({ channel, customer, placedAt: new Date(base + i * 3_600_000).toISOString() }));
    }
    await hub.data(CANCEL, { id: placed[3].id, reason: 'customer asked' });
    const newestFirst = [...placed].reverse().map((order) => order.number);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await hub.data(`query($f: OrderFilter, $after: String) { orders(filter: $f, first: 3, after: $after) { totalCount edges { node { number } } pageInfo { hasNextPage endCursor } } }`, {
        f: { channel: [channel] },
        after,
      });
      expect(page.orders.totalCount).toBe(7);
      seen.push(...page.orders.edges.map((edge: any) => edge.node.number));
      if (!page.orders.pageInfo.hasNextPage) break;
      after = page.orders.pageInfo.endCursor;
    }
    expect(seen).toEqual(newestFirst);

    const numbersOf = async (filter: object) =>
      (await hub.data(`query($f: OrderFilter) { orders(filter: $f, first: 100) { edges { node { number } } } }`, { f: { channel: [channel], ...filter } })).orders.edges.map((edge: any) => edge.node.number);
    expect(await numbersOf({ status: ['CANCELLED'] })).toEqual([placed[3].number]);
    expect(await numbersOf({ status: ['BACKORDERED'] })).toHaveLength(6);
    expect(await numbersOf({ customerId: placed[0].customer.id })).toEqual([placed[6], placed[4], placed[2], placed[0]].map((order) => order.number));
    const window = { placedFrom: new Date(base + 2 * 3_600_000).toISOString(), placedTo: new Date(base + 4 * 3_600_000).toISOString() };
    expect(await numbersOf(window)).toEqual([placed[4], placed[3], placed[2]].map((order) => order.number));

    const customerOrders = await hub.data(`query($id: ID!) { customer(id: $id) { email orders(first: 2) { totalCount edges { node { number } } pageInfo { hasNextPage } } } }`, { id: placed[0].customer.id });
    expect(customerOrders.customer).toEqual({ email, orders: { totalCount: 4, edges: [{ node: { number: placed[6].number } }, { node: { number: placed[4].number } }], pageInfo: { hasNextPage: true } } });

    // Many customers at once: Customer.orders for all of them is answered by one batch.
    const many = await hub.data(`query($f: OrderFilter) { orders(filter: $f, first: 7) { edges { node { number customer { id orders(first: 1, status: [BACKORDERED]) { totalCount edges { node { number } } } } } } } }`, { f: { channel: [channel] } });
    const byNumber = new Map(many.orders.edges.map((edge: any) => [edge.node.number, edge.node.customer.orders]));
    expect(byNumber.get(placed[0].number)).toEqual({ totalCount: 4, edges: [{ node: { number: placed[6].number } }] });
    expect(byNumber.get(placed[1].number)).toEqual({ totalCount: 1, edges: [{ node: { number: placed[1].number } }] });
    expect(byNumber.get(placed[3].number)).toEqual({ totalCount: 0, edges: [] });
  });
});

describe('cancelOrder', () => {
  it('cancels an order once; a second cancel is INVALID_TRANSITION and changes nothing', async () => {
    const order = await place();
    const cancelled = await hub.data(CANCEL, { id: order.id, reason: 'fraud suspected' });
    expect(cancelled.cancelOrder.status).toBe('CANCELLED');
    expect(cancelled.cancelOrder.history.at(-1)).toEqual({ type: 'orders.order.cancelled', fromStatus: order.status, toStatus: 'CANCELLED', note: 'fraud suspected' });

    // The outbox is drained into the event log in the background: compare the order without it.
    const storedOrder = async () => orders().findOne({ number: order.number }, { projection: { outbox: 0 } });
    const stored = await storedOrder();
    const again = await hub.gql(CANCEL, { id: order.id, reason: 'again' });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'CANCELLED', to: 'CANCELLED' });
    expect(await storedOrder()).toEqual(stored);
  });

  it('refuses an empty reason and unknown ids', async () => {
    const order = await place();
    const empty = await hub.gql(CANCEL, { id: order.id, reason: '  ' });
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await orders().findOne({ number: order.number }))?.status).toBe(order.status);
    for (const id of ['65a000000000000000000000', 'nope']) {
      const missing = await hub.gql(CANCEL, { id, reason: 'x' });
      expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
  });
});
