// Federated subscriptions over graphql-ws on the gateway, end to end on the real database and Redis:
// fields from every subgraph resolved when each event is delivered, replay from a cursor with no gap
// and no duplicate, partner and customer scopes, authentication, fan-out to a second gateway process
// through Redis, the slow-consumer bound, heartbeats and graceful shutdown.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { createClient, type Client, type ClientOptions, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { SUBGRAPH_NAMES, startGateway, type GatewayService, type SubgraphName } from '@oms/gateway';
import { decodeEventCursor, InProcessEventBus, pickPort, projectRoot } from '@oms/platform';
import { CITIES, createItem, createLocation, placeOrder, setStock, unique, waitFor } from './support/fixtures';
import { startTestStack, type TestStack } from './support/stack';

const REDIS_URL = process.env.OMS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = `oms-test-${randomBytes(4).toString('hex')}`;

let hub: TestStack;
let berlin: string;
let munich: string;

beforeAll(async () => {
  hub = await startTestStack({ redisUrl: REDIS_URL, redisPrefix: REDIS_PREFIX });
  [berlin, munich] = await Promise.all([createLocation(hub, CITIES.berlin), createLocation(hub, CITIES.munich)]);
});
afterAll(() => hub?.stop());

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  // The server side notices the closes asynchronously; the next test counts live subscriptions.
  await waitFor('subscriptions of the last test to end', async () => hub.stack.gateway.subscriptions.stats().subscriptions === 0);
});

const wsUrl = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');
const admin = () => ({ authorization: `Bearer ${hub.adminKey}` });

function connect(httpUrl: string, connectionParams?: Record<string, unknown>, options: Partial<ClientOptions> = {}): Client {
  const client = createClient({ url: wsUrl(httpUrl), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, ...options });
  clients.push(client);
  return client;
}

/** The close event a client receives (code and reason), with whether its subscriptions had completed. */
function closeOf(client: Client, sub?: Subscription): Promise<{ code: number; reason: string; completedBefore: boolean }> {
  return new Promise((resolve) =>
    client.on('closed', (event) => {
      const { code, reason } = event as { code: number; reason: string };
      resolve({ code, reason, completedBefore: sub?.completed ?? false });
    }),
  );
}

class Subscription<T = any> {
  readonly results: Array<FormattedExecutionResult<Record<string, T>, unknown>> = [];
  error: unknown;
  completed = false;
  readonly dispose: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown> = {}) {
    this.dispose = client.subscribe<Record<string, T>>(
      { query, variables },
      { next: (result) => this.results.push(result), error: (error) => (this.error = error), complete: () => (this.completed = true) },
    );
  }

  /** The event of every result (the single root field, whatever its response key). */
  get events(): T[] {
    return this.results.map((result) => Object.values(result.data ?? {})[0] as T);
  }

  async received(count: number): Promise<T[]> {
    await waitFor(`${count} subscription events`, async () => {
      if (this.error) throw new Error(`subscription failed: ${JSON.stringify(this.error)}`);
      const failed = this.results.find((result) => result.errors?.length);
      if (failed) throw new Error(`event delivered with errors: ${JSON.stringify(failed)}`);
      return this.results.length >= count;
    });
    return this.events;
  }

  async failed(): Promise<any> {
    return waitFor('the subscription to fail', async () => this.error);
  }
}

/** Subscribes and waits until the gateway delivers live events to it (nothing placed later is missed). */
async function subscribeLive(client: Client, query: string, variables: Record<string, unknown> = {}, gateway: GatewayService = hub.stack.gateway): Promise<Subscription> {
  const before = gateway.subscriptions.stats().live;
  const sub = new Subscription(client, query, variables);
  await waitFor('the subscription to go live', async () => {
    if (sub.error) throw new Error(`subscription failed: ${JSON.stringify(sub.error)}`);
    return gateway.subscriptions.stats().live > before;
  });
  return sub;
}

/** The orders log's current end, as a cursor (read as admin). */
async function ordersHead(): Promise<string | null> {
  let after: string | null = null;
  for (;;) {
    const { page }: { page: { cursor: string | null; hasMore: boolean } } = await hub.data(`query($after: String) { page: orderEvents(after: $after, first: 1000) { cursor hasMore } }`, { after });
    if (!page.hasMore) return page.cursor;
    after = page.cursor;
  }
}

