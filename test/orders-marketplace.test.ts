// What marketplaces and B2B buyers add to an order, through the gateway on the real database: orders
// placed before the channel authorised payment wait on hold, orders the channel ships itself are
// recorded but never allocated, the channel's delivery promise reaches the shipments, and purchase-order
// numbers find orders. The connector kit's GraphHubSink drives the same through importOrders.
import { randomBytes } from 'node:crypto';
import type { CanonicalOrder } from '@oms/connector-kit';
import { GraphHubSink } from '@oms/connector-kit';
import { startTestStack, type TestStack } from './support/stack';

let hub: TestStack;
let locationId: string;

const ADDRESS = { name: 'Grace Hopper', line1: '1 Compiler Way', city: 'Berlin', countryCode: 'DE', lat: 52.52, lng: 13.4 };
const ORDER = `id status awaitingPayment holdReasons fulfilledBy purchaseOrderNumber
  promise { earliestShipAt latestShipAt latestDeliveryAt }
  history { type fromStatus toStatus }
  shipments { id status shipBy deliverBy late }`;
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ${ORDER} } }`;
const PAYABLE = `mutation($id: ID!) { markOrderPayable(id: $id) { ${ORDER} } }`;

const unique = () => randomBytes(4).toString('hex');

async function reserved(sku: string): Promise<number> {
  return (await hub.data(`query($sku: String!) { inventoryItem(sku: $sku) { reserved } }`, { sku })).inventoryItem.reserved;
}

async function stockedSku(onHand = 20): Promise<string> {
  const sku = `MKT-${unique()}`;
  await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name: 'Marketplace widget' } });
  await hub.data(`mutation($input: SetStockInput!) { setStock(input: $input) { available } }`, { input: { sku, locationId, onHand } });
  return sku;
}

function input(sku: string, overrides: Record<string, unknown> = {}) {
  return {
    channel: 'amazon-de',
    channelOrderId: `302-${unique()}`,
    customer: { email: 'buyer@marketplace.example', name: 'Grace Hopper' },
    currency: 'EUR',
    lines: [{ sku, quantity: 2, unitPrice: 1500 }],
    shippingAddress: ADDRESS,
    ...overrides,
  };
}

async function place(sku: string, overrides: Record<string, unknown> = {}) {
  return (await hub.data(PLACE, { input: input(sku, overrides) })).placeOrder;
}

beforeAll(async () => {
  hub = await startTestStack();
  const location = await hub.data(`mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id } }`, {
    input: { code: `MKT-${unique()}`, name: 'Marketplace Warehouse', kind: 'WAREHOUSE', address: { line1: 'Lagerstr. 2', city: 'Berlin', countryCode: 'DE', lat: 52.5, lng: 13.4 } },
  });
  locationId = location.upsertLocation.id;
});
afterAll(() => hub?.stop());

describe('orders awaiting payment on the channel', () => {
  it('are held without reserving anything until the channel authorises payment, then allocate once', async () => {
    const sku = await stockedSku();
    const held = await place(sku, { awaitingPayment: true });
    expect(held).toMatchObject({ status: 'ON_HOLD', awaitingPayment: true, holdReasons: ['Awaiting payment on the channel'], shipments: [] });
    expect(await reserved(sku)).toBe(0);

    const payable = (await hub.data(PAYABLE, { id: held.id })).markOrderPayable;
    expect(payable).toMatchObject({ status: 'ALLOCATED', awaitingPayment: false, holdReasons: [] });
    expect(payable.history.map((entry: any) => entry.type)).toEqual(['orders.order.placed', 'orders.order.held', 'orders.order.payable', 'orders.order.hold_released', 'orders.order.allocated']);
    expect(await reserved(sku)).toBe(2);

    // The channel says so again on the next sync: nothing changes.
    const again = (await hub.data(PAYABLE, { id: held.id })).markOrderPayable;
    expect(again).toMatchObject({ status: 'ALLOCATED', awaitingPayment: false });
    expect(again.history).toHaveLength(payable.history.length);
    expect(await reserved(sku)).toBe(2);
  });

  it('stay held for the merchant’s own hold rules once payable', async () => {
    const sku = await stockedSku();
    const channel = `b2b-${unique()}`;
    const rule = await hub.data(`mutation($input: HoldRuleInput!) { upsertHoldRule(input: $input) { id } }`, {
      input: { name: `review-${channel}`, reason: 'new B2B buyer: manual review', conditions: { all: [{ fact: 'channel', operator: 'equal', value: channel }] } },
    });
    try {
      const held = await place(sku, { channel, awaitingPayment: true });
      expect(held.holdReasons).toEqual(['Awaiting payment on the channel', 'new B2B buyer: manual review']);
      const payable = (await hub.data(PAYABLE, { id: held.id })).markOrderPayable;
      expect(payable).toMatchObject({ status: 'ON_HOLD', awaitingPayment: false, holdReasons: ['new B2B buyer: manual review'] });
      expect(await reserved(sku)).toBe(0);
    } finally {
      await hub.data(`mutation($id: ID!) { deleteHoldRule(id: $id) }`, { id: rule.upsertHoldRule.id });
    }
  });
});

describe('orders the channel ships itself', () => {
  it('are recorded as CHANNEL_FULFILLED, never allocated or shipped here, and can be cancelled by the channel', async () => {
    const sku = await stockedSku();
    const order = await place(sku, { fulfilledBy: 'CHANNEL', awaitingPayment: true });
    expect(order).toMatchObject({ status: 'CHANNEL_FULFILLED', fulfilledBy: 'CHANNEL', awaitingPayment: false, holdReasons: [], shipments: [] });
    expect(order.history.map((entry: any) => [entry.type, entry.toStatus])).toEqual([
      ['orders.order.placed', 'PENDING'],
      ['orders.order.status_changed', 'CHANNEL_FULFILLED'],
    ]);
    expect(await reserved(sku)).toBe(0);
    const cancelled = await hub.data(`mutation($id: ID!) { cancelOrder(id: $id, reason: "cancelled on the channel") { status shipments { id } } }`, { id: order.id });
    expect(cancelled.cancelOrder).toEqual({ status: 'CANCELLED', shipments: [] });
  });
});

describe('the channel’s delivery promise', () => {
  it('is kept on the order and carried by its shipments, which say when they are late', async () => {
    const sku = await stockedSku();
    const promise = { earliestShipAt: '2026-01-05T08:00:00.000Z', latestShipAt: '2026-01-06T18:00:00.000Z', latestDeliveryAt: '2026-01-09T18:00:00.000Z' };
    const order = await place(sku, { promise });
    expect(order.promise).toEqual(promise);
    expect(order.shipments).toEqual([{ id: expect.any(String), status: 'PENDING', shipBy: promise.latestShipAt, deliverBy: promise.latestDeliveryAt, late: true }]);

    const onTime = await place(sku, { promise: { latestShipAt: '2099-01-01T00:00:00.000Z' } });
    expect(onTime.shipments[0]).toMatchObject({ shipBy: '2099-01-01T00:00:00.000Z', late: false });

    const late = await hub.data(`query($before: DateTime!) { shipments(filter: { shipByBefore: $before, status: [PENDING, PICKING, PACKED] }, first: 100) { edges { node { id late } } } }`, {
      before: new Date().toISOString(),
    });
    const lateIds = late.shipments.edges.map((edge: any) => edge.node.id);
    expect(lateIds).toContain(order.shipments[0].id);
    expect(lateIds).not.toContain(onTime.shipments[0].id);
  });

  it('refuses a promise that ends before it starts, naming the field, and stores nothing', async () => {
    const sku = await stockedSku();
    const channelOrderId = `302-${unique()}`;
    const result = await hub.gql(PLACE, { input: input(sku, { channelOrderId, promise: { earliestShipAt: '2026-01-06T00:00:00Z', latestShipAt: '2026-01-05T00:00:00Z' } }) });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.promise.latestShipAt' });
    expect(await hub.subgraphs.orders.connection.collection('orders').countDocuments({ channelOrderId })).toBe(0);
  });
});

describe('purchase-order numbers', () => {
  it('are kept on B2B orders and find them', async () => {
    const sku = await stockedSku();
    const purchaseOrderNumber = `PO-${unique()}`;
    const order = await place(sku, { channel: 'edi-acme', purchaseOrderNumber });
    expect(order.purchaseOrderNumber).toBe(purchaseOrderNumber);
    const found = await hub.data(`query($po: String!) { orders(filter: { purchaseOrderNumber: $po }) { edges { node { id purchaseOrderNumber } } } }`, { po: purchaseOrderNumber });
    expect(found.orders.edges).toEqual([{ node: { id: order.id, purchaseOrderNumber } }]);
  });
});

describe('order search', () => {
  it('finds orders by exact number, channel order id, customer e-mail or purchase-order number, within the caller’s scope', async () => {
    const sku = await stockedSku();
    const email = `search-${unique()}@example.com`;
    const purchaseOrderNumber = `PO-${unique()}`;
    const first = (await hub.data(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id number channelOrderId } }`, { input: input(sku, { customer: { email }, purchaseOrderNumber }) })).placeOrder;
    const second = (await hub.data(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, { input: input(sku, { channel: 'ebay-de', customer: { email } }) })).placeOrder;
    const SEARCH = `query($search: String!, $channel: [String!]) { orders(filter: { search: $search, channel: $channel }) { totalCount edges { node { id } } } }`;
    const ids = async (search: string, channel?: string[], headers?: Record<string, string>) =>
      (await hub.gql(SEARCH, { search, channel }, headers)).data.orders.edges.map((edge: any) => edge.node.id);
    expect(await ids(first.number.toLowerCase())).toEqual([first.id]);
    expect(await ids(first.channelOrderId)).toEqual([first.id]);
    expect(await ids(email.toUpperCase())).toEqual([second.id, first.id]);
    expect(await ids(email, ['ebay-de'])).toEqual([second.id]);
    expect(await ids(purchaseOrderNumber)).toEqual([first.id]);
    expect(await ids('no-such-order')).toEqual([]);
    const partner = await hub.createKey('PARTNER', { channels: ['ebay-de'] });
    expect(await ids(email, undefined, partner.headers)).toEqual([second.id]);
  });
});

