// Overload degrades, it does not collapse: a hub with small admission limits gets far more
// placements at once than it admits. The excess is refused at once with UNAVAILABLE, 503, Retry-After
// and `retryAfterSeconds`; nothing fails any other way; readiness answers throughout. Once the burst
// is over the client retries the refused placements with their idempotency keys, as the hint says,
// until every one is placed: each order exists exactly once and no stock is oversold.
import { randomBytes } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { encodeEventCursor } from '@oms/platform';
import { CITIES, createItem, createLocation, orderInput, placeOrder, waitFor } from './support/fixtures';
import { startTestStack, type TestStack } from './support/stack';

const BURST = 48;
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`;

let hub: TestStack;

beforeAll(async () => {
  // Read when the services start: the gateway works on 3 operations at once with 3 waiting, 2 s at most.
  process.env.OMS_GATEWAY_MAX_CONCURRENT = '3';
  process.env.OMS_GATEWAY_MAX_QUEUE = '3';
  process.env.OMS_GATEWAY_QUEUE_TIMEOUT_MS = '2000';
  // Subscriptions: 3 per connection, 2 connections and 1 replay per key, replays one event per page.
  process.env.OMS_SUBSCRIPTION_MAX_PER_CONNECTION = '3';
  process.env.OMS_SUBSCRIPTION_MAX_CONNECTIONS_PER_KEY = '2';
  process.env.OMS_SUBSCRIPTION_MAX_REPLAYS_PER_KEY = '1';
  process.env.OMS_SUBSCRIPTION_REPLAY_PAGE = '1';
  hub = await startTestStack();
}, 120_000);
afterAll(() => hub?.stop());

interface Attempt {
  status: number;
  retryAfter: string | null;
  elapsedMs: number;
  body: { data?: { placeOrder: { id: string } | null } | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
}

async function place(input: object): Promise<Attempt> {
  const started = Date.now();
  const response = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.adminKey}` },
    body: JSON.stringify({ query: PLACE, variables: { input } }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Attempt['body'], elapsedMs: Date.now() - started };
}

function refusalOf(attempt: Attempt): { code: string; retryAfterSeconds: number } | null {
  const error = attempt.body.errors?.[0];
  if (!error) return null;
  return { code: error.extensions?.code, retryAfterSeconds: error.extensions?.retryAfterSeconds };
}

async function readiness(): Promise<{ status: number; body: any }> {
  const response = await fetch(hub.gatewayUrl.replace(/\/graphql$/, '/readyz'));
  return { status: response.status, body: await response.json() };
}

it('refuses what it cannot take at once with a retry hint, stays observable, and places every order exactly once after the retries', async () => {
  const near = await createLocation(hub, CITIES.berlin, 1);
  const far = await createLocation(hub, CITIES.munich, 2);
  // Less stock than the burst asks for: the rest must be backordered, never oversold.
  const skus = [
    await createItem(hub, [
      { locationId: near, onHand: 20 },
      { locationId: far, onHand: 10 },
    ]),
    await createItem(hub, [{ locationId: far, onHand: 25 }]),
  ];
  const channel = `overload-${randomBytes(3).toString('hex')}`;
  const inputs = Array.from({ length: BURST }, (_, i) => ({
    ...orderInput({ channel, lines: [{ sku: skus[0], quantity: 1 }, { sku: skus[1], quantity: 1 + (i % 2) }], email: `burst${i}@example.com` }),
    idempotencyKey: `${channel}-${i}`,
  }));

  // The burst, with readiness asked while it runs.
  const burst = Promise.all(inputs.map((input) => place(input)));
  const duringLoad = await readiness();
  const first = await burst;

  expect(duringLoad.body).toMatchObject({ service: 'gateway', load: expect.objectContaining({ inFlight: expect.any(Number) }) });
  const refused = first.filter((attempt) => refusalOf(attempt));
  const placed = first.filter((attempt) => attempt.body.data?.placeOrder?.id);
  expect(refused.length + placed.length).toBe(BURST);
  expect(refused.length).toBeGreaterThan(0);
  expect(placed.length).toBeGreaterThan(0);
  for (const attempt of refused) {
    // Refused for overload (or a per-key limit), never for anything else; with a hint, over HTTP too.
    const refusal = refusalOf(attempt)!;
    expect(['UNAVAILABLE', 'RATE_LIMITED']).toContain(refusal.code);
    expect(refusal.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect([503, 429]).toContain(attempt.status);
    expect(Number(attempt.retryAfter)).toBeGreaterThanOrEqual(1);
    // Not held: the queue's deadline is 2 s. A generous bound, well short of the minutes this used to take.
    expect(attempt.elapsedMs).toBeLessThan(15_000);
  }

  // The load is over: readiness turns ready again.
  await waitFor('the gateway to be ready again', async () => (await readiness()).status === 200, 60_000);

  // The client retries the refused placements with the same keys, waiting as long as each hint says.
  const ids = new Map<number, string>();
  first.forEach((attempt, i) => attempt.body.data?.placeOrder?.id && ids.set(i, attempt.body.data.placeOrder.id));
  for (let round = 0; ids.size < BURST; round += 1) {
    if (round >= 40) throw new Error(`still ${BURST - ids.size} orders not placed after ${round} rounds`);
    const pending = inputs.map((input, i) => ({ input, i })).filter(({ i }) => !ids.has(i));
    const attempts = await Promise.all(pending.map(({ input }) => place(input)));
    let wait = 0;
    attempts.forEach((attempt, n) => {
      const id = attempt.body.data?.placeOrder?.id;
      if (id) return void ids.set(pending[n].i, id);
      const refusal = refusalOf(attempt);
      expect(['UNAVAILABLE', 'RATE_LIMITED']).toContain(refusal?.code);
      wait = Math.max(wait, refusal!.retryAfterSeconds);
    });
    if (wait) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 3) * 1000));
  }

  // Exactly once: one id per key, and the channel holds exactly those orders.
  expect(new Set(ids.values()).size).toBe(BURST);
  const listed = await waitFor(
    'every order to be allocated or backordered',
    async () => {
      const data = await hub.data<{ orders: { edges: Array<{ node: { id: string; status: string } }> } }>(
        `query($channel: [String!]) { orders(first: 100, filter: { channel: $channel }) { edges { node { id status } } } }`,
        { channel: [channel] },
      );
      const nodes = data.orders.edges.map((edge) => edge.node);
      return nodes.every((node) => node.status === 'ALLOCATED' || node.status === 'BACKORDERED') ? nodes : null;
    },
    120_000,
  );
  expect(listed.map((node) => node.id).sort()).toEqual([...ids.values()].sort());

  // No oversell.
  for (const sku of skus) {
    const data = await hub.data<{ inventoryItem: { stock: Array<{ onHand: number; reserved: number }> } }>(`query($sku: String!) { inventoryItem(sku: $sku) { stock { onHand reserved } } }`, { sku });
    for (const level of data.inventoryItem.stock) {
      expect(level.reserved).toBeGreaterThanOrEqual(0);
      expect(level.reserved).toBeLessThanOrEqual(level.onHand);
    }
  }
}, 300_000);