async function shipShipment(id: string) {
  await hub.data(`mutation($id: ID!) { pickShipment(id: $id) { status } }`, { id });
  await hub.data(`mutation($id: ID!) { packShipment(id: $id) { status } }`, { id });
  await hub.data(`mutation($input: ShipShipmentInput!) { shipShipment(input: $input) { status } }`, { input: { id, carrier: 'DHL', trackingNumber: `00340434${randomBytes(4).toString('hex')}` } });
}

const cancelOrder = (id: string) => hub.data(`mutation($id: ID!) { cancelOrder(id: $id, reason: "changed mind") { status } }`, { id });
const customerIdOf = async (orderId: string) => (await hub.data(`query($id: ID!) { order(id: $id) { customer { id } } }`, { id: orderId })).order.customer.id as string;
const subgraphUrls = () => Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, hub.subgraphs[name].url])) as Record<SubgraphName, string>;
const seqOf = (cursor: string) => decodeEventCursor(cursor)!.seq;

describe('delivery', () => {
  const WATCH = `subscription Watch($channel: String) {
    event: orderStatusChanged(channel: $channel) {
      __typename cursor at previousStatus status
      o: order { ...OrderParts customer { email } }
    }
  }
  fragment OrderParts on Order { __typename id status lines { sku quantity item { available } } shipments { status trackingUrl } }`;

  it('resolves fields of all four subgraphs when each status change is delivered, one fetch per event for a shared selection', async () => {
    const channel = unique('subs-a');
    const [inBerlin, inMunich] = await Promise.all([createItem(hub, [{ locationId: berlin, onHand: 10 }]), createItem(hub, [{ locationId: munich, onHand: 5 }])]);
    const first = await subscribeLive(connect(hub.gatewayUrl, admin()), WATCH, { channel });
    const second = await subscribeLive(connect(hub.gatewayUrl, admin()), WATCH, { channel });
    const fetchesBefore = hub.stack.gateway.subscriptions.stats().fetches;

    const email = `${unique('buyer')}@example.com`;
    const order = await placeOrder(hub, { lines: [{ sku: inBerlin, quantity: 2 }, { sku: inMunich, quantity: 1 }], channel, email });
    expect(order.status).toBe('ALLOCATED');
    expect(order.shipments).toHaveLength(2);
    const [placed, allocated] = await first.received(2);
    expect(placed).toMatchObject({ __typename: 'OrderStatusEvent', previousStatus: null, status: 'PENDING', o: { __typename: 'Order', id: order.id } });
    expect(allocated).toMatchObject({
      previousStatus: 'PENDING',
      status: 'ALLOCATED',
      o: {
        id: order.id,
        status: 'ALLOCATED',
        customer: { email },
        lines: [
          { sku: inBerlin, quantity: 2, item: { available: 8 } },
          { sku: inMunich, quantity: 1, item: { available: 4 } },
        ],
        shipments: [
          { status: 'PENDING', trackingUrl: null },
          { status: 'PENDING', trackingUrl: null },
        ],
      },
    });
    expect(new Date(allocated.at).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const berlinShipment = order.shipments.find((shipment: any) => shipment.location.id === berlin);
    const munichShipment = order.shipments.find((shipment: any) => shipment.location.id === munich);
    await shipShipment(berlinShipment.id);
    const partly = (await first.received(3))[2];
    expect(partly).toMatchObject({ previousStatus: 'ALLOCATED', status: 'PARTIALLY_SHIPPED', o: { status: 'PARTIALLY_SHIPPED' } });
    expect(partly.o.shipments.map((shipment: any) => shipment.status).sort()).toEqual(['PENDING', 'SHIPPED']);
    expect(partly.o.shipments.find((shipment: any) => shipment.status === 'SHIPPED').trackingUrl).toMatch(/^https?:\/\//);

    await shipShipment(munichShipment.id);
    const shipped = (await first.received(4))[3];
    expect(shipped).toMatchObject({ previousStatus: 'PARTIALLY_SHIPPED', status: 'SHIPPED', o: { status: 'SHIPPED', lines: [{ item: { available: 8 } }, { item: { available: 4 } }] } });
    expect(shipped.o.shipments.map((shipment: any) => shipment.status)).toEqual(['SHIPPED', 'SHIPPED']);

    // Cursors follow the log; the second subscriber got the same events; they shared every fetch.
    const seqs = first.events.map((event) => seqOf(event.cursor));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(await second.received(4)).toEqual(first.events);
    expect(hub.stack.gateway.subscriptions.stats().fetches - fetchesBefore).toBe(4);
  });

  it('delivers stock level changes with the item and location, filtered by SKU', async () => {
    const [sku, otherSku] = await Promise.all([createItem(hub), createItem(hub)]);
    const sub = await subscribeLive(
      connect(hub.gatewayUrl, admin()),
      `subscription($sku: String) { stockLevelChanged(sku: $sku) { sku locationId onHand reserved available item { sku name } location { id code } } }`,
      { sku },
    );
    await setStock(hub, otherSku, berlin, 1);
    await setStock(hub, sku, munich, 7);
    const [event] = await sub.received(1);
    expect(event).toMatchObject({ sku, locationId: munich, onHand: 7, reserved: 0, available: 7, item: { sku, name: `Item ${sku}` }, location: { id: munich } });
    expect(sub.results).toHaveLength(1);
  });

  it('honours fragments and directives on the event type, and variables inside the selection', async () => {
    const channel = unique('subs-f');
    const sku = await createItem(hub, [{ locationId: berlin, onHand: 10 }]);
    const sub = await subscribeLive(
      connect(hub.gatewayUrl, admin()),
      `subscription($channel: String, $withOrder: Boolean!, $withItem: Boolean!) {
        orderStatusChanged(channel: $channel) {
          ...Bits
          ... on OrderStatusEvent @include(if: $withOrder) { byId: order { id } }
          ... @skip(if: $withOrder) { skipped: order { id } }
        }
      }
      fragment Bits on OrderStatusEvent { status order { number lines { sku item @include(if: $withItem) { sku } } } }`,
      { channel, withOrder: true, withItem: false },
    );
    const order = await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel });
    const [placed] = await sub.received(1);
    expect(placed).toEqual({ status: 'PENDING', order: { number: expect.stringMatching(/^OMS-/), lines: [{ sku }] }, byId: { id: order.id } });
  });

  it('answers invalid subscriptions with errors naming the problem', async () => {
    const client = connect(hub.gatewayUrl, admin());
    const unknownField = new Subscription(client, `subscription { orderStatusChanged { nope } }`);
    expect((await unknownField.failed())[0].message).toMatch(/Cannot query field "nope"/);
    const inventoryCursor = Buffer.from('inventory:1').toString('base64url');
    const wrongCursor = new Subscription(client, `subscription($after: String) { orderStatusChanged(after: $after) { status } }`, { after: inventoryCursor });
    expect((await wrongCursor.failed())[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    // Queries travel over the same socket and run through the gateway like any request.
    const query = new Subscription(client, `query { viewer { role } }`);
    await waitFor('the query answer', async () => query.completed);
    expect(query.results).toEqual([{ data: { viewer: { role: 'ADMIN' } } }]);
  });
});

describe('replay from a cursor', () => {
  it('replays exactly the missed status changes in order, then continues live without a duplicate', async () => {
    const channel = unique('subs-b');
    const sku = await createItem(hub, [{ locationId: berlin, onHand: 50 }]);
    const QUERY = `subscription($channel: String, $after: String) { orderStatusChanged(channel: $channel, after: $after) { cursor previousStatus status order { id } } }`;
    const client = connect(hub.gatewayUrl, admin());
    const live = await subscribeLive(client, QUERY, { channel });
    const a = await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel });
    const [, allocated] = await live.received(2);
    await client.dispose();

    // Five status changes while nobody listens.
    await cancelOrder(a.id);
    const b = await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel });
    const c = await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel });

    const resumed = new Subscription(connect(hub.gatewayUrl, admin()), QUERY, { channel, after: allocated.cursor });
    const replayed = await resumed.received(5);
    expect(replayed.map((event) => [event.order.id, event.previousStatus, event.status])).toEqual([
      [a.id, 'ALLOCATED', 'CANCELLED'],
      [b.id, null, 'PENDING'],
      [b.id, 'PENDING', 'ALLOCATED'],
      [c.id, null, 'PENDING'],
      [c.id, 'PENDING', 'ALLOCATED'],
    ]);

    await cancelOrder(b.id);
    const all = await resumed.received(6);
    expect(all[5]).toMatchObject({ order: { id: b.id }, previousStatus: 'ALLOCATED', status: 'CANCELLED' });
    const seqs = all.map((event) => seqOf(event.cursor));
    expect(new Set(seqs).size).toBe(6);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(seqs[0]).toBeGreaterThan(seqOf(allocated.cursor));
    expect(resumed.results).toHaveLength(6);
  });
});

