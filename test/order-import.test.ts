// importOrders through the gateway on the real database: one result per order in input order, repeats
// (in the batch, from earlier imports) answered with the stored order, a bad order refused alone with
// nothing written for it, partners kept to their channels; and the connector kit's sync engine
// importing the Shopify simulator through it, resuming after an interruption without duplicates.
import { createConnectorContext, GraphHubSink, runOrdersSync, type CanonicalOrder } from '@oms/connector-kit';
import { shopifyConnector, startShopifySimulator, type ShopifySimulatorHandle } from '@oms/connector-shopify';
import { CITIES, createItem, createLocation, orderInput, unique } from './support/fixtures';
import { startTestStack, type TestStack } from './support/stack';

jest.setTimeout(120_000);

let hub: TestStack;
let warehouse: string;
let sku: string;
const sims: ShopifySimulatorHandle[] = [];

const IMPORT = `mutation($input: [PlaceOrderInput!]!) { importOrders(input: $input) {
  created existing failed
  results { index channel channelOrderId outcome order { id number status channel channelOrderId lines { sku quantity } } error { code field message } } } }`;

beforeAll(async () => {
  hub = await startTestStack();
  warehouse = await createLocation(hub, CITIES.berlin);
  sku = await createItem(hub, [{ locationId: warehouse, onHand: 1000 }]);
});

afterAll(async () => {
  await Promise.all(sims.map((sim) => sim.stop()));
  await hub?.stop();
});

function channelOrder(channel: string, channelOrderId: string, overrides: Record<string, unknown> = {}) {
  return { ...orderInput({ channel, lines: [{ sku, quantity: 1 }] }), channelOrderId, idempotencyKey: `${channel}:${channelOrderId}`, ...overrides };
}

async function importOrders(input: unknown[], headers?: Record<string, string>) {
  const result = await hub.gql<{ importOrders: any }>(IMPORT, { input }, headers);
  return result;
}

async function orderByChannel(channel: string, channelOrderId: string) {
  return (await hub.data(`query($c: String!, $id: String!) { orderByChannel(channel: $c, channelOrderId: $id) { id } }`, { c: channel, id: channelOrderId })).orderByChannel;
}

async function reserved(): Promise<number> {
  return (await hub.data(`query($sku: String!) { inventoryItem(sku: $sku) { reserved } }`, { sku })).inventoryItem.reserved;
}

