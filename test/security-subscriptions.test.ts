// Abuse of subscriptions and of signed identities, through a gateway over real graphql-ws and the
// real database: a subscribe pays its rate limit before it is parsed, a cursor too far behind the log
// is refused with what to do instead, replays scan what the caller may not see at the pace of its
// budget, per-event fetches are metered, client-supplied signed identities give no extra rights,
// subgraphs refuse identities signed for another service or expired, and revoking the key behind a
// signed identity ends the websockets opened with it.
import { createClient, type Client, type ClientOptions, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { SUBGRAPH_NAMES, startGateway, type GatewayService, type SubgraphName } from '@oms/gateway';
import { encodeEventCursor } from '@oms/platform';
import { CITIES, createItem, createLocation, placeOrder, unique, waitFor } from './support/fixtures';
import { startTestStack, type TestStack } from './support/stack';

let hub: TestStack;
/** A gateway of its own over the same subgraphs, with small limits a test can reach. */
let gateway: GatewayService;
let location: string;

const REPLAY_WINDOW = 5;

beforeAll(async () => {
  hub = await startTestStack();
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, hub.subgraphs[name].url])) as Record<SubgraphName, string>;
  gateway = await startGateway({
    port: 0,
    host: '127.0.0.1',
    subgraphUrls,
    eventBus: hub.stack.eventBus,
    subscriptions: { maxReplayEvents: REPLAY_WINDOW, replayPageSize: 1, reauthenticateMs: 250 },
  });
  location = await createLocation(hub, CITIES.berlin);
});
afterAll(async () => {
  await gateway?.stop();
  await hub?.stop();
});

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});

function connect(connectionParams: Record<string, unknown> | undefined, options: Partial<ClientOptions> = {}): Client {
  const client = createClient({ url: gateway.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, ...options });
  clients.push(client);
  return client;
}

class Subscription<T = any> {
  readonly results: Array<FormattedExecutionResult<Record<string, T>, unknown>> = [];
  error: any;
  completed = false;

  constructor(client: Client, query: string, variables: Record<string, unknown> = {}) {
    client.subscribe<Record<string, T>>({ query, variables }, { next: (result) => this.results.push(result), error: (error) => (this.error = error), complete: () => (this.completed = true) });
  }

  failed(): Promise<any> {
    return waitFor('the subscription to fail', async () => this.error);
  }
}

/** The first GraphQL error a single operation over the socket is answered with (or its data). */
async function answerOf(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<Subscription> {
  const sub = new Subscription(client, query, variables);
  await waitFor('an answer', async () => sub.error || sub.completed);
  return sub;
}

describe('rate limits and caps come before parsing', () => {
  it('refuses a subscribe over the key’s rate limit as RATE_LIMITED, even a document that does not parse', async () => {
    const partner = await hub.createKey('PARTNER', { channels: [unique('rl')], rateLimitPerMinute: 2 });
    const client = connect(partner.headers);
    // Two messages spend the budget (a query over the socket is charged once, not again by Apollo).
    expect((await answerOf(client, `query { viewer { role } }`)).results).toEqual([{ data: { viewer: { role: 'PARTNER' } } }]);
    expect((await answerOf(client, `query { viewer { role } }`)).results).toEqual([{ data: { viewer: { role: 'PARTNER' } } }]);
    // The third is refused before graphql-js sees it: a broken document is not a syntax error here.
    const broken = await answerOf(client, `subscription { orderStatusChanged { status `);
    expect(broken.error[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(broken.error[0].message).toMatch(/Rate limit of 2 requests per minute/);
  });
});

/** The orders log's current end, as a cursor (read as admin). */
async function ordersHead(): Promise<string> {
  let after: string | null = null;
  for (;;) {
    const { page }: { page: { cursor: string | null; hasMore: boolean } } = await hub.data(`query($after: String) { page: orderEvents(after: $after, first: 1000) { cursor hasMore } }`, { after });
    if (!page.hasMore) return page.cursor ?? encodeEventCursor('orders', 0);
    after = page.cursor;
  }
}

describe('replay window', () => {
  const REPLAY = `subscription($channel: String, $after: String) { orderStatusChanged(channel: $channel, after: $after) { cursor status order { id } } }`;

  it(`refuses a cursor more than ${REPLAY_WINDOW} events behind the log as BAD_USER_INPUT on after, saying how to catch up, and replays a recent one`, async () => {
    const channel = unique('window');
    const sku = await createItem(hub, [{ locationId: location, onHand: 50 }]);
    const old = await ordersHead();
    // Three orders: six status changes (placed, allocated) after `old`.
    for (let i = 0; i < 3; i++) await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel });
    const admin = connect({ authorization: `Bearer ${hub.adminKey}` });

    const tooOld = new Subscription(admin, REPLAY, { channel, after: old });
    const [refusal] = await tooOld.failed();
    expect(refusal.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after', maxReplayEvents: REPLAY_WINDOW, behind: expect.any(Number) });
    expect(refusal.extensions.behind).toBeGreaterThan(REPLAY_WINDOW);
    expect(refusal.message).toMatch(/^after: this cursor is \d+ events behind the end of the orders event log; a subscription replays at most 5\. Subscribe without `after`/);
    expect(refusal.message).toMatch(/orderEvents\(after:\)/);
    expect(tooOld.results).toEqual([]);

    // A cursor inside the window replays as before: the last order's allocation after its placement.
    const { page } = await hub.data(`query($after: String) { page: orderEvents(after: $after, first: 100) { events { cursor payload } } }`, { after: old });
    const mine = page.events.filter((event: any) => event.payload.channel === channel);
    const placedLast = mine[mine.length - 2];
    const recent = new Subscription(admin, REPLAY, { channel, after: placedLast.cursor });
    await waitFor('the replayed allocation', async () => recent.error ?? recent.results.length >= 1);
    expect(recent.error).toBeUndefined();
    expect(recent.results[0].data?.orderStatusChanged).toMatchObject({ cursor: mine[mine.length - 1].cursor, status: 'ALLOCATED' });
  });
});