describe('scope and authentication', () => {
  it('gives a partner only its channels (orders and shipments) and refuses other channels at subscribe time', async () => {
    const [channelA, channelB] = [unique('subs-pa'), unique('subs-pb')];
    const partner = await hub.createKey('PARTNER', { channels: [channelA] });
    const sku = await createItem(hub, [{ locationId: berlin, onHand: 50 }]);
    const client = connect(hub.gatewayUrl, { authorization: partner.headers.authorization });
    const orders = await subscribeLive(client, `subscription { orderStatusChanged { status order { id channel } } }`);
    const shipments = await subscribeLive(client, `subscription { shipmentUpdated { type status shipment { id } order { id channel } } }`);

    const onB = await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel: channelB });
    const onA = await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel: channelA });
    await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel: channelB });
    await cancelOrder(onA.id);
    const seen = await orders.received(3);
    expect(seen.map((event) => [event.order.id, event.order.channel, event.status])).toEqual([
      [onA.id, channelA, 'PENDING'],
      [onA.id, channelA, 'ALLOCATED'],
      [onA.id, channelA, 'CANCELLED'],
    ]);
    // onA's shipment: created, then cancelled with the order; none of channel B's.
    const shipmentEvents = await shipments.received(2);
    expect(shipmentEvents.map((event) => [event.order.id, event.status])).toEqual([
      [onA.id, 'PENDING'],
      [onA.id, 'CANCELLED'],
    ]);
    expect(shipmentEvents[0]).toMatchObject({ type: 'fulfillment.shipment.created', shipment: { id: onA.shipments[0].id }, order: { channel: channelA } });
    expect(orders.results).toHaveLength(3);

    const byOrder = new Subscription(client, `subscription($id: ID) { orderStatusChanged(orderId: $id) { status } }`, { id: onB.id });
    expect(await byOrder.failed()).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', field: 'orderId' }) })]);
    const byChannel = new Subscription(client, `subscription($channel: String) { orderStatusChanged(channel: $channel) { status } }`, { channel: channelB });
    expect(await byChannel.failed()).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', field: 'channel' }) })]);
    const shipmentsOfB = new Subscription(client, `subscription($id: ID) { shipmentUpdated(orderId: $id) { status } }`, { id: onB.id });
    expect((await shipmentsOfB.failed())[0].extensions.code).toBe('FORBIDDEN');
  });

  it('gives a customer only its own orders', async () => {
    const channel = unique('subs-c');
    const sku = await createItem(hub, [{ locationId: berlin, onHand: 50 }]);
    const email = `${unique('self')}@example.com`;
    const first = await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel, email });
    const customer = await hub.createKey('CUSTOMER', { customerId: await customerIdOf(first.id) });
    const client = connect(hub.gatewayUrl, { apiKey: customer.secret });
    const own = await subscribeLive(client, `subscription { orderStatusChanged { status order { id customer { email } } } }`);

    const someoneElse = await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel });
    const second = await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel, email });
    const seen = await own.received(2);
    expect(seen).toEqual([
      { status: 'PENDING', order: { id: second.id, customer: { email } } },
      { status: 'ALLOCATED', order: { id: second.id, customer: { email } } },
    ]);
    const other = new Subscription(client, `subscription($id: ID) { orderStatusChanged(orderId: $id) { status } }`, { id: someoneElse.id });
    expect((await other.failed())[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'orderId' });
    expect(own.results).toHaveLength(2);
  });

  it('refuses a connection without valid credentials with 4401', async () => {
    for (const params of [undefined, { authorization: 'Bearer oms_not_a_real_key' }]) {
      const client = connect(hub.gatewayUrl, params);
      const closed = closeOf(client);
      const sub = new Subscription(client, `subscription { orderStatusChanged { status } }`);
      const { code, reason } = await closed;
      expect(code).toBe(4401);
      expect(reason).toMatch(/^Unauthorized: UNAUTHENTICATED/);
      expect(sub.results).toEqual([]);
    }
  });
});

