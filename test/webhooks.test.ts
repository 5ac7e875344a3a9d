// Outbound webhooks through the gateway: signed deliveries to a real local receiver, retried until
// they succeed, in order per order, scoped to a partner's channels, recorded and redeliverable in the
// graph; bad input stores nothing; with Redis the BullMQ queue carries the deliveries.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue, QueueEvents } from 'bullmq';
import { queueNameFor, startWebhooksSubgraph, type RunningWebhooksSubgraph } from '@oms/webhooks-subgraph';
import { PEER_NAMES, type PeerName } from '@oms/platform';
import { createItem, createLocation, CITIES, placeOrder, unique, waitFor } from './support/fixtures';
import { postGraphql, startTestStack, type TestStack } from './support/stack';

// Fast retries for the test; receivers listen on 127.0.0.1, which partners may not target otherwise.
process.env.OMS_WEBHOOK_BACKOFF_BASE_MS = '50';
process.env.OMS_WEBHOOK_BACKOFF_CAP_MS = '300';
process.env.OMS_WEBHOOK_ALLOW_PRIVATE_URLS = '1';
// A standing key is asked about again at every use, so a revocation shows at once (default 5 s).
process.env.OMS_WEBHOOK_KEY_RECHECK_MS = '1';

interface Received {
  webhookId: string;
  eventType: string;
  timestamp: string;
  signature: string;
  attempt: number;
  body: string;
  json: any;
  /** What the receiver answered. */
  status: number;
  at: number;
}

interface Receiver {
  url: string;
  received: Received[];
  ok(): Received[];
  close(): Promise<void>;
}