describe('importOrders', () => {
  it('answers each order in input order: created, repeats, a bad SKU and bad input refused alone with nothing written', async () => {
    const channel = unique('shop').toLowerCase();
    const [a, b, bad, invalid, earlier] = ['A', 'B', 'BAD', 'INVALID', 'EARLIER'].map((suffix) => `${suffix}-${unique('co')}`);
    const placedBefore = await hub.data(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, { input: channelOrder(channel, earlier) });
    const badEmail = `${unique('nobody')}@example.com`;
    const reservedBefore = await reserved();

    const { data, errors } = await importOrders([
      channelOrder(channel, a, { lines: [{ sku, quantity: 2, unitPrice: 500 }] }),
      channelOrder(channel, b),
      // The same channel order again in the batch (a page repeating an order): imported once.
      channelOrder(channel, a, { lines: [{ sku, quantity: 9, unitPrice: 1 }] }),
      channelOrder(channel, bad, { customer: { email: badEmail }, lines: [{ sku, quantity: 1, unitPrice: 100 }, { sku: 'NOT-IN-THE-HUB', quantity: 1, unitPrice: 100 }] }),
      channelOrder(channel, invalid, { lines: [{ sku, quantity: 0, unitPrice: 100 }] }),
      channelOrder(channel.toUpperCase(), earlier),
    ]);
    expect(errors).toBeUndefined();
    const { results, created, existing, failed } = data!.importOrders;
    expect({ created, existing, failed }).toEqual({ created: 2, existing: 2, failed: 2 });
    expect(results.map((result: any) => [result.index, result.channelOrderId, result.outcome])).toEqual([
      [0, a, 'CREATED'],
      [1, b, 'CREATED'],
      [2, a, 'EXISTING'],
      [3, bad, 'FAILED'],
      [4, invalid, 'FAILED'],
      [5, earlier, 'EXISTING'],
    ]);
    expect(results[0].order).toMatchObject({ channel, channelOrderId: a, lines: [{ sku, quantity: 2 }], status: expect.stringMatching(/ALLOCATED|PENDING/) });
    expect(results[2].order.id).toBe(results[0].order.id);
    expect(results[5].order.id).toBe(placedBefore.placeOrder.id);
    expect(results[3]).toMatchObject({ order: null, error: { code: 'BAD_USER_INPUT', field: 'input[3].lines[1].sku', message: expect.stringMatching(/^input\[3\]\.lines\[1\]\.sku: unknown SKU "NOT-IN-THE-HUB"/) } });
    expect(results[4]).toMatchObject({ order: null, error: { code: 'BAD_USER_INPUT', field: 'input[4].lines[0].quantity' } });

    // Nothing of the refused orders exists: no order, no customer, no reservation.
    expect(await orderByChannel(channel, bad)).toBeNull();
    expect(await orderByChannel(channel, invalid)).toBeNull();
    expect((await hub.data(`query($e: String!) { customerByEmail(email: $e) { id } }`, { e: badEmail })).customerByEmail).toBeNull();
    expect(await reserved()).toBe(reservedBefore + 3);
  });

  it('creates nothing when the same batch is imported again', async () => {
    const channel = unique('again').toLowerCase();
    const batch = Array.from({ length: 6 }, (_, index) => channelOrder(channel, `R-${index}-${unique('co')}`));
    const first = (await importOrders(batch)).data!.importOrders;
    expect(first).toMatchObject({ created: 6, existing: 0, failed: 0 });
    const reservedAfterFirst = await reserved();
    const second = (await importOrders(batch)).data!.importOrders;
    expect(second).toMatchObject({ created: 0, existing: 6, failed: 0 });
    expect(second.results.map((result: any) => result.order.id)).toEqual(first.results.map((result: any) => result.order.id));
    // The same batch twice at once: each order is still created once, and reported CREATED once.
    const racing = Array.from({ length: 4 }, (_, index) => channelOrder(channel, `RACE-${index}-${unique('co')}`));
    const [left, right] = await Promise.all([importOrders(racing), importOrders(racing)]);
    expect(left.data!.importOrders.created + right.data!.importOrders.created).toBe(4);
    expect(left.data!.importOrders.results.map((result: any) => result.order.id)).toEqual(right.data!.importOrders.results.map((result: any) => result.order.id));

    const { orders } = await hub.data(`query($c: [String!]) { orders(filter: { channel: $c }, first: 50) { totalCount } }`, { c: [channel] });
    expect(orders.totalCount).toBe(10);
    expect(await reserved()).toBe(reservedAfterFirst + 4);
  });

  it('keeps a partner to its channels: an order for another channel is FORBIDDEN and not written', async () => {
    const own = unique('partner').toLowerCase();
    const other = unique('other').toLowerCase();
    const partner = await hub.createKey('PARTNER', { channels: [own] });
    const [mine, theirs] = [`MINE-${unique('co')}`, `THEIRS-${unique('co')}`];
    const { data, errors } = await importOrders([channelOrder(own, mine), channelOrder(other, theirs)], partner.headers);
    expect(errors).toBeUndefined();
    expect(data!.importOrders.results.map((result: any) => result.outcome)).toEqual(['CREATED', 'FAILED']);
    expect(data!.importOrders.results[1].error).toMatchObject({ code: 'FORBIDDEN', field: 'input[1].channel' });
    expect(await orderByChannel(own, mine)).not.toBeNull();
    expect(await orderByChannel(other, theirs)).toBeNull();

    // An idempotency key of another channel's order does not hand that order out: a partner's keys
    // are its own namespace, so the same key places the partner's own order.
    const key = `stolen-${unique('key')}`;
    const theirsKeyed = await hub.data(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, { input: channelOrder(other, `KEYED-${unique('co')}`, { idempotencyKey: key }) });
    const repeat = await importOrders([channelOrder(own, `MINE2-${unique('co')}`, { idempotencyKey: key })], partner.headers);
    expect(repeat.data!.importOrders.results[0]).toMatchObject({ outcome: 'CREATED', order: { channel: own }, error: null });
    expect(repeat.data!.importOrders.results[0].order.id).not.toBe(theirsKeyed.placeOrder.id);
  });

  it('refuses more orders than the documented maximum, naming the field, before anything is written', async () => {
    const channel = unique('big').toLowerCase();
    const batch = Array.from({ length: 251 }, (_, index) => channelOrder(channel, `BIG-${index}`));
    const { data, errors } = await importOrders(batch);
    expect(data).toBeNull();
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    expect(errors?.[0].message).toMatch(/250/);
    expect(await orderByChannel(channel, 'BIG-0')).toBeNull();
  });
});