describe('fan-out across gateway processes', () => {
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('delivers on a second gateway process a change made through the first, through Redis', async () => {
    expect(hub.stack.eventBus.kind).toBe('redis');
    const port = await pickPort(0);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GATEWAY_PORT: String(port),
      REDIS_URL,
      OMS_REDIS_PREFIX: REDIS_PREFIX,
      OMS_INTERNAL_SECRET: process.env.OMS_INTERNAL_SECRET,
      // Without a notice the second gateway would look at the log only after ten minutes.
      OMS_SUBSCRIPTION_POLL_MS: '600000',
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, hub.subgraphs[name].url])),
    };
    const output: string[] = [];
    child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/index.ts'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => output.push(String(chunk)));
    child.stderr!.on('data', (chunk) => output.push(String(chunk)));
    const secondUrl = `http://127.0.0.1:${port}/graphql`;
    await waitFor(
      'the second gateway to start',
      async () => {
        if (child!.exitCode !== null) throw new Error(`second gateway exited: ${output.join('')}`);
        return fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.ok, () => false);
      },
      40_000,
    );

    const channel = unique('subs-d');
    const sku = await createItem(hub, [{ locationId: berlin, onHand: 20 }]);
    const sub = new Subscription(
      connect(secondUrl, admin()),
      `subscription($channel: String, $after: String) { orderStatusChanged(channel: $channel, after: $after) { status order { id status customer { email } } } }`,
      { channel, after: await ordersHead() },
    );
    // The first order may come from the replay; once it is in, the subscription is live, and the
    // second order can only reach it as a Redis notice.
    const email = `${unique('fan')}@example.com`;
    const first = await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel, email });
    expect((await sub.received(2)).map((event) => [event.order.id, event.status])).toEqual([
      [first.id, 'PENDING'],
      [first.id, 'ALLOCATED'],
    ]);
    const second = await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel, email });
    const events = await sub.received(4);
    expect(events.slice(2)).toEqual([
      { status: 'PENDING', order: { id: second.id, status: expect.any(String), customer: { email } } },
      { status: 'ALLOCATED', order: { id: second.id, status: 'ALLOCATED', customer: { email } } },
    ]);
  });
});