/** A local webhook receiver; `answer` picks the HTTP status of each request (default 200). */
async function startReceiver(answer: (request: Omit<Received, 'status'>, all: Received[]) => number = () => 200): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => String(req.headers[name] ?? '');
      const request = {
        webhookId: header('webhook-id'),
        eventType: header('x-oms-event-type'),
        timestamp: header('x-oms-timestamp'),
        signature: header('x-oms-signature'),
        attempt: Number(header('x-oms-attempt')),
        body,
        json: JSON.parse(body),
        at: Date.now(),
      };
      const status = answer(request, received);
      received.push({ ...request, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'receiver down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    ok: () => received.filter((request) => request.status < 300),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The receiver's side of the contract, written from the documented scheme (not the hub's code). */
function signatureVerifies(secret: string, request: Received): boolean {
  const expected = `v1=${createHmac('sha256', secret).update(`${request.timestamp}.${request.body}`).digest('hex')}`;
  return request.signature === expected && Math.abs(Date.now() / 1000 - Number(request.timestamp)) < 300;
}

const seqOf = (request: Received) => Number(String(request.json.id).split(':')[1]);

const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) {
  registerWebhookEndpoint(input: $input) { secret endpoint { id url eventTypes selection channels active secretPrefix owner } } }`;
const DELIVERY = `query($id: ID!) { webhookDelivery(id: $id) {
  id status attempts lastStatusCode eventType orderId deliveredAt payload endpoint { id }
  attemptLog { number statusCode error manual requestId } } }`;

let hub: TestStack;
let location: string;
const receivers: Receiver[] = [];

async function receiver(answer?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const started = await startReceiver(answer);
  receivers.push(started);
  return started;
}

async function register(input: object, headers?: Record<string, string>) {
  const result = await hub.gql(REGISTER, { input }, headers);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.registerWebhookEndpoint as { secret: string; endpoint: { id: string; channels: string[]; secretPrefix: string; owner: string } };
}

async function orderWithStock(channel = 'web', email?: string) {
  const sku = await createItem(hub, [{ locationId: location, onHand: 5 }]);
  return placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel, email });
}

beforeAll(async () => {
  hub = await startTestStack();
  location = await createLocation(hub, CITIES.berlin);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await hub?.stop();
});

describe('webhook deliveries', () => {
  let firstDeliveryId: string;
  let firstReceiver: Receiver;

  it('retries a receiver that fails twice, then delivers exactly once, signed, with the selection resolved across subgraphs', async () => {
    // Fails the first two requests of every delivery, then accepts.
    firstReceiver = await receiver((request, all) => (all.filter((r) => r.webhookId === request.webhookId).length < 2 ? 500 : 200));
    const { secret, endpoint } = await register({ url: firstReceiver.url, eventTypes: ['orders.order.placed'], selection: 'number status customer { email }' });
    expect(secret).toMatch(/^whsec_/);
    expect(secret.startsWith(endpoint.secretPrefix)).toBe(true);
    expect(endpoint.channels).toEqual([]);

    const email = `${unique('hook')}@example.com`;
    const order = await orderWithStock('web', email);
    const delivered = await waitFor('the placed event to be delivered', async () => firstReceiver.ok().find((r) => r.json.data.order?.number === order.number));
    firstDeliveryId = delivered.webhookId;

    const attempts = firstReceiver.received.filter((r) => r.webhookId === delivered.webhookId);
    expect(attempts.map((r) => [r.status, r.attempt])).toEqual([[500, 1], [500, 2], [200, 3]]);
    for (const request of attempts) expect(signatureVerifies(secret, request)).toBe(true);
    expect(signatureVerifies(`${secret}x`, delivered)).toBe(false);
    expect(delivered.eventType).toBe('orders.order.placed');
    expect(delivered.json).toMatchObject({
      type: 'orders.order.placed',
      cursor: expect.any(String),
      at: expect.any(String),
      data: { channel: 'web', order: { number: order.number, customer: { email } } },
    });
    // The selection was resolved through the gateway (status comes from orders, email from customers).
    expect(typeof delivered.json.data.order.status).toBe('string');

    const { webhookDelivery } = await hub.data(DELIVERY, { id: delivered.webhookId });
    expect(webhookDelivery).toMatchObject({ status: 'DELIVERED', attempts: 3, lastStatusCode: 200, orderId: order.id, eventType: 'orders.order.placed', endpoint: { id: endpoint.id } });
    expect(webhookDelivery.attemptLog.map((a: any) => a.statusCode)).toEqual([500, 500, 200]);
    expect(webhookDelivery.attemptLog[0].error).toContain('HTTP 500');
    expect(new Set(webhookDelivery.attemptLog.map((a: any) => a.requestId)).size).toBe(3);
    expect(webhookDelivery.payload).toEqual(delivered.json);

    // Delivered means done: nothing is sent again (a second order's delivery proves the dispatcher kept running).
    await orderWithStock('web');
    await waitFor('the next order to be delivered', async () => firstReceiver.ok().length >= 2);
    expect(firstReceiver.ok().filter((r) => r.webhookId === delivered.webhookId)).toHaveLength(1);
  });

  it('redelivers on request with the same webhook-id, as a new recorded attempt', async () => {
    const before = firstReceiver.received.filter((r) => r.webhookId === firstDeliveryId).length;
    const { redeliverWebhook } = await hub.data(`mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }`, { id: firstDeliveryId });
    expect(redeliverWebhook.id).toBe(firstDeliveryId);
    const again = await waitFor('the redelivery', async () => firstReceiver.received.filter((r) => r.webhookId === firstDeliveryId)[before]);
    expect(again).toMatchObject({ webhookId: firstDeliveryId, status: 200, attempt: 4 });
    const { webhookDelivery } = await hub.data(DELIVERY, { id: firstDeliveryId });
    expect(webhookDelivery).toMatchObject({ status: 'DELIVERED', attempts: 4 });
    expect(webhookDelivery.attemptLog.map((a: any) => a.manual)).toEqual([false, false, false, true]);

    const missing = await hub.gql(`mutation { redeliverWebhook(deliveryId: "whd_nope") { id } }`);
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'deliveryId' });
  });

  it('delivers the events of one order in log order, even when the first needs retries', async () => {
    const channel = unique('in-order');
    let failuresLeft = 2;
    // The first request about this channel fails twice; everything after it must wait for it.
    const inOrder = await receiver((request) => {
      if (request.json.data?.channel === channel && failuresLeft > 0) {
        failuresLeft -= 1;
        return 503;
      }
      return 200;
    });
    await register({ url: inOrder.url, eventTypes: ['orders.order.*'], channels: [channel] });
    const order = await orderWithStock(channel);
    await hub.data(`mutation($id: ID!) { cancelOrder(id: $id, reason: "customer changed mind") { status } }`, { id: order.id });
    const okTypes = () => inOrder.ok().filter((r) => r.json.aggregateId === order.id).map((r) => r.eventType);
    const history = await waitFor('every event of the order to be delivered', async () => {
      const { order: stored } = await hub.data(`query($id: ID!) { order(id: $id) { history { type } } }`, { id: order.id });
      const types = stored.history.map((h: any) => h.type).filter((type: string) => type.startsWith('orders.order.'));
      return types.includes('orders.order.cancelled') && JSON.stringify(okTypes()) === JSON.stringify(types) && types;
    });
    expect(history).toEqual(expect.arrayContaining(['orders.order.placed', 'orders.order.allocated', 'orders.order.cancelled']));

    const ofOrder = inOrder.received.filter((r) => r.json.aggregateId === order.id);
    expect(ofOrder.slice(0, 3).map((r) => [r.eventType, r.status])).toEqual([
      ['orders.order.placed', 503],
      ['orders.order.placed', 503],
      ['orders.order.placed', 200],
    ]);
    // No request for an event went out before every earlier event of the order was accepted.
    for (const [index, request] of ofOrder.entries()) {
      const acceptedBefore = new Set(ofOrder.slice(0, index).filter((r) => r.status < 300).map(seqOf));
      for (const earlier of ofOrder.filter((r) => seqOf(r) < seqOf(request))) expect(acceptedBefore.has(seqOf(earlier))).toBe(true);
    }
    const cancelled = ofOrder.find((r) => r.eventType === 'orders.order.cancelled')!;
    expect(cancelled.json.data).toMatchObject({ from: 'ALLOCATED', to: 'CANCELLED', channel });
  });

  it('sends a test event on request', async () => {
    const testReceiver = await receiver();
    const { secret, endpoint } = await register({ url: testReceiver.url, eventTypes: ['fulfillment.shipment.*'] });
    const { sendTestWebhook } = await hub.data(`mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id eventType } }`, { id: endpoint.id });
    const got = await waitFor('the test delivery', async () => testReceiver.ok()[0]);
    expect(got).toMatchObject({ webhookId: sendTestWebhook.id, eventType: 'webhooks.endpoint.test' });
    expect(signatureVerifies(secret, got)).toBe(true);
  });
});

describe('webhook scope', () => {
  it('a partner key for channel A never receives channel B events, by order or fulfillment webhook', async () => {
    const channelA = unique('chan-a');
    const channelB = unique('chan-b');
    const partnerA = await hub.createKey('PARTNER', { channels: [channelA] });
    const partnerB = await hub.createKey('PARTNER', { channels: [channelB] });
    const customer = await hub.createKey('CUSTOMER', { customerId: '000000000000000000000001' });
    const hooksA = await receiver();

    const refused = await hub.gql(REGISTER, { input: { url: hooksA.url, eventTypes: ['orders.order.*'], channels: [channelA, channelB] } }, partnerA.headers);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.channels[1]' });
    const byCustomer = await hub.gql(REGISTER, { input: { url: hooksA.url, eventTypes: ['orders.order.*'] } }, customer.headers);
    expect(byCustomer.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const { endpoint } = await register({ url: hooksA.url, eventTypes: ['orders.order.placed', 'fulfillment.shipment.created'], selection: 'number channel' }, partnerA.headers);
    expect(endpoint.channels).toEqual([channelA]);
    expect(endpoint.owner).toBe(partnerA.actor);

    // B's order is placed first, so by the time A's events arrive, B's have been read and skipped.
    const orderB = await orderWithStock(channelB);
    expect(orderB.shipments.length).toBeGreaterThan(0);
    const orderA = await orderWithStock(channelA);
    await waitFor("channel A's order and shipment events", async () => {
      const types = hooksA.ok().filter((r) => (r.json.data.orderId ?? r.json.aggregateId) === orderA.id).map((r) => r.eventType);
      return types.includes('orders.order.placed') && types.includes('fulfillment.shipment.created');
    });
    const orderIds = new Set(hooksA.received.map((r) => r.json.data.orderId ?? r.json.aggregateId));
    expect(orderIds).toEqual(new Set([orderA.id]));
    expect(hooksA.received.some((r) => JSON.stringify(r.json).includes(channelB))).toBe(false);
    const placed = hooksA.ok().find((r) => r.eventType === 'orders.order.placed')!;
    expect(placed.json.data).toMatchObject({ channel: channelA, order: { number: orderA.number, channel: channelA } });

    // The delivery log in the graph: A sees its own deliveries, B sees neither A's endpoint nor its deliveries.
    const listA = await hub.gql(`{ webhookDeliveries(first: 50) { edges { node { id orderId endpoint { id } } } } }`, {}, partnerA.headers);
    const nodesA = listA.data.webhookDeliveries.edges.map((e: any) => e.node);
    expect(nodesA.length).toBeGreaterThanOrEqual(2);
    expect(nodesA.every((n: any) => n.endpoint.id === endpoint.id && n.orderId === orderA.id)).toBe(true);
    const endpointsB = await hub.gql(`query($id: ID!) { webhookEndpoints { id } webhookEndpoint(id: $id) { id } webhookDeliveries { edges { node { id } } } }`, { id: endpoint.id }, partnerB.headers);
    expect(endpointsB.data).toEqual({ webhookEndpoints: [], webhookEndpoint: null, webhookDeliveries: { edges: [] } });
    const redeliverByB = await hub.gql(`mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }`, { id: nodesA[0].id }, partnerB.headers);
    expect(redeliverByB.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('inventory events for partners', () => {
  it("carry stock figures for every channel but order references only of the partner's own orders", async () => {
    const channelA = unique('stock-a');
    const channelB = unique('stock-b');
    const partnerA = await hub.createKey('PARTNER', { channels: [channelA] });
    const hooksA = await receiver();
    const backOffice = await receiver();
    await register({ url: hooksA.url, eventTypes: ['inventory.stock.reserved'] }, partnerA.headers);
    await register({ url: backOffice.url, eventTypes: ['inventory.stock.reserved'] });

    const sku = await createItem(hub, [{ locationId: location, onHand: 5 }]);
    const orderB = await placeOrder(hub, { lines: [{ sku, quantity: 2 }], channel: channelB });
    const orderA = await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel: channelA });
    const ofSku = (hooks: Receiver) => hooks.ok().filter((r) => r.json.data.sku === sku);
    await waitFor('both reservations at the back office', async () => ofSku(backOffice).length === 2);
    const [reservedB, reservedA] = await waitFor("both reservations at partner A's endpoint", async () => ofSku(hooksA).length === 2 && ofSku(hooksA));

    // The back office reads each event whole.
    expect(ofSku(backOffice).map((r) => r.json.data.orderId)).toEqual([orderB.id, orderA.id]);
    // A reads B's reservation as a stock movement only, and its own with its order.
    expect(reservedB.json.data).toEqual({ sku, locationId: location, onHand: 5, reserved: 2, safetyStock: 0, available: 3, deltaOnHand: 0, deltaReserved: 2 });
    expect(reservedA.json.data).toMatchObject({ sku, orderId: orderA.id, reserved: 3, deltaReserved: 1 });
    expect(reservedA.json.data).not.toHaveProperty('reference');
    expect(hooksA.received.some((r) => r.body.includes(orderB.id) || r.body.includes(orderB.number))).toBe(false);
  });
});

describe('webhook isolation', () => {
  /** Spends a key's whole per-minute budget at the gateway (until the gateway answers RATE_LIMITED). */
  async function exhaustRateLimit(headers: Record<string, string>): Promise<void> {
    let limited = false;
    for (let round = 0; round < 200 && !limited; round++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => hub.gql('{ __typename }', {}, headers)));
      limited = answers.some((answer) => answer.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
    }
    expect(limited).toBe(true);
  }

  it("holds back only the rate-limited owner's deliveries: another owner's endpoint gets its events at once", async () => {
    const channelA = unique('iso-a');
    const channelB = unique('iso-b');
    const partnerA = await hub.createKey('PARTNER', { channels: [channelA] });
    const partnerB = await hub.createKey('PARTNER', { channels: [channelB] });
    const hooksA = await receiver();
    const hooksB = await receiver();
    const { endpoint: endpointA } = await register({ url: hooksA.url, eventTypes: ['orders.order.placed'], selection: 'number' }, partnerA.headers);
    await register({ url: hooksB.url, eventTypes: ['orders.order.placed'], selection: 'number' }, partnerB.headers);

    // A spends its budget: the gateway refuses A's key — and the payload selections resolved as A — for a while.
    await exhaustRateLimit(partnerA.headers);
    const orderA = await orderWithStock(channelA);
    const orderB = await orderWithStock(channelB);

    const deliveredB = await waitFor("B's delivery", async () => hooksB.ok().find((r) => r.json.data.order?.number === orderB.number));
    expect(deliveredB.json.data.order).toEqual({ number: orderB.number });
    const heldA = await waitFor("A's delivery to record its failed attempt", async () => {
      const { webhookDeliveries } = await hub.data(`query($id: ID!) { webhookDeliveries(endpointId: $id) { edges { node { orderId status attempts lastError payload } } } }`, { id: endpointA.id });
      return webhookDeliveries.edges.map((edge: any) => edge.node).find((node: any) => node.orderId === orderA.id && node.attempts > 0);
    });
    // Not given up, not sent without its selection: it waits for A's budget to come back.
    expect(heldA).toMatchObject({ status: 'FAILED', lastError: expect.stringMatching(/^selection: RATE_LIMITED/) });
    expect(heldA.payload.data.order).toBeUndefined();
    expect(heldA.payload.data.selectionErrors).toBeUndefined();
    expect(hooksA.received).toHaveLength(0);
  });
});

describe('webhook revocation', () => {
  it('stops every delivery of an endpoint once the API key that registered it is revoked', async () => {
    const channel = unique('revoked');
    const partner = await hub.createKey('PARTNER', { channels: [channel] });
    let revoked = false;
    // Refuses until the key is revoked and accepts afterwards: anything sent after revocation would be DELIVERED.
    const hooks = await receiver(() => (revoked ? 200 : 503));
    const control = await receiver();
    const { endpoint } = await register({ url: hooks.url, eventTypes: ['orders.order.placed'] }, partner.headers);
    await register({ url: control.url, eventTypes: ['orders.order.placed'], channels: [channel] });
    const deliveriesQuery = `query($id: ID!) { webhookEndpoint(id: $id) { active deliveries { edges { node { orderId status attempts lastError } } } } }`;
    const endpointState = async () => (await hub.data(deliveriesQuery, { id: endpoint.id })).webhookEndpoint;

    const before = await orderWithStock(channel);
    await waitFor('a failed attempt before revocation', async () => (await endpointState()).deliveries.edges.find((e: any) => e.node.orderId === before.id && e.node.attempts > 0));
    await hub.data(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: partner.id });
    // An attempt already on its way when the key was revoked may still land; once the open delivery is
    // given up nothing is in flight for it, and from then on the receiver would accept anything sent.
    await waitFor('the open delivery to be given up', async () => {
      const open = (await endpointState()).deliveries.edges.find((e: any) => e.node.orderId === before.id);
      return open?.node.status === 'DEAD';
    });
    revoked = true;
    const after = await orderWithStock(channel);

    // The back office's endpoint on the same channel got the later event, so the dispatcher has read it.
    await waitFor('the control endpoint to get the later order', async () => control.ok().some((r) => r.json.aggregateId === after.id));
    const state = await endpointState();
    expect(state.active).toBe(false);
    expect(state.deliveries.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({ orderId: before.id, status: 'DEAD', lastError: expect.stringContaining(`(${partner.id}) was revoked`) }),
    ]);
    expect(hooks.ok()).toHaveLength(0);
  });
});

describe('webhook input', () => {
  it('keeps a partner to its limit of active endpoints; the back office is not limited', async () => {
    const channel = unique('chan-cap');
    const partner = await hub.createKey('PARTNER', { channels: [channel] });
    const hooks = await receiver();
    const limit = 10;
    const ids: string[] = [];
    for (let i = 0; i < limit; i++) ids.push((await register({ url: `${hooks.url}?n=${i}`, eventTypes: ['orders.order.placed'] }, partner.headers)).endpoint.id);
    const refused = await hub.gql(REGISTER, { input: { url: `${hooks.url}?n=over`, eventTypes: ['orders.order.placed'] } }, partner.headers);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input', limit });
    // Deactivating one makes room; reactivating it while full is refused the same way.
    await hub.gql(`mutation($id: ID!) { deactivateWebhookEndpoint(id: $id) { active } }`, { id: ids[0] }, partner.headers);
    await register({ url: `${hooks.url}?n=replacement`, eventTypes: ['orders.order.placed'] }, partner.headers);
    const reactivated = await hub.gql(`mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { active: true }) { active } }`, { id: ids[0] }, partner.headers);
    expect(reactivated.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', limit });
    // The admin registers for that channel past the partner's limit.
    await register({ url: `${hooks.url}?n=admin`, eventTypes: ['orders.order.placed'], channels: [channel] });
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and stores nothing', async () => {
    const count = async () => (await hub.data(`{ webhookEndpoints(includeInactive: true) { id } }`)).webhookEndpoints.length;
    const before = await count();
    const cases: Array<[object, string]> = [
      [{ url: 'ftp://example.com/hook', eventTypes: ['orders.order.placed'] }, 'input.url'],
      [{ url: 'not a url', eventTypes: ['orders.order.placed'] }, 'input.url'],
      [{ url: 'https://example.com/hook', eventTypes: ['orders.order.placed', 'orders.order.exploded'] }, 'input.eventTypes[1]'],
      [{ url: 'https://example.com/hook', eventTypes: [] }, 'input.eventTypes'],
      [{ url: 'https://example.com/hook', eventTypes: ['orders.order.placed'], selection: 'number {' }, 'input.selection'],
      [{ url: 'https://example.com/hook', eventTypes: ['orders.order.placed'], selection: 'id } orders { edges { node { id } }' }, 'input.selection'],
      [{ url: 'https://example.com/hook', eventTypes: ['orders.order.placed'], selection: 'number noSuchField' }, 'input.selection'],
    ];
    for (const [input, field] of cases) {
      const result = await hub.gql(REGISTER, { input });
      expect({ field, error: result.errors?.[0].extensions }).toEqual({ field, error: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });
    }
    const partner = await hub.createKey('PARTNER', { channels: ['web'] });
    const updateBad = await hub.gql(`mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { url: "mailto:x@example.com" }) { id } }`, { id: 'whe_nope' }, partner.headers);
    expect(updateBad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    expect(await count()).toBe(before);
  });
});

describe('webhooks on Redis', () => {
  it('delivers through the BullMQ queue, retries included', async () => {
    const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
    const queuePrefix = `oms-test-${randomBytes(4).toString('hex')}`;
    const connection = { host: new URL(redisUrl).hostname, port: Number(new URL(redisUrl).port || 6379), maxRetriesPerRequest: null };
    const dbName = `${hub.subgraphs.webhooks.connection.name}_bull`;
    const events = new QueueEvents(queueNameFor(dbName), { connection, prefix: queuePrefix });
    await events.waitUntilReady();
    let completedJobs = 0;
    events.on('completed', () => (completedJobs += 1));

    // A second webhooks process beside the stack's, on its own database, with Redis.
    const peers = Object.fromEntries(PEER_NAMES.map((name) => [name, () => (hub.subgraphs as Record<string, { url: string }>)[name]?.url ?? ''])) as Record<PeerName, () => string>;
    let running: RunningWebhooksSubgraph | undefined;
    try {
      running = await startWebhooksSubgraph(
        { mongoUri: process.env.OMS_TEST_MONGODB_URI!, dbName, port: 0, host: '127.0.0.1', peers, gatewayUrl: () => hub.gatewayUrl, redisUrl, eventBus: hub.stack.eventBus },
        { queuePrefix },
      );
      expect(running.queueKind).toBe('bullmq');
      const hooks = await receiver((request, all) => (all.some((r) => r.webhookId === request.webhookId) ? 200 : 500));
      const admin = await hub.signedHeaders({ subject: 'bull-test-admin', role: 'ADMIN', channels: [] });
      const registered = await postGraphql<any>(running.service.url, REGISTER, { input: { url: hooks.url, eventTypes: ['orders.order.placed'], selection: 'number' } }, admin);
      expect(registered.errors).toBeUndefined();
      const { secret } = registered.data.registerWebhookEndpoint;

      const order = await orderWithStock();
      const delivered = await waitFor('the BullMQ delivery', async () => hooks.ok().find((r) => r.json.data.order?.number === order.number));
      expect(hooks.received.filter((r) => r.webhookId === delivered.webhookId).map((r) => r.status)).toEqual([500, 200]);
      expect(signatureVerifies(secret, delivered)).toBe(true);
      await waitFor('both attempts to complete as queue jobs', async () => completedJobs >= 2);
    } finally {
      await running?.connection.dropDatabase().catch(() => undefined);
      await running?.stop();
      const queue = new Queue(queueNameFor(dbName), { connection, prefix: queuePrefix });
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await events.close();
    }
  });
});
