// Who may do what, through the gateway with real credentials: partner keys scoped to channels,
// customer keys scoped to their own orders (object and field level, in all four domain subgraphs),
// JWTs (HS256 secret, RS256 JWKS), revoked and unknown keys, subgraphs refusing unsigned or forged
// requests, the per-key rate limit, depth and cost limits, and introspection in production.
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { startGateway, type GatewayService } from '@oms/gateway';
import { CITIES, createItem, createLocation, orderInput, unique, waitFor } from './support/fixtures';
import { postGraphql, startTestStack, type ApiKeyHandle, type GqlResponse, type TestStack } from './support/stack';

const JWT_SECRET = `test-jwt-${randomBytes(16).toString('hex')}`;
const CHANNEL_A = 'partner-a';
const CHANNEL_B = 'partner-b';

let hub: TestStack;
let locationId: string;
let sku: string;
let partnerA: ApiKeyHandle;
let ada: { id: string; email: string; key: ApiKeyHandle };
let bob: { id: string; email: string; key: ApiKeyHandle };
/** Orders placed by the back office: one per channel, one per customer. */
const orders: Record<'a' | 'b' | 'ada' | 'bob', { id: string; channelOrderId: string; shipmentId: string }> = {} as never;

const ORDER = `query($id: ID!) { order(id: $id) { id channel status customer { id } } }`;
const ORDERS = `query($filter: OrderFilter) { orders(filter: $filter, first: 100) { edges { node { id channel customer { id } } } } }`;
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id channel status customer { id } shipments { id status } } }`;
const CANCEL = `mutation($id: ID!) { cancelOrder(id: $id, reason: "changed my mind") { id status } }`;

function codeOf(result: GqlResponse<unknown>): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

async function createCustomer(email: string): Promise<string> {
  const data = await hub.data<{ upsertCustomer: { id: string } }>(`mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { id } }`, {
    input: { email, name: email.split('@')[0], phone: '+49 30 1234567', addresses: [{ line1: '5 Main St', city: 'Berlin', countryCode: 'DE' }] },
  });
  return data.upsertCustomer.id;
}

/** Places an order as admin and returns it with its (first) shipment. */
async function placeAsAdmin(channel: string, customerId?: string) {
  const channelOrderId = unique('CO');
  const input = { ...orderInput({ lines: [{ sku, quantity: 1 }], channel }), channelOrderId, ...(customerId ? { customerId, customer: undefined } : {}) };
  const data = await hub.data<{ placeOrder: { id: string; shipments: Array<{ id: string }> } }>(PLACE, { input });
  expect(data.placeOrder.shipments).toHaveLength(1);
  return { id: data.placeOrder.id, channelOrderId, shipmentId: data.placeOrder.shipments[0].id };
}

async function shipAsAdmin(shipmentId: string): Promise<void> {
  await hub.data(`mutation($id: ID!) { pickShipment(id: $id) { id } }`, { id: shipmentId });
  await hub.data(`mutation($id: ID!) { packShipment(id: $id) { id } }`, { id: shipmentId });
  await hub.data(`mutation($input: ShipShipmentInput!) { shipShipment(input: $input) { id } }`, { input: { id: shipmentId, carrier: 'DHL', trackingNumber: unique('TRK') } });
}

/** A customer's own order input: no customer details, the key says who it is. */
function selfServiceInput(extra: Record<string, unknown> = {}) {
  const { customer: _customer, ...input } = orderInput({ lines: [{ sku, quantity: 1 }], channel: 'web' });
  return { ...input, ...extra };
}

beforeAll(async () => {
  // The gateway reads its JWT configuration when it starts.
  process.env.OMS_JWT_SECRET = JWT_SECRET;
  hub = await startTestStack();
  locationId = await createLocation(hub, CITIES.berlin);
  sku = await createItem(hub, [{ locationId, onHand: 500 }]);
  // Customers' orders are priced from the catalogue: the item is listed for self-service.
  await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name: `Item ${sku}`, listPrice: 1000, listPriceCurrency: 'EUR' } });
  const adaEmail = `${unique('ada')}@example.com`;
  const bobEmail = `${unique('bob')}@example.com`;
  const [adaId, bobId] = await Promise.all([createCustomer(adaEmail), createCustomer(bobEmail)]);
  const [partnerKey, adaKey, bobKey] = await Promise.all([
    hub.createKey('PARTNER', { channels: [CHANNEL_A] }),
    hub.createKey('CUSTOMER', { customerId: adaId }),
    hub.createKey('CUSTOMER', { customerId: bobId }),
  ]);
  partnerA = partnerKey;
  ada = { id: adaId, email: adaEmail, key: adaKey };
  bob = { id: bobId, email: bobEmail, key: bobKey };
  orders.a = await placeAsAdmin(CHANNEL_A);
  orders.b = await placeAsAdmin(CHANNEL_B);
  orders.ada = await placeAsAdmin('web', adaId);
  orders.bob = await placeAsAdmin('web', bobId);
});
afterAll(async () => {
  delete process.env.OMS_JWT_SECRET;
  await hub?.stop();
});

describe('a partner key (channel A)', () => {
  it('reads its channel’s orders with their shipments and customer, and gets FORBIDDEN for channel B', async () => {
    const own = await hub.gql(`query($id: ID!) { order(id: $id) { id channel shipments { id } customer { email name } } }`, { id: orders.a.id }, partnerA.headers);
    expect(own.errors).toBeUndefined();
    expect(own.data.order).toMatchObject({ id: orders.a.id, channel: CHANNEL_A, shipments: [{ id: orders.a.shipmentId }], customer: { email: expect.stringContaining('@example.com') } });

    const other = await hub.gql(ORDER, { id: orders.b.id }, partnerA.headers);
    expect(other.data?.order).toBeNull();
    expect(codeOf(other)).toBe('FORBIDDEN');
    const byChannel = await hub.gql(`query($c: String!, $id: String!) { orderByChannel(channel: $c, channelOrderId: $id) { id } }`, { c: CHANNEL_B, id: orders.b.channelOrderId }, partnerA.headers);
    expect(codeOf(byChannel)).toBe('FORBIDDEN');
    const shipment = await hub.gql(`query($id: ID!) { shipment(id: $id) { id } }`, { id: orders.b.shipmentId }, partnerA.headers);
    expect(shipment.data?.shipment).toBeNull();
    expect(codeOf(shipment)).toBe('FORBIDDEN');
  });

  it('lists only channel A orders, whatever filter it sends', async () => {
    const all = await hub.gql(ORDERS, {}, partnerA.headers);
    const channels = all.data.orders.edges.map((edge: any) => edge.node.channel);
    expect(channels.length).toBeGreaterThan(0);
    expect(new Set(channels)).toEqual(new Set([CHANNEL_A]));
    expect(all.data.orders.edges.map((edge: any) => edge.node.id)).toContain(orders.a.id);

    const asked = await hub.gql(ORDERS, { filter: { channel: [CHANNEL_B] } }, partnerA.headers);
    expect(asked.data.orders.edges).toEqual([]);
    // The admin sees both channels with the same query.
    const admin = await hub.data<any>(ORDERS, { filter: { channel: [CHANNEL_A, CHANNEL_B] } });
    expect(new Set(admin.orders.edges.map((edge: any) => edge.node.channel))).toEqual(new Set([CHANNEL_A, CHANNEL_B]));
  });

  it('cannot cancel a channel B order or place one on channel B; can on channel A', async () => {
    const cancel = await hub.gql(CANCEL, { id: orders.b.id }, partnerA.headers);
    expect(codeOf(cancel)).toBe('FORBIDDEN');
    expect((await hub.data<any>(ORDER, { id: orders.b.id })).order.status).not.toBe('CANCELLED');

    const onB = await hub.gql(PLACE, { input: orderInput({ lines: [{ sku, quantity: 1 }], channel: CHANNEL_B }) }, partnerA.headers);
    expect(codeOf(onB)).toBe('FORBIDDEN');
    expect(onB.errors?.[0]?.extensions?.field).toBe('input.channel');
    const onA = await hub.gql(PLACE, { input: orderInput({ lines: [{ sku, quantity: 1 }], channel: CHANNEL_A }) }, partnerA.headers);
    expect(onA.errors).toBeUndefined();
    expect(onA.data.placeOrder).toMatchObject({ channel: CHANNEL_A, status: 'ALLOCATED' });
  });

  it('may not query customers directly, nor read a customer’s phone or addresses through an order', async () => {
    expect(codeOf(await hub.gql(`{ customers { edges { node { id } } } }`, {}, partnerA.headers))).toBe('FORBIDDEN');
    const byId = await hub.gql(`query($id: ID!) { customer(id: $id) { id } }`, { id: ada.id }, partnerA.headers);
    expect(codeOf(byId)).toBe('FORBIDDEN');
    const phone = await hub.gql(`query($id: ID!) { order(id: $id) { id customer { phone } } }`, { id: orders.a.id }, partnerA.headers);
    expect(codeOf(phone)).toBe('FORBIDDEN');
    expect(phone.errors?.[0]?.path).toEqual(['order', 'customer', 'phone']);
  });

  it('cannot touch back-office operations: stock, shipments, hold rules, event logs', async () => {
    const attempts = await Promise.all([
      hub.gql(`mutation($input: AdjustStockInput!) { adjustStock(input: $input) { onHand } }`, { input: { sku, locationId, delta: 5, reason: 'partner' } }, partnerA.headers),
      hub.gql(`mutation($id: ID!) { pickShipment(id: $id) { id } }`, { id: orders.a.shipmentId }, partnerA.headers),
      hub.gql(`{ holdRules { id } }`, {}, partnerA.headers),
      hub.gql(`{ orderEvents { cursor } }`, {}, partnerA.headers),
      hub.gql(`{ fulfillmentEvents { cursor } }`, {}, partnerA.headers),
      hub.gql(`{ inventoryEvents { cursor } }`, {}, partnerA.headers),
    ]);
    expect(attempts.map(codeOf)).toEqual(Array(attempts.length).fill('FORBIDDEN'));
    const shipment = await hub.data<any>(`query($id: ID!) { shipment(id: $id) { status } }`, { id: orders.a.shipmentId });
    expect(shipment.shipment.status).toBe('PENDING');
  });
});

describe('a customer key', () => {
  it('reads its own order with history and shipments, and gets FORBIDDEN for another customer’s', async () => {
    const own = await hub.gql(`query($id: ID!) { order(id: $id) { id customer { id email } history { type } shipments { id } } }`, { id: orders.ada.id }, ada.key.headers);
    expect(own.errors).toBeUndefined();
    expect(own.data.order).toMatchObject({ id: orders.ada.id, customer: { id: ada.id, email: ada.email }, shipments: [{ id: orders.ada.shipmentId }] });
    expect(own.data.order.history.map((entry: any) => entry.type)).toContain('orders.order.placed');

    const other = await hub.gql(ORDER, { id: orders.bob.id }, ada.key.headers);
    expect(other.data?.order).toBeNull();
    expect(codeOf(other)).toBe('FORBIDDEN');
    expect(codeOf(await hub.gql(`query($id: ID!) { customer(id: $id) { id } }`, { id: bob.id }, ada.key.headers))).toBe('FORBIDDEN');
    expect(codeOf(await hub.gql(`query($e: String!) { customerByEmail(email: $e) { id } }`, { e: bob.email }, ada.key.headers))).toBe('FORBIDDEN');
  });

  it('lists only its own orders, also through Customer.orders', async () => {
    const listed = await hub.gql(ORDERS, {}, ada.key.headers);
    const owners = listed.data.orders.edges.map((edge: any) => edge.node.customer.id);
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(owners)).toEqual(new Set([ada.id]));
    const asked = await hub.gql(ORDERS, { filter: { customerId: bob.id } }, ada.key.headers);
    expect(asked.data.orders.edges).toEqual([]);
    const self = await hub.gql(`query($id: ID!) { customer(id: $id) { id orders { edges { node { id } } } } }`, { id: ada.id }, ada.key.headers);
    expect(self.data.customer.orders.edges.map((edge: any) => edge.node.id)).toContain(orders.ada.id);
  });

  it('sees and updates only its own customer record, and cannot raise its tier', async () => {
    const listed = await hub.gql(`{ customers(first: 100) { edges { node { id } } } }`, {}, ada.key.headers);
    expect(listed.data.customers.edges).toEqual([{ node: { id: ada.id } }]);
    const UPSERT = `mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { id name tier } }`;
    const renamed = await hub.gql(UPSERT, { input: { email: ada.email.toUpperCase(), name: 'Ada L.' } }, ada.key.headers);
    expect(renamed.data.upsertCustomer).toEqual({ id: ada.id, name: 'Ada L.', tier: 'STANDARD' });
    const promoted = await hub.gql(UPSERT, { input: { email: ada.email, tier: 'VIP' } }, ada.key.headers);
    expect(codeOf(promoted)).toBe('FORBIDDEN');
    const otherRecord = await hub.gql(UPSERT, { input: { email: bob.email, name: 'Not Bob' } }, ada.key.headers);
    expect(codeOf(otherRecord)).toBe('FORBIDDEN');
    const stored = await hub.data<any>(`query($a: ID!, $b: ID!) { a: customer(id: $a) { tier } b: customer(id: $b) { name } }`, { a: ada.id, b: bob.id });
    expect(stored).toEqual({ a: { tier: 'STANDARD' }, b: { name: bob.email.split('@')[0] } });
  });

  it('gets FORBIDDEN for the back-office fields of its own order (payments)', async () => {
    const result = await hub.gql(`query($id: ID!) { order(id: $id) { id payments { kind } } }`, { id: orders.ada.id }, ada.key.headers);
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.path).toEqual(['order', 'payments']);
    // The admin selects the same field.
    expect((await hub.data<any>(`query($id: ID!) { order(id: $id) { payments { kind } } }`, { id: orders.ada.id })).order.payments).toEqual([]);
  });

  it('places an order for itself only', async () => {
    const placed = await hub.gql(PLACE, { input: selfServiceInput() }, ada.key.headers);
    expect(placed.errors).toBeUndefined();
    expect(placed.data.placeOrder).toMatchObject({ status: 'ALLOCATED', customer: { id: ada.id } });
    const email = await hub.gql(`query($id: ID!) { order(id: $id) { email } }`, { id: placed.data.placeOrder.id }, ada.key.headers);
    expect(email.data.order.email).toBe(ada.email);

    const forBob = await hub.gql(PLACE, { input: selfServiceInput({ customerId: bob.id }) }, ada.key.headers);
    expect(codeOf(forBob)).toBe('FORBIDDEN');
    const otherEmail = await hub.gql(PLACE, { input: selfServiceInput({ customer: { email: bob.email } }) }, ada.key.headers);
    expect(codeOf(otherEmail)).toBe('FORBIDDEN');
    expect(otherEmail.errors?.[0]?.extensions?.field).toBe('input.customer.email');
  });

  it('cancels its own order, and not another customer’s', async () => {
    const placed = await hub.gql(PLACE, { input: selfServiceInput() }, ada.key.headers);
    const cancelled = await hub.gql(CANCEL, { id: placed.data.placeOrder.id }, ada.key.headers);
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data.cancelOrder.status).toBe('CANCELLED');

    expect(codeOf(await hub.gql(CANCEL, { id: orders.bob.id }, ada.key.headers))).toBe('FORBIDDEN');
    expect((await hub.data<any>(ORDER, { id: orders.bob.id })).order.status).toBe('ALLOCATED');
  });

  it('requests a return of its own shipped order; another customer cannot, and only the back office approves', async () => {
    const order = await placeAsAdmin('web', ada.id);
    await shipAsAdmin(order.shipmentId);
    const REQUEST = `mutation($input: RequestReturnInput!) { requestReturn(input: $input) { id status order { id } } }`;
    const input = { orderId: order.id, lines: [{ sku, quantity: 1 }], reason: 'does not fit' };

    const bobs = await hub.gql(REQUEST, { input }, bob.key.headers);
    expect(codeOf(bobs)).toBe('FORBIDDEN');
    const requested = await hub.gql(REQUEST, { input }, ada.key.headers);
    expect(requested.errors).toBeUndefined();
    expect(requested.data.requestReturn).toMatchObject({ status: 'REQUESTED', order: { id: order.id } });
    const returnId = requested.data.requestReturn.id;

    expect(codeOf(await hub.gql(`query($id: ID!) { return(id: $id) { id } }`, { id: returnId }, bob.key.headers))).toBe('FORBIDDEN');
    const tracked = await hub.gql(`query($id: ID!) { order(id: $id) { returns { id status } shipments { status trackingNumber } } }`, { id: order.id }, ada.key.headers);
    expect(tracked.data.order).toMatchObject({ returns: [{ id: returnId, status: 'REQUESTED' }], shipments: [{ status: 'SHIPPED' }] });
    expect(codeOf(await hub.gql(`mutation($id: ID!) { approveReturn(id: $id) { id } }`, { id: returnId }, ada.key.headers))).toBe('FORBIDDEN');
  });

  it('reads the catalogue but cannot adjust stock', async () => {
    const item = await hub.gql(`query($sku: String!) { inventoryItem(sku: $sku) { sku available } }`, { sku }, ada.key.headers);
    expect(item.errors).toBeUndefined();
    const before = item.data.inventoryItem.available;
    const adjust = await hub.gql(`mutation($input: AdjustStockInput!) { adjustStock(input: $input) { onHand } }`, { input: { sku, locationId, delta: 100, reason: 'free stock' } }, ada.key.headers);
    expect(codeOf(adjust)).toBe('FORBIDDEN');
    expect((await hub.data<any>(`query($sku: String!) { inventoryItem(sku: $sku) { available } }`, { sku })).inventoryItem.available).toBe(before);
  });
});

describe('JWT', () => {
  const sign = (claims: Record<string, unknown>, secret = JWT_SECRET, expiresIn: string | number = '5m') =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(`user-${unique('u')}`).setIssuedAt().setExpirationTime(expiresIn).sign(new TextEncoder().encode(secret));
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('HS256 tokens carry role, channels and customer_id', async () => {
    const partner = await hub.gql(ORDERS, {}, bearer(await sign({ role: 'PARTNER', channels: [CHANNEL_B] })));
    expect(partner.errors).toBeUndefined();
    expect(new Set(partner.data.orders.edges.map((edge: any) => edge.node.channel))).toEqual(new Set([CHANNEL_B]));

    const customer = bearer(await sign({ role: 'CUSTOMER', customer_id: bob.id }));
    expect((await hub.gql(ORDER, { id: orders.bob.id }, customer)).data.order.id).toBe(orders.bob.id);
    expect(codeOf(await hub.gql(ORDER, { id: orders.ada.id }, customer))).toBe('FORBIDDEN');
  });

  it('refuses an expired, wrongly signed or never-expiring token with UNAUTHENTICATED', async () => {
    const expired = await sign({ role: 'ADMIN' }, JWT_SECRET, Math.floor(Date.now() / 1000) - 60);
    const forged = await sign({ role: 'ADMIN' }, 'not-the-secret');
    const forever = await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setSubject('no-exp').setIssuedAt().sign(new TextEncoder().encode(JWT_SECRET));
    const refusal = await hub.gql(ORDER, { id: orders.a.id }, bearer(forever));
    expect(refusal.errors?.[0].message).toMatch(/exp/);
    for (const token of [expired, forged, forever]) {
      const result = await hub.gql(ORDER, { id: orders.a.id }, bearer(token));
      expect(result.data?.order).toBeUndefined();
      expect(codeOf(result)).toBe('UNAUTHENTICATED');
    }
  });
});

describe('a production gateway with an RS256 JWKS', () => {
  let gateway: GatewayService;
  let privateKey: KeyLike;
  const KID = 'test-key-1';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
    const subgraphUrls = Object.fromEntries(Object.entries(hub.subgraphs).map(([name, subgraph]) => [name, subgraph.url]));
    gateway = await startGateway({ port: 0, host: '127.0.0.1', subgraphUrls: subgraphUrls as never, jwt: { jwks: { keys: [jwk] } }, production: true });
  });
  afterAll(() => gateway?.stop());

  const rs256 = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: KID }).setSubject('rs-user').setIssuedAt().setExpirationTime('5m').sign(privateKey);

  it('accepts tokens signed by a key of the JWKS, and only those', async () => {
    const ok = await postGraphql<any>(gateway.url, `{ viewer { subject role channels } }`, {}, { authorization: `Bearer ${await rs256({ role: 'PARTNER', channels: [CHANNEL_A] })}` });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.viewer).toEqual({ subject: 'jwt:rs-user', role: 'PARTNER', channels: [CHANNEL_A] });
    const scoped = await postGraphql<any>(gateway.url, ORDER, { id: orders.b.id }, { authorization: `Bearer ${await rs256({ role: 'PARTNER', channels: [CHANNEL_A] })}` });
    expect(codeOf(scoped)).toBe('FORBIDDEN');

    const otherKey = (await generateKeyPair('RS256')).privateKey;
    const stranger = await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'RS256', kid: KID }).setSubject('x').setExpirationTime('5m').sign(otherKey);
    expect(codeOf(await postGraphql(gateway.url, `{ viewer { role } }`, {}, { authorization: `Bearer ${stranger}` }))).toBe('UNAUTHENTICATED');
  });

  it('refuses introspection to non-admin keys', async () => {
    const staff = await hub.createKey('STAFF');
    const INTROSPECT = `{ __schema { queryType { name } } }`;
    expect(codeOf(await postGraphql(gateway.url, INTROSPECT, {}, staff.headers))).toBe('FORBIDDEN');
    expect(codeOf(await postGraphql(gateway.url, INTROSPECT, {}, {}))).toBe('UNAUTHENTICATED');
    const admin = await postGraphql<any>(gateway.url, INTROSPECT, {}, { authorization: `Bearer ${hub.adminKey}` });
    expect(admin.data.__schema.queryType.name).toBe('Query');
  });
});

describe('API keys and credentials', () => {
  it('refuses requests without credentials or with an unknown key', async () => {
    const anonymous = await hub.gql(ORDER, { id: orders.a.id }, {});
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    const unknown = await hub.gql(ORDER, { id: orders.a.id }, { authorization: `Bearer oms_${randomBytes(24).toString('base64url')}` });
    expect(codeOf(unknown)).toBe('UNAUTHENTICATED');
    // HTTP clients see 401 too; the status is not repeated in the error's extensions.
    const response = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ viewer { role } }' }) });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('stops accepting a revoked key within the gateway’s cache time', async () => {
    const key = await hub.createKey('STAFF', { name: 'to revoke' });
    expect((await hub.gql(`{ viewer { role } }`, {}, key.headers)).data.viewer.role).toBe('STAFF');
    await hub.data(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: key.id });
    await waitFor('the revoked key to be refused', async () => codeOf(await hub.gql(`{ viewer { role } }`, {}, key.headers)) === 'UNAUTHENTICATED', 15_000);
  });

  it('answers RATE_LIMITED with retryAfterSeconds once a key spent its budget', async () => {
    const key = await hub.createKey('STAFF', { name: 'limited', rateLimitPerMinute: 5 });
    for (let request = 1; request <= 5; request += 1) expect((await hub.gql(`{ viewer { role } }`, {}, key.headers)).errors).toBeUndefined();
    const sixth = await hub.gql(`{ viewer { role } }`, {}, key.headers);
    expect(codeOf(sixth)).toBe('RATE_LIMITED');
    expect(sixth.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('refuses queries deeper than the depth limit or costlier than the cost limit', async () => {
    const nested = (depth: number): string => (depth === 0 ? 'id' : `customer { orders(first: 1) { edges { node { ${nested(depth - 1)} } } } }`);
    const deep = await hub.gql(`query($id: ID!) { order(id: $id) { ${nested(4)} } }`, { id: orders.a.id });
    expect(deep.data).toBeUndefined();
    expect(deep.errors?.[0]?.message).toMatch(/depth/i);

    const costly = await hub.gql(`{ orders(first: 100) { edges { node { customer { orders(first: 100) { edges { node { id } } } } } } } }`);
    expect(codeOf(costly)).toBe('BAD_USER_INPUT');
    expect(costly.errors?.[0]?.extensions?.cost).toBeGreaterThan(costly.errors?.[0]?.extensions?.maxCost);
  });
});

describe('subgraphs called directly', () => {
  const QUERY = `query($id: ID!) { order(id: $id) { id } }`;

  it('refuse requests without the gateway’s signature, or with a forged one', async () => {
    const url = hub.subgraphs.orders.url;
    expect(codeOf(await postGraphql(url, QUERY, { id: orders.a.id }))).toBe('UNAUTHENTICATED');
    const forged = await new SignJWT({ role: 'ADMIN', channels: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('intruder')
      .setIssuer('oms-hub')
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(randomBytes(32));
    expect(codeOf(await postGraphql(url, QUERY, { id: orders.a.id }, { 'x-oms-identity': forged }))).toBe('UNAUTHENTICATED');
    for (const name of ['customers', 'inventory', 'fulfillment'] as const) {
      expect(codeOf(await postGraphql(hub.subgraphs[name].url, `{ __typename }`, {}, { 'x-oms-identity': forged }))).toBe('UNAUTHENTICATED');
    }
    // Signed with the hub's own secret, the same request is answered.
    const signed = await postGraphql<any>(url, QUERY, { id: orders.a.id }, await hub.signedHeaders());
    expect(signed.data.order.id).toBe(orders.a.id);
  });

  it('apply the signed identity’s scope, for entity references too', async () => {
    const partner = await hub.signedHeaders({ subject: 'signed-partner', role: 'PARTNER', channels: [CHANNEL_A] });
    const entities = await postGraphql<any>(
      hub.subgraphs.orders.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id } } }`,
      { r: [{ __typename: 'Order', id: orders.a.id }, { __typename: 'Order', id: orders.b.id }] },
      partner,
    );
    expect(entities.data._entities[0]).toEqual({ id: orders.a.id });
    expect(entities.data._entities[1]).toBeNull();
    expect(entities.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['_entities', 1], 'FORBIDDEN']]);
  });
});