describe('subscriptions past their caps', () => {
  const clients: Client[] = [];
  afterAll(() => Promise.all(clients.map((client) => client.dispose())));

  function connect(key: string): { client: Client; closed: Promise<{ code: number; reason: string }> } {
    const client = createClient({ url: hub.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${key}` }, retryAttempts: 0, lazy: false });
    clients.push(client);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => client.on('closed', (event) => resolve(event as { code: number; reason: string })));
    return { client, closed };
  }

  /** Subscribes; resolves with the first error (a refusal) or collects events until disposed. */
  function subscribe(client: Client, query: string, variables: Record<string, unknown>) {
    const events: any[] = [];
    let failure: any = null;
    const dispose = client.subscribe({ query, variables }, { next: (result) => events.push(result), error: (error) => (failure = error), complete: () => undefined });
    return { events, dispose, failure: () => failure };
  }

  it('refuses a subscription, a connection and a replay over the key’s caps at once, and replays gently to the end', async () => {
    const channel = `capped-${randomBytes(3).toString('hex')}`;
    const partner = await hub.createKey('PARTNER', { channels: [channel] });
    const key = partner.headers.authorization.replace(/^Bearer /, '');
    const LIVE = `subscription($channel: String) { orderStatusChanged(channel: $channel) { status } }`;
    const REPLAY = `subscription($channel: String, $after: String) { orderStatusChanged(channel: $channel, after: $after) { cursor status order { id } } }`;
    const location = await createLocation(hub, CITIES.hamburg, 1);
    const sku = await createItem(hub, [{ locationId: location, onHand: 5 }]);
    const mine = [await placeOrder(hub, { channel, lines: [{ sku, quantity: 1 }] }), await placeOrder(hub, { channel, lines: [{ sku, quantity: 1 }] })];

    // Three subscriptions on one connection are fine; the fourth is refused before any work.
    const first = connect(key);
    const live = [subscribe(first.client, LIVE, { channel }), subscribe(first.client, LIVE, { channel }), subscribe(first.client, LIVE, { channel })];
    await waitFor('three live subscriptions', async () => hub.stack.gateway.subscriptions.stats().live >= 3);
    const fourth = subscribe(first.client, LIVE, { channel });
    const refused = await waitFor('the fourth subscription to be refused', async () => fourth.failure());
    expect(refused[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 3 });
    expect(live.every((sub) => sub.failure() === null)).toBe(true);

    // A second connection is fine; a third is closed at once.
    const second = connect(key);
    const third = connect(key);
    expect(await third.closed).toMatchObject({ code: 4429, reason: expect.stringMatching(/Too many connections/) });

    // One replay from the very start of the log at a time for this key; it pages through every
    // event there is (one per page here) and delivers this channel's, then goes live.
    const replay = subscribe(second.client, REPLAY, { channel, after: encodeEventCursor('orders', 0) });
    const another = subscribe(second.client, REPLAY, { channel, after: encodeEventCursor('orders', 0) });
    const replayRefused = await waitFor('the second replay to be refused', async () => another.failure());
    expect(replayRefused[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    await waitFor('the replay to reach this channel’s orders', async () => new Set(replay.events.map((event) => event.data?.orderStatusChanged.order.id)).size === mine.length, 120_000);
    expect(replay.failure()).toBeNull();
    expect(new Set(replay.events.map((event) => event.data.orderStatusChanged.order.id))).toEqual(new Set(mine.map((order) => order.id)));
    void first.closed;
  }, 180_000);
});
