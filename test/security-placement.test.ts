// Placement from outside the back office, through the gateway with real keys: a partner links and
// changes only customers of its own channels; a customer places only for itself, on the self-service
// channel, at the hub's terms, with idempotency keys of its own, and never claims a channel order id;
// internal notes (hold reasons, staff remarks) are hidden from partners and customers.
import { CITIES, createItem, createLocation, orderInput, unique } from './support/fixtures';
import { startTestStack, type ApiKeyHandle, type GqlResponse, type TestStack } from './support/stack';

const CHANNEL = 'partner-shop';

let hub: TestStack;
let sku: string;
let partner: ApiKeyHandle;
let victim: { id: string; email: string };
let ada: { id: string; email: string; key: ApiKeyHandle };

const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id channel channelOrderId status customer { id email name } lines { sku unitPrice { amount } } totals { total { amount } } } }`;
/** The catalogue's self-service price of the test item, in EUR cents. */
const LIST_PRICE = 2499;
const CUSTOMER = `query($id: ID!) { customer(id: $id) { id name phone } }`;
const HISTORY = `query($id: ID!) { order(id: $id) { id status history { type note actor } } }`;

function errorOf(result: GqlResponse<unknown>) {
  return result.errors?.[0]?.extensions ?? {};
}

async function createCustomer(email: string, name: string, phone: string): Promise<string> {
  const data = await hub.data<{ upsertCustomer: { id: string } }>(`mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { id } }`, { input: { email, name, phone } });
  return data.upsertCustomer.id;
}

/** A customer's own order: no customer details (its key says who it is), on the self-service channel. */
function selfService(extra: Record<string, unknown> = {}) {
  const { customer: _customer, ...input } = orderInput({ lines: [{ sku, quantity: 1 }], channel: 'web' });
  return { ...input, ...extra };
}

async function listFor(itemSku: string, listPrice: number | null): Promise<void> {
  const price = listPrice === null ? { listPrice: null, listPriceCurrency: null } : { listPrice, listPriceCurrency: 'EUR' };
  await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku: itemSku, name: `Item ${itemSku}`, ...price } });
}

async function orderCount(): Promise<number> {
  return hub.subgraphs.orders.connection.collection('orders').countDocuments();
}

beforeAll(async () => {
  hub = await startTestStack();
  const locationId = await createLocation(hub, CITIES.berlin);
  sku = await createItem(hub, [{ locationId, onHand: 1000 }]);
  await listFor(sku, LIST_PRICE);
  const victimEmail = `${unique('victim')}@example.com`;
  victim = { id: await createCustomer(victimEmail, 'Vera Victim', '+49 30 1111111'), email: victimEmail };
  const adaEmail = `${unique('ada')}@example.com`;
  const adaId = await createCustomer(adaEmail, 'Ada', '+49 30 2222222');
  const [partnerKey, adaKey] = await Promise.all([hub.createKey('PARTNER', { channels: [CHANNEL] }), hub.createKey('CUSTOMER', { customerId: adaId })]);
  partner = partnerKey;
  ada = { id: adaId, email: adaEmail, key: adaKey };
  // The victim bought in the web shop only: not a customer of the partner's channel.
  await hub.data(PLACE, { input: { ...orderInput({ lines: [{ sku, quantity: 1 }], channel: 'web' }), customer: undefined, customerId: victim.id } });
});
afterAll(async () => {
  await hub?.stop();
});

describe('a partner placing on its own channel', () => {
  it('cannot link a customer of another channel by id, and so cannot read their email and name', async () => {
    const before = await orderCount();
    const result = await hub.gql(PLACE, { input: { ...orderInput({ lines: [{ sku, quantity: 1 }], channel: CHANNEL }), customer: undefined, customerId: victim.id } }, partner.headers);
    expect(result.data?.placeOrder ?? null).toBeNull();
    expect(errorOf(result)).toMatchObject({ code: 'FORBIDDEN', field: 'input.customerId' });
    expect(JSON.stringify(result)).not.toContain(victim.email);
    expect(await orderCount()).toBe(before);
  });

  it('links an existing customer by email without changing their name or phone', async () => {
    const input = { ...orderInput({ lines: [{ sku, quantity: 1 }], channel: CHANNEL }), customer: { email: victim.email, name: 'Mallory', phone: '+1 555 0100' } };
    const result = await hub.gql(PLACE, { input }, partner.headers);
    expect(result.errors).toBeUndefined();
    expect(result.data.placeOrder.customer.id).toBe(victim.id);
    const stored = await hub.data(CUSTOMER, { id: victim.id });
    expect(stored.customer).toMatchObject({ name: 'Vera Victim', phone: '+49 30 1111111' });
  });

  it('creates a new customer with the details it gives, and may link that customer by id afterwards', async () => {
    const email = `${unique('shopper')}@example.com`;
    const first = await hub.gql(PLACE, { input: { ...orderInput({ lines: [{ sku, quantity: 1 }], channel: CHANNEL }), customer: { email, name: 'Sam Shopper', phone: '+44 20 1234' } } }, partner.headers);
    expect(first.errors).toBeUndefined();
    const customerId = first.data.placeOrder.customer.id;
    expect((await hub.data(CUSTOMER, { id: customerId })).customer).toMatchObject({ name: 'Sam Shopper', phone: '+44 20 1234' });
    const again = await hub.gql(PLACE, { input: { ...orderInput({ lines: [{ sku, quantity: 1 }], channel: CHANNEL }), customer: undefined, customerId } }, partner.headers);
    expect(again.errors).toBeUndefined();
    expect(again.data.placeOrder.customer).toMatchObject({ id: customerId, email });
  });
});

describe('a customer placing for itself', () => {
  it.each([
    ['another channel', { channel: 'shopify' }, 'FORBIDDEN', 'input.channel'],
    ['a channel order id', { channelOrderId: '1005' }, 'FORBIDDEN', 'input.channelOrderId'],
    ['a priority', { priority: 1000 }, 'FORBIDDEN', 'input.priority'],
    ['a discount', { discount: 500 }, 'FORBIDDEN', 'input.discount'],
    ['a backdated placement', { placedAt: '2020-01-01T00:00:00.000Z' }, 'FORBIDDEN', 'input.placedAt'],
    ['channel fulfilment', { fulfilledBy: 'CHANNEL' }, 'FORBIDDEN', 'input.fulfilledBy'],
    ['a delivery promise', { promise: { latestShipAt: '2030-01-01T00:00:00.000Z' } }, 'FORBIDDEN', 'input.promise'],
  ])('is refused %s, and nothing is written', async (_what, extra, code, field) => {
    const before = await orderCount();
    const result = await hub.gql(PLACE, { input: selfService(extra) }, ada.key.headers);
    expect(result.data?.placeOrder ?? null).toBeNull();
    expect(errorOf(result)).toMatchObject({ code, field });
    expect(await orderCount()).toBe(before);
  });

  it('is refused a huge quantity, naming the line', async () => {
    const before = await orderCount();
    const result = await hub.gql(PLACE, { input: selfService({ lines: [{ sku, quantity: 100_000, unitPrice: 1000, tax: 0 }] }) }, ada.key.headers);
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' });
    expect(await orderCount()).toBe(before);
  });

  it('pays the catalogue price whatever unit price it sends; an item without a list price is not sold to it', async () => {
    const placed = await hub.gql(PLACE, { input: selfService({ lines: [{ sku, quantity: 2, unitPrice: 1, tax: 0 }] }) }, ada.key.headers);
    expect(placed.errors).toBeUndefined();
    expect(placed.data.placeOrder.lines).toEqual([{ sku, unitPrice: { amount: LIST_PRICE } }]);
    expect(placed.data.placeOrder.totals.total.amount).toBe(2 * LIST_PRICE);

    const unlisted = await createItem(hub, [{ locationId: await createLocation(hub, CITIES.munich), onHand: 10 }]);
    const before = await orderCount();
    const refused = await hub.gql(PLACE, { input: selfService({ lines: [{ sku: unlisted, quantity: 1, unitPrice: 1, tax: 0 }] }) }, ada.key.headers);
    expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines[0].sku' });
    const wrongCurrency = await hub.gql(PLACE, { input: selfService({ currency: 'USD' }) }, ada.key.headers);
    expect(errorOf(wrongCurrency)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.currency' });
    expect(await orderCount()).toBe(before);
    const halfPrice = await hub.gql(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku: unlisted, name: 'x', listPrice: 100 } });
    expect(errorOf(halfPrice)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.listPriceCurrency' });
    // Partners and the back office keep the prices of their channel.
    const partnerOrder = await hub.gql(PLACE, { input: orderInput({ lines: [{ sku, quantity: 1, unitPrice: 1999 }], channel: CHANNEL }) }, partner.headers);
    expect(partnerOrder.data.placeOrder.lines).toEqual([{ sku, unitPrice: { amount: 1999 } }]);
  });

  it('cannot pre-place a channel order, so the real one imports as new', async () => {
    const channelOrderId = unique('1005');
    const squat = await hub.gql(PLACE, { input: selfService({ channel: 'shopify', channelOrderId, idempotencyKey: `shopify:${channelOrderId}` }) }, ada.key.headers);
    expect(errorOf(squat).code).toBe('FORBIDDEN');
    const imported = await hub.data(`mutation($input: [PlaceOrderInput!]!) { importOrders(input: $input) { results { outcome order { id customer { email } } } } }`, {
      input: [{ ...orderInput({ lines: [{ sku, quantity: 1 }], channel: 'shopify' }), channelOrderId, idempotencyKey: `shopify:${channelOrderId}` }],
    });
    expect(imported.importOrders.results[0].outcome).toBe('CREATED');
    expect(imported.importOrders.results[0].order.customer.email).not.toBe(ada.email);
  });

  it('has idempotency keys of its own: the same key from the back office is another order', async () => {
    const key = unique('checkout');
    const own = await hub.gql(PLACE, { input: selfService({ idempotencyKey: key }) }, ada.key.headers);
    expect(own.errors).toBeUndefined();
    const repeat = await hub.gql(PLACE, { input: selfService({ idempotencyKey: key }) }, ada.key.headers);
    expect(repeat.data.placeOrder.id).toBe(own.data.placeOrder.id);
    const other = await hub.data(PLACE, { input: { ...orderInput({ lines: [{ sku, quantity: 1 }], channel: 'web' }), idempotencyKey: key } });
    expect(other.placeOrder.id).not.toBe(own.data.placeOrder.id);
    expect(other.placeOrder.customer.email).not.toBe(ada.email);
  });
});

describe('order history notes', () => {
  it('hides hold reasons and staff remarks from the customer and the partner; the back office reads them', async () => {
    const reason = `internal: ${unique('fraud-score')} above threshold`;
    await hub.data(`mutation($input: HoldRuleInput!) { upsertHoldRule(input: $input) { id } }`, {
      input: { name: unique('risk'), reason, conditions: { all: [{ fact: 'quantity', operator: 'greaterThanInclusive', value: 7 }] } },
    });
    const held = await hub.gql(PLACE, { input: selfService({ lines: [{ sku, quantity: 7, unitPrice: 1000, tax: 0 }] }) }, ada.key.headers);
    expect(held.errors).toBeUndefined();
    expect(held.data.placeOrder.status).toBe('ON_HOLD');
    const orderId = held.data.placeOrder.id;
    const remark = `staff remark ${unique('r')}`;
    await hub.data(`mutation($id: ID!, $reason: String!) { cancelOrder(id: $id, reason: $reason) { id } }`, { id: orderId, reason: remark });

    const asCustomer = await hub.gql(HISTORY, { id: orderId }, ada.key.headers);
    expect(asCustomer.errors).toBeUndefined();
    expect(asCustomer.data.order.history.map((entry: { type: string }) => entry.type)).toEqual(expect.arrayContaining(['orders.order.held', 'orders.order.cancelled']));
    expect(JSON.stringify(asCustomer.data)).not.toContain(reason);
    expect(JSON.stringify(asCustomer.data)).not.toContain(remark);
    // Who acted in the back office is shown by role, not by key.
    expect(asCustomer.data.order.history).toContainEqual({ type: 'orders.order.cancelled', note: null, actor: 'admin' });

    const asAdmin = await hub.data(HISTORY, { id: orderId });
    expect(JSON.stringify(asAdmin)).toContain(reason);
    expect(JSON.stringify(asAdmin)).toContain(remark);

    // A partner's order, held and remarked on by staff: the partner sees neither note.
    const partnerOrder = await hub.gql(PLACE, { input: orderInput({ lines: [{ sku, quantity: 8 }], channel: CHANNEL }) }, partner.headers);
    expect(partnerOrder.data.placeOrder.status).toBe('ON_HOLD');
    const asPartner = await hub.gql(HISTORY, { id: partnerOrder.data.placeOrder.id }, partner.headers);
    expect(asPartner.errors).toBeUndefined();
    expect(JSON.stringify(asPartner.data)).not.toContain(reason);
  });

  it('shows a customer the note of its own cancellation', async () => {
    const placed = await hub.gql(PLACE, { input: selfService() }, ada.key.headers);
    const mine = `changed my mind ${unique('n')}`;
    const cancelled = await hub.gql(`mutation($id: ID!, $reason: String!) { cancelOrder(id: $id, reason: $reason) { id } }`, { id: placed.data.placeOrder.id, reason: mine }, ada.key.headers);
    expect(cancelled.errors).toBeUndefined();
    const history = await hub.gql(HISTORY, { id: placed.data.placeOrder.id }, ada.key.headers);
    expect(history.data.order.history.map((entry: { note: string | null }) => entry.note)).toContain(mine);
  });
});