describe('channel imports through the connector kit', () => {
  function canonical(sku: string, channelOrderId: string, overrides: Partial<CanonicalOrder> = {}): CanonicalOrder {
    return {
      channelOrderId,
      state: 'OPEN',
      currency: 'EUR',
      customer: { email: 'buyer@marketplace.example' },
      shippingAddress: ADDRESS,
      lines: [{ channelLineId: 'l1', sku, quantity: 1, unitPrice: 1000, tax: 0 }],
      shippingPrice: 0,
      discount: 0,
      placedAt: '2026-01-05T08:00:00.000Z',
      updatedAt: '2026-01-05T08:00:00.000Z',
      ...overrides,
    };
  }

  it('hold a channel order imported as PENDING and release it when a later sync finds it payable', async () => {
    const sku = await stockedSku();
    const sink = new GraphHubSink({ url: hub.gatewayUrl, headers: { authorization: `Bearer ${hub.adminKey}` } });
    const channel = `amazon-${unique()}`;
    const id = `302-${unique()}`;
    const [first] = await sink.upsertOrders(channel, [canonical(sku, id, { state: 'PENDING', promise: { latestShipAt: '2099-01-01T00:00:00.000Z' } })]);
    expect(first.outcome).toBe('CREATED');
    expect(await reserved(sku)).toBe(0);

    const [unchanged] = await sink.upsertOrders(channel, [canonical(sku, id, { state: 'PENDING' })]);
    expect(unchanged.outcome).toBe('UNCHANGED');

    const [released] = await sink.upsertOrders(channel, [canonical(sku, id)]);
    expect(released).toMatchObject({ outcome: 'RELEASED', hubOrderId: first.hubOrderId });
    const order = await hub.data(`query($id: ID!) { order(id: $id) { status awaitingPayment shipments { shipBy } } }`, { id: first.hubOrderId });
    expect(order.order).toEqual({ status: 'ALLOCATED', awaitingPayment: false, shipments: [{ shipBy: '2099-01-01T00:00:00.000Z' }] });
    expect(await reserved(sku)).toBe(1);

    const [afterwards] = await sink.upsertOrders(channel, [canonical(sku, id)]);
    expect(afterwards.outcome).toBe('UNCHANGED');
  });

  it('record a channel-fulfilled order without reserving stock', async () => {
    const sku = await stockedSku();
    const sink = new GraphHubSink({ url: hub.gatewayUrl, headers: { authorization: `Bearer ${hub.adminKey}` } });
    const [outcome] = await sink.upsertOrders(`amazon-${unique()}`, [canonical(sku, `302-${unique()}`, { fulfilledBy: 'CHANNEL' })]);
    const order = await hub.data(`query($id: ID!) { order(id: $id) { status fulfilledBy } }`, { id: outcome.hubOrderId });
    expect(order.order).toEqual({ status: 'CHANNEL_FULFILLED', fulfilledBy: 'CHANNEL' });
    expect(await reserved(sku)).toBe(0);
  });
});
