// Fulfillment through the gateway on the real database: shipments checked against their order and
// location, idempotency, queries, and batched loading across all four subgraphs.
import { randomBytes } from 'node:crypto';
import { startTestStack, type TestStack } from './support/stack';

let hub: TestStack;
let locationId: string;
let otherLocationId: string;

const SHIP = `mutation($input: CreateShipmentInput!) { createShipment(input: $input) { id status carrier lines { sku quantity } } }`;
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id number } }`;
const unique = () => randomBytes(4).toString('hex');
const shipments = () => hub.subgraphs.fulfillment.connection.collection('shipments');

async function placeOrder(channel = 'web', email = 'buyer@example.com') {
  const result = await hub.data(PLACE, {
    input: {
      channel,
      customer: { email },
      currency: 'EUR',
      lines: [
        { sku: 'SKU-A', quantity: 3, unitPrice: 1000 },
        { sku: 'SKU-B', quantity: 1, unitPrice: 500 },
      ],
      shippingAddress: { name: 'Buyer', line1: 'Main St 1', city: 'Berlin', countryCode: 'DE' },
    },
  });
  return result.placeOrder as { id: string; number: string };
}

async function ship(orderId: string, lines: Array<{ sku: string; quantity: number }>, extra: Record<string, unknown> = {}) {
  const result = await hub.gql(SHIP, { input: { orderId, locationId, lines, ...extra } });
  if (result.errors) throw new Error(`createShipment failed: ${JSON.stringify(result.errors)}`);
  return result.data.createShipment;
}

async function upsertLocation(code: string, name: string) {
  const result = await hub.data(`mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id } }`, {
    input: { code, name, kind: 'WAREHOUSE', address: { line1: 'Dock 1', city: 'Hamburg', countryCode: 'DE', lat: 53.55, lng: 9.99 } },
  });
  return result.upsertLocation.id as string;
}

beforeAll(async () => {
  hub = await startTestStack();
  for (const [sku, name] of [['SKU-A', 'Widget'], ['SKU-B', 'Gadget']]) {
    await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name } });
  }
  locationId = await upsertLocation('HAM-1', 'Hamburg Warehouse');
  otherLocationId = await upsertLocation('HAM-2', 'Hamburg Store');
  // No stock anywhere: the orders placed here stay BACKORDERED, so the orders subgraph creates no
  // shipments of its own and every shipment in this file is one createShipment made.
});
afterAll(() => hub?.stop());

describe('createShipment', () => {
  it('creates a PENDING shipment whose order, location and items resolve through the gateway', async () => {
    const order = await placeOrder();
    const created = await ship(order.id, [{ sku: 'SKU-A', quantity: 2 }], { carrier: 'DHL' });
    expect(created).toMatchObject({ status: 'PENDING', carrier: 'DHL', lines: [{ sku: 'SKU-A', quantity: 2 }] });
    const found = await hub.data(`query($id: ID!) { shipment(id: $id) { id order { number } location { name } lines { item { name available } } } }`, { id: created.id });
    expect(found.shipment).toEqual({ id: created.id, order: { number: order.number }, location: { name: 'Hamburg Warehouse' }, lines: [{ item: { name: 'Widget', available: 0 } }] });
  });

  it('is idempotent on idempotencyKey', async () => {
    const order = await placeOrder();
    const key = `ship-${unique()}`;
    const first = await ship(order.id, [{ sku: 'SKU-A', quantity: 1 }], { idempotencyKey: key });
    const repeats = await Promise.all(Array.from({ length: 5 }, () => ship(order.id, [{ sku: 'SKU-A', quantity: 1 }], { idempotencyKey: key })));
    expect(new Set([first.id, ...repeats.map((shipment) => shipment.id)]).size).toBe(1);
    expect(await shipments().countDocuments({ idempotencyKey: key })).toBe(1);
    expect(await shipments().countDocuments({ orderId: order.id })).toBe(1);
  });

  it('never ships more than was ordered, counting earlier non-cancelled shipments, even when requests race', async () => {
    const order = await placeOrder();
    await ship(order.id, [{ sku: 'SKU-A', quantity: 2 }]);
    const results = await Promise.all(Array.from({ length: 4 }, () => hub.gql(SHIP, { input: { orderId: order.id, locationId, lines: [{ sku: 'SKU-A', quantity: 1 }] } })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    for (const refused of results.filter((result) => result.errors)) {
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' });
    }
    const stored = await shipments().find({ orderId: order.id }).toArray();
    expect(stored.flatMap((shipment) => shipment.lines).reduce((sum, line) => sum + line.quantity, 0)).toBe(3);
  });

  it.each([
    ['a SKU that is not on the order', (orderId: string) => ({ orderId, locationId: 'LOC', lines: [{ sku: 'SKU-Z', quantity: 1 }] }), 'BAD_USER_INPUT', 'input.lines[0].sku'],
    ['a quantity above the ordered one', (orderId: string) => ({ orderId, locationId: 'LOC', lines: [{ sku: 'SKU-B', quantity: 2 }] }), 'BAD_USER_INPUT', 'input.lines[0].quantity'],
    ['a zero quantity', (orderId: string) => ({ orderId, locationId: 'LOC', lines: [{ sku: 'SKU-A', quantity: 0 }] }), 'BAD_USER_INPUT', 'input.lines[0].quantity'],
    ['no lines', (orderId: string) => ({ orderId, locationId: 'LOC', lines: [] }), 'BAD_USER_INPUT', 'input.lines'],
    ['a duplicate SKU', (orderId: string) => ({ orderId, locationId: 'LOC', lines: [{ sku: 'SKU-A', quantity: 1 }, { sku: 'SKU-A', quantity: 1 }] }), 'BAD_USER_INPUT', 'input.lines[1].sku'],
    ['an unknown order', () => ({ orderId: '65a000000000000000000000', locationId: 'LOC', lines: [{ sku: 'SKU-A', quantity: 1 }] }), 'NOT_FOUND', 'input.orderId'],
    ['a malformed order id', () => ({ orderId: 'nope', locationId: 'LOC', lines: [{ sku: 'SKU-A', quantity: 1 }] }), 'NOT_FOUND', 'input.orderId'],
    ['an unknown location', (orderId: string) => ({ orderId, locationId: '65a000000000000000000000', lines: [{ sku: 'SKU-A', quantity: 1 }] }), 'NOT_FOUND', 'input.locationId'],
    ['a malformed location id', (orderId: string) => ({ orderId, locationId: 'nope', lines: [{ sku: 'SKU-A', quantity: 1 }] }), 'NOT_FOUND', 'input.locationId'],
  ])('refuses %s naming the field and writes nothing', async (_case, build, code, field) => {
    const order = await placeOrder();
    const input = build(order.id);
    if (input.locationId === 'LOC') input.locationId = locationId;
    const before = await shipments().countDocuments();
    const result = await hub.gql(SHIP, { input });
    expect(result.errors?.[0].extensions).toMatchObject({ code, field });
    expect(await shipments().countDocuments()).toBe(before);
  });

  it('refuses to ship a cancelled order', async () => {
    const order = await placeOrder();
    await hub.data(`mutation($id: ID!) { cancelOrder(id: $id, reason: "test") { status } }`, { id: order.id });
    const result = await hub.gql(SHIP, { input: { orderId: order.id, locationId, lines: [{ sku: 'SKU-A', quantity: 1 }] } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.orderId' });
    expect(await shipments().countDocuments({ orderId: order.id })).toBe(0);
  });
});

describe('shipment queries', () => {
  it('answers null for unknown and malformed ids', async () => {
    expect(await hub.data(`{ a: shipment(id: "65a000000000000000000000") { id } b: shipment(id: "nope") { id } }`)).toEqual({ a: null, b: null });
  });

  it('lists an order\'s shipments oldest first and filters and pages shipments newest first', async () => {
    const order = await placeOrder();
    const first = await ship(order.id, [{ sku: 'SKU-A', quantity: 1 }]);
    const second = await hub.data(SHIP, { input: { orderId: order.id, locationId: otherLocationId, lines: [{ sku: 'SKU-A', quantity: 1 }] } });
    const third = await ship(order.id, [{ sku: 'SKU-B', quantity: 1 }]);
    const ids = [first.id, second.createShipment.id, third.id];

    const viaOrder = await hub.data(`query($id: ID!) { order(id: $id) { shipments { id location { name } } } }`, { id: order.id });
    expect(viaOrder.order.shipments.map((shipment: any) => shipment.id)).toEqual(ids);
    expect(viaOrder.order.shipments[1].location.name).toBe('Hamburg Store');

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await hub.data(`query($f: ShipmentFilter, $after: String) { shipments(filter: $f, first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`, {
        f: { orderId: order.id },
        after,
      });
      expect(page.shipments.totalCount).toBe(3);
      seen.push(...page.shipments.edges.map((edge: any) => edge.node.id));
      if (!page.shipments.pageInfo.hasNextPage) break;
      after = page.shipments.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());

    const byLocation = await hub.data(`query($f: ShipmentFilter) { shipments(filter: $f, first: 100) { edges { node { id } } } }`, { f: { orderId: order.id, locationId: otherLocationId, status: ['PENDING'] } });
    expect(byLocation.shipments.edges.map((edge: any) => edge.node.id)).toEqual([second.createShipment.id]);
    const none = await hub.data(`query($f: ShipmentFilter) { shipments(filter: $f) { totalCount } }`, { f: { orderId: order.id, status: ['SHIPPED'] } });
    expect(none.shipments.totalCount).toBe(0);
  });
});

describe('batched loading', () => {
  it('costs a fixed number of database round-trips per subgraph, whether the page holds 10 orders or 50', async () => {
    const channel = `bulk-${unique()}`;
    const placed: Array<{ id: string }> = [];
    for (let batch = 0; batch < 6; batch++) {
      placed.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => placeOrder(channel, `bulk${(batch * 10 + i) % 12}@example.com`)))));
    }
    await Promise.all(placed.map((order, i) => ship(order.id, [{ sku: i % 2 ? 'SKU-A' : 'SKU-B', quantity: 1 }])));

    const query = `query($f: OrderFilter, $n: Int) { orders(filter: $f, first: $n) { edges { node { number
      customer { email } lines { quantity item { name available } } shipments { status location { name } } } } } }`;
    const counter = hub.commandCounter();
    const measureOnce = async (n: number) => {
      counter.reset();
      const result = await hub.data(query, { f: { channel: [channel] }, n });
      expect(result.orders.edges).toHaveLength(n);
      for (const { node } of result.orders.edges) {
        expect(node.customer.email).toMatch(/^bulk\d+@example\.com$/);
        expect(node.lines.map((line: any) => line.item.name)).toEqual(['Widget', 'Gadget']);
        expect(node.shipments).toEqual([{ status: 'PENDING', location: { name: 'Hamburg Warehouse' } }]);
      }
      return counter.counts();
    };
    // Background work (the orders subgraph polling event logs, its recovery loop) only ever adds
    // commands to a measurement, so the least of a few runs per subgraph is the query's own cost.
    const measure = async (n: number) => {
      const runs: Array<Awaited<ReturnType<typeof measureOnce>>> = [];
      for (let run = 0; run < 4; run++) runs.push(await measureOnce(n));
      return Object.fromEntries(Object.keys(runs[0]).map((name) => [name, Math.min(...runs.map((counts) => counts[name as keyof typeof counts]))]));
    };
    const ten = await measure(10);
    const fifty = await measure(50);
    // A fixed number of round-trips per subgraph, whatever the page size: one page query for orders,
    // one batched round-trip for shipments and one for customers; inventory reads the items, then
    // their stock levels, then the shipments' locations (often from its location cache). Parallel
    // requests overlap at random, so inventory may count fewer; it never counts more.
    const bound = { orders: 1, fulfillment: 1, customers: 1, inventory: 3, access: 0 };
    for (const counts of [ten, fifty]) {
      for (const [name, most] of Object.entries(bound)) expect({ name, roundTrips: counts[name] }).toEqual({ name, roundTrips: Math.min(counts[name], most) });
    }
    expect([ten.orders, ten.fulfillment, ten.customers]).toEqual([1, 1, 1]);
  }, 180_000);
});