describe('the connector kit imports through importOrders', () => {
  async function shopify(orders: number, pageSize: number) {
    const sim = await startShopifySimulator({ orders, pageSize, restoreRate: 100_000, skuPrefix: unique('SHPIMP') });
    sims.push(sim);
    for (const simSku of sim.skus) {
      await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku: simSku, name: `Item ${simSku}` } });
      await hub.data(`mutation($input: SetStockInput!) { setStock(input: $input) { onHand } }`, { input: { sku: simSku, locationId: warehouse, onHand: 10_000, safetyStock: 0, reason: 'test' } });
    }
    return sim;
  }

  /** A sink that counts its requests to the hub (the headers provider is called once per request). */
  function countingSink() {
    const counter = { requests: 0 };
    const sink = new GraphHubSink({ url: hub.gatewayUrl, headers: () => ((counter.requests += 1), { authorization: `Bearer ${hub.adminKey}` }) });
    return { sink, counter };
  }

  async function channelCounts(channel: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    let after: string | null = null;
    for (;;) {
      const page: any = await hub.data(`query($c: [String!], $after: String) { orders(filter: { channel: $c }, first: 100, after: $after) { edges { node { channelOrderId } } pageInfo { hasNextPage endCursor } } }`, { c: [channel], after });
      for (const { node } of page.orders.edges) counts.set(node.channelOrderId, (counts.get(node.channelOrderId) ?? 0) + 1);
      if (!page.orders.pageInfo.hasNextPage) return counts;
      after = page.orders.pageInfo.endCursor;
    }
  }

  it('syncs with one hub request per page and resumes after an interruption without duplicates', async () => {
    const sim = await shopify(22, 4);
    const channel = unique('shopify-sync').toLowerCase();
    const ctx = createConnectorContext({ connector: shopifyConnector, config: sim.config, channel });
    const { sink, counter } = countingSink();
    let saved: string | null = null;
    const interrupted = runOrdersSync({
      connector: shopifyConnector,
      ctx,
      checkpoint: null,
      sink,
      onBatch: ({ checkpoint, batch }) => {
        // Batch 3 is in the hub, but the process stops before its checkpoint is saved.
        if (batch === 3) throw new Error('interrupted before saving the checkpoint');
        saved = checkpoint;
      },
    });
    await expect(interrupted).rejects.toThrow('interrupted');
    expect(counter.requests).toBe(3);
    expect((await channelCounts(channel)).size).toBe(12);

    const resumed = await runOrdersSync({ connector: shopifyConnector, ctx, checkpoint: saved, sink });
    // Pages 3 to 6 of 4 orders (the last one 2): page 3 again (EXISTING in the hub), then the rest.
    expect(resumed).toMatchObject({ batches: 4, outcomes: { CREATED: 10, UNCHANGED: 4, CANCELLED: 0, FAILED: 0 } });
    expect(counter.requests).toBe(3 + 4);
    const counts = await channelCounts(channel);
    expect([...counts.keys()].sort()).toEqual([...sim.orderIds()].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('fails only the orders the hub refuses, and a value the GraphQL types cannot carry, and imports the rest', async () => {
    const sim = await shopify(5, 10);
    const channel = unique('shopify-refused').toLowerCase();
    const orders: CanonicalOrder[] = [];
    for await (const batch of shopifyConnector.streams.orders.read(createConnectorContext({ connector: shopifyConnector, config: sim.config, channel }), null)) {
      for (const record of batch.records) if (record.ok) orders.push(record.record);
    }
    const [good, fractional, unknownSku, last, undated] = orders;
    const withFirstLine = (order: CanonicalOrder, change: Partial<CanonicalOrder['lines'][number]>) => ({ ...order, lines: order.lines.map((line, index) => (index === 0 ? { ...line, ...change } : line)) });
    const { sink, counter } = countingSink();
    const outcomes = await sink.upsertOrders(channel, [good, withFirstLine(fractional, { quantity: 1.5 }), withFirstLine(unknownSku, { sku: 'NOT-IN-THE-HUB' }), last]);
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['CREATED', 'FAILED', 'FAILED', 'CREATED']);
    expect(outcomes[1].reason).toMatch(/^BAD_USER_INPUT \(input\.lines\[0\]\.quantity\): .*non-integer/);
    expect(outcomes[2].reason).toMatch(/^BAD_USER_INPUT \(input\.lines\[0\]\.sku\): .*NOT-IN-THE-HUB/);
    // The fractional quantity never left the kit: one request for the other three.
    expect(counter.requests).toBe(1);
    const counts = await channelCounts(channel);
    expect([...counts.keys()].sort()).toEqual([good.channelOrderId, last.channelOrderId].sort());

    // A value only the hub's scalar refuses fails the whole request at validation; the sink fails that
    // order and sends the rest again. (Straight to the orders subgraph: what its GraphQL server answers.)
    let requests = 0;
    const direct = new GraphHubSink({ url: hub.subgraphs.orders.url, headers: () => ((requests += 1), hub.signedHeaders()) });
    const again = await direct.upsertOrders(channel, [good, { ...undated, placedAt: 'yesterday' }]);
    expect(again.map((outcome) => outcome.outcome)).toEqual(['UNCHANGED', 'FAILED']);
    expect(again[1].reason).toMatch(/BAD_USER_INPUT.*input\.placedAt/);
    expect(requests).toBe(2);
  });
});
