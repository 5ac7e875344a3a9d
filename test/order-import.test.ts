// importOrders through the gateway on the real database: one result per order in input order, repeats
// (in the batch, from earlier imports) answered with the stored order, a bad order refused alone with
// nothing written for it, partners kept to their channels; and the connector kit's sync engine
// importing the Shopify simulator through it, resuming after an interruption without duplicates.
import { createConnectorContext, GraphHubSink, runOrdersSync } from '@oms/connector-kit';
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

    // An idempotency key of another channel's order does not hand that order out.
    const key = `stolen-${unique('key')}`;
    await hub.data(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, { input: channelOrder(other, `KEYED-${unique('co')}`, { idempotencyKey: key }) });
    const repeat = await importOrders([channelOrder(own, `MINE2-${unique('co')}`, { idempotencyKey: key })], partner.headers);
    expect(repeat.data!.importOrders.results[0]).toMatchObject({ outcome: 'FAILED', order: null, error: { code: 'FORBIDDEN' } });
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