describe('connection limits and shutdown', () => {
  // A gateway of its own with a tiny queue bound, on a bus only this test publishes to, which reads
  // the logs only when a notice shows a gap (or after a minute of silence).
  const bus = new InProcessEventBus();
  let limited: GatewayService;
  beforeAll(async () => {
    limited = await startGateway({ port: 0, subgraphUrls: subgraphUrls(), eventBus: bus, subscriptions: { maxQueuedEvents: 2, pollIntervalMs: 60_000 } });
  });
  afterAll(() => limited?.stop());

  it('closes a connection with more than the allowed events queued with 4429', async () => {
    const channel = unique('subs-e');
    const sku = await createItem(hub, [{ locationId: berlin, onHand: 50 }]);
    const client = connect(limited.url, admin());
    const closed = closeOf(client);
    await subscribeLive(client, `subscription($channel: String) { orderStatusChanged(channel: $channel) { status order { id lines { item { available } } } } }`, { channel }, limited);
    const from = await ordersHead();
    for (let i = 0; i < 3; i++) await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel });
    await waitFor('six status changes in the log', async () => {
      const { page } = await hub.data(`query($after: String) { page: orderEvents(after: $after, first: 100) { events { payload } } }`, { after: from });
      return page.events.filter((event: any) => event.payload.channel === channel && event.payload.to).length >= 6;
    });
    // A notice far ahead of what this gateway has seen: it reads the log and six events arrive at once.
    bus.publish('orders', { id: 'gap', seq: Number.MAX_SAFE_INTEGER, type: 'orders.order.placed', aggregateType: 'Order', aggregateId: 'none', payload: {}, actor: 'test', at: new Date() });
    const { code, reason } = await closed;
    expect(code).toBe(4429);
    expect(reason).toBe('Subscriber too slow: more than 2 events queued');
  });

  it('terminates a connection that stops answering pings, and keeps one that answers', async () => {
    // Heartbeats of a second: short enough for a test, long enough for a busy test machine.
    const beating = await startGateway({ port: 0, subgraphUrls: subgraphUrls(), subscriptions: { heartbeatMs: 1_000 } });
    try {
      const open = (autoPong: boolean) => {
        const socket = new WebSocket(wsUrl(beating.url), 'graphql-transport-ws', { autoPong });
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: admin() })));
        return socket;
      };
      const silent = open(false);
      const healthy = open(true);
      const [code] = (await once(silent, 'close')) as [number];
      expect(code).toBe(1006);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(healthy.readyState).toBe(WebSocket.OPEN);
      healthy.close();
    } finally {
      await beating.stop();
    }
  });

  it('on stop completes every subscription, then closes its socket with 1001', async () => {
    const client = connect(limited.url, admin(), { lazy: false, onNonLazyError: () => undefined });
    const sub = await subscribeLive(client, `subscription { stockLevelChanged { sku onHand } }`, {}, limited);
    const closed = closeOf(client, sub);
    await limited.stop();
    expect(await closed).toMatchObject({ code: 1001, completedBefore: true });
    await expect(fetch(`${limited.origin}/healthz`)).rejects.toThrow();
  });
});
