// Abuse of subscriptions and of signed identities, through a gateway over real graphql-ws and the
// real database: a subscribe pays its rate limit before it is parsed, a cursor too far behind the log
// is refused with what to do instead, replays scan what the caller may not see at the pace of its
// budget, per-event fetches are metered, client-supplied signed identities give no extra rights,
// subgraphs refuse identities signed for another service or expired, and revoking the key behind a
// signed identity ends the websockets opened with it.
import { createClient, type Client, type ClientOptions, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { SUBGRAPH_NAMES, startGateway, type GatewayService, type SubgraphName } from '@oms/gateway';
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { encodeEventCursor, internalHeaders, internalSecret, signIdentity, type Identity } from '@oms/platform';
import { CITIES, createItem, createLocation, placeOrder, unique, waitFor } from './support/fixtures';
import { postGraphql, startTestStack, type TestStack } from './support/stack';

let hub: TestStack;
/** A gateway of its own over the same subgraphs, with small limits a test can reach. */
let gateway: GatewayService;
let location: string;

const REPLAY_WINDOW = 5;
const JWT_SECRET = randomBytes(32);

beforeAll(async () => {
  hub = await startTestStack();
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, hub.subgraphs[name].url])) as Record<SubgraphName, string>;
  gateway = await startGateway({
    port: 0,
    host: '127.0.0.1',
    subgraphUrls,
    eventBus: hub.stack.eventBus,
    jwt: { hs256Secret: JWT_SECRET.toString('base64url') },
    subscriptions: { maxReplayEvents: REPLAY_WINDOW, replayPageSize: 1, reauthenticateMs: 250, maxSubscriptionsPerConnection: 2 },
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

  it('refuses a subscribe over the connection’s cap as RATE_LIMITED before parsing it, without spending the rate limit', async () => {
    const channel = unique('cap');
    const partner = await hub.createKey('PARTNER', { channels: [channel], rateLimitPerMinute: 3 });
    const client = connect(partner.headers);
    const before = gateway.subscriptions.stats().live;
    for (let i = 0; i < 2; i++) new Subscription(client, `subscription($channel: String) { orderStatusChanged(channel: $channel) { status } }`, { channel });
    await waitFor('two live subscriptions', async () => gateway.subscriptions.stats().live >= before + 2);
    const third = await answerOf(client, `subscription { orderStatusChanged { status `);
    expect(third.error[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 2 });
    expect(third.error[0].message).toMatch(/already runs 2 subscriptions/);
    // The refusal cost nothing: the third request of the minute is still there (on another connection;
    // this one is full for queries too).
    expect((await answerOf(connect(partner.headers), `query { viewer { role } }`)).results).toEqual([{ data: { viewer: { role: 'PARTNER' } } }]);
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

/** Waits until the orders log holds `count` events of `channel` after `cursor` (events are stored just after each answer). */
async function storedAfter(cursor: string, channel: (value: unknown) => boolean, count: number): Promise<Array<{ cursor: string; payload: any }>> {
  return waitFor(`${count} events in the orders log`, async () => {
    const { page } = await hub.data(`query($after: String) { page: orderEvents(after: $after, first: 1000) { events { cursor payload } } }`, { after: cursor });
    const events = page.events.filter((event: any) => channel(event.payload.channel));
    return events.length >= count && events;
  });
}

describe('replay window', () => {
  const REPLAY = `subscription($channel: String, $after: String) { orderStatusChanged(channel: $channel, after: $after) { cursor status order { id } } }`;

  it(`refuses a cursor more than ${REPLAY_WINDOW} events behind the log as BAD_USER_INPUT on after, saying how to catch up, and replays a recent one`, async () => {
    const channel = unique('window');
    const sku = await createItem(hub, [{ locationId: location, onHand: 50 }]);
    const old = await ordersHead();
    // Three orders: six status changes (placed, allocated) after `old`.
    for (let i = 0; i < 3; i++) await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel });
    const mine = await storedAfter(old, (value) => value === channel, 6);
    const admin = connect({ authorization: `Bearer ${hub.adminKey}` });

    const tooOld = new Subscription(admin, REPLAY, { channel, after: old });
    const [refusal] = await tooOld.failed();
    expect(refusal.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after', maxReplayEvents: REPLAY_WINDOW, behind: expect.any(Number) });
    expect(refusal.extensions.behind).toBeGreaterThan(REPLAY_WINDOW);
    expect(refusal.message).toMatch(/^after: this cursor is \d+ events behind the end of the orders event log; a subscription replays at most 5\. Subscribe without `after`/);
    expect(refusal.message).toMatch(/orderEvents\(after:\)/);
    expect(tooOld.results).toEqual([]);

    // A cursor inside the window replays as before: the last order's allocation after its placement.
    const placedLast = mine[mine.length - 2];
    const recent = new Subscription(admin, REPLAY, { channel, after: placedLast.cursor });
    await waitFor('the replayed allocation', async () => recent.error ?? recent.results.length >= 1);
    expect(recent.error).toBeUndefined();
    expect(recent.results[0].data?.orderStatusChanged).toMatchObject({ cursor: mine[mine.length - 1].cursor, status: 'ALLOCATED' });
  });
});

describe('metering', () => {
  it('charges a replay one request per page it scans, events the caller may not see included, and makes it wait when the budget is spent', async () => {
    const mine = unique('scan-mine');
    const sku = await createItem(hub, [{ locationId: location, onHand: 50 }]);
    const from = await ordersHead();
    // Two orders on someone else's channel: four events this partner may not see, one page each.
    const other = unique('scan-other');
    for (let i = 0; i < 2; i++) await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel: other });
    await storedAfter(from, (value) => value === other, 4);
    const partner = await hub.createKey('PARTNER', { channels: [mine], rateLimitPerMinute: 3 });
    const throttledBefore = gateway.subscriptions.stats().throttled;
    const replay = new Subscription(connect(partner.headers), `subscription($channel: String, $after: String) { orderStatusChanged(channel: $channel, after: $after) { status } }`, { channel: mine, after: from });
    // The subscribe and two pages spend the three requests; the third page waits for the next minute.
    await waitFor('the replay to wait for its key’s budget', async () => {
      if (replay.error) throw new Error(`replay failed: ${JSON.stringify(replay.error)}`);
      return gateway.subscriptions.stats().throttled > throttledBefore;
    });
    expect(replay.results).toEqual([]);
  });

  it('charges a live event whose selection fetches entities, and delivers the ones over budget as RATE_LIMITED with their cursor', async () => {
    const channel = unique('metered');
    const sku = await createItem(hub, [{ locationId: location, onHand: 50 }]);
    const partner = await hub.createKey('PARTNER', { channels: [channel], rateLimitPerMinute: 4 });
    const client = connect(partner.headers);
    const before = gateway.subscriptions.stats().live;
    const fetching = new Subscription(client, `subscription($channel: String) { orderStatusChanged(channel: $channel) { cursor status order { id } } }`, { channel });
    const plain = new Subscription(client, `subscription($channel: String) { orderStatusChanged(channel: $channel) { cursor status } }`, { channel });
    await waitFor('both subscriptions to go live', async () => gateway.subscriptions.stats().live >= before + 2);
    // Two subscribes spent two requests; four status changes follow (placed and allocated, twice).
    const orders = [await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel }), await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel })];
    await waitFor('four events on each subscription', async () => fetching.results.length >= 4 && plain.results.length >= 4);

    // The selection without entities costs nothing per event: all four arrive whole.
    expect(plain.results.map((result) => result.data?.orderStatusChanged.status)).toEqual(['PENDING', 'ALLOCATED', 'PENDING', 'ALLOCATED']);
    const cursors = plain.results.map((result) => result.data!.orderStatusChanged.cursor);
    // The first two fetches fit the budget; the next two are refused, each naming its cursor.
    expect(fetching.results.slice(0, 2).map((result) => result.data?.orderStatusChanged.order.id)).toEqual([orders[0].id, orders[0].id]);
    for (const [index, result] of fetching.results.slice(2).entries()) {
      expect(result.data?.orderStatusChanged ?? null).toBeNull();
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number), cursor: cursors[index + 2] });
      expect(result.errors?.[0].message).toMatch(/^This event was not resolved: each event whose selection fetches order costs a request: Rate limit of 4 requests per minute exceeded/);
      expect(result.extensions).toEqual({ cursor: cursors[index + 2] });
    }
  });
});

/** A graphql-ws client whose upgrade request carries `headers` (how a hub service passes x-oms-identity). */
function connectWithHeaders(headers: Record<string, string>): { client: Client; closed: Promise<{ code: number; reason: string }> } {
  class WithHeaders extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const client = connect(undefined, { webSocketImpl: WithHeaders, lazy: false, onNonLazyError: () => undefined });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => client.on('closed', (event) => resolve(event as { code: number; reason: string })));
  return { client, closed };
}

/** A token signed with the hub's secret and these claims, as the signature module would not make it. */
async function handMade(identity: Identity, claims: { audience?: string; expiresAt?: number; jti?: boolean; secret?: Uint8Array }) {
  let jwt = new SignJWT({ role: identity.role, channels: identity.channels, keyId: identity.keyId }).setProtectedHeader({ alg: 'HS256' }).setSubject(identity.subject).setIssuer('oms-hub');
  if (claims.audience) jwt = jwt.setAudience(claims.audience);
  if (claims.jti !== false) jwt = jwt.setJti(randomUUID());
  const now = Math.floor(Date.now() / 1000);
  jwt = claims.expiresAt !== undefined ? jwt.setIssuedAt(claims.expiresAt - 60).setExpirationTime(claims.expiresAt) : jwt.setIssuedAt(now).setExpirationTime(now + 60);
  return jwt.sign(claims.secret ?? internalSecret());
}

const ADMIN: Identity = { subject: 'intruder', role: 'ADMIN', channels: [] };
const codeOf = (result: { errors?: Array<{ extensions?: Record<string, any> }> }) => result.errors?.[0]?.extensions?.code;
const VIEWER = `{ viewer { role subject } }`;
const ADMIN_ONLY = `{ apiKeys { id } }`;

describe('signed identities at the gateway', () => {
  it('gives a client sending a forged or another service’s x-oms-identity no more than its own key’s rights', async () => {
    const partner = await hub.createKey('PARTNER', { channels: [unique('edge')] });
    const forged = await handMade(ADMIN, { audience: 'gateway', secret: randomBytes(32) });
    // What the gateway signs for the orders subgraph, caught on its way there and replayed to the gateway.
    const forOrders = await signIdentity(ADMIN, 'orders');
    for (const token of [forged, forOrders]) {
      const withKey = await postGraphql<any>(gateway.url, VIEWER, {}, { ...partner.headers, 'x-oms-identity': token });
      expect(withKey.data?.viewer).toEqual({ role: 'PARTNER', subject: partner.id });
      expect(codeOf(await postGraphql<any>(gateway.url, ADMIN_ONLY, {}, { ...partner.headers, 'x-oms-identity': token }))).toBe('FORBIDDEN');
      // Alone, it is no credential at all.
      expect(codeOf(await postGraphql<any>(gateway.url, VIEWER, {}, { 'x-oms-identity': token }))).toBe('UNAUTHENTICATED');
      const socket = connectWithHeaders({ 'x-oms-identity': token });
      expect(await socket.closed).toMatchObject({ code: 4401 });
    }
    // A hub service's token signed for the gateway is still an identity there.
    const service = await postGraphql<any>(gateway.url, `{ viewer { role } }`, {}, await internalHeaders({ subject: 'connector-runtime', role: 'SERVICE', channels: [] }));
    expect(service.data.viewer.role).toBe('SERVICE');
  });

  it('has subgraphs refuse an identity that expired, was signed for another service, or carries no audience and id', async () => {
    const QUERY = `{ __typename }`;
    const orders = hub.subgraphs.orders.url;
    expect((await postGraphql<any>(orders, QUERY, {}, { 'x-oms-identity': await signIdentity(ADMIN, 'orders') })).data).toEqual({ __typename: 'Query' });
    const refused = {
      expired: await handMade(ADMIN, { audience: 'orders', expiresAt: Math.floor(Date.now() / 1000) - 30 }),
      'for inventory': await signIdentity(ADMIN, 'inventory'),
      'for the gateway': await signIdentity(ADMIN, 'gateway'),
      'without audience': await handMade(ADMIN, {}),
      'without id': await handMade(ADMIN, { audience: 'orders', jti: false }),
    };
    for (const [what, token] of Object.entries(refused)) {
      const answer = await postGraphql<any>(orders, QUERY, {}, { 'x-oms-identity': token });
      expect([what, codeOf(answer)]).toEqual([what, 'UNAUTHENTICATED']);
    }
  });
});

describe('revocation', () => {
  it('ends the subscriptions of a websocket opened with a signed identity once the key it acts for is revoked', async () => {
    const channel = unique('revoked');
    const partner = await hub.createKey('PARTNER', { channels: [channel] });
    // A hub service (the webhook dispatcher, a connector) acting for the key's owner signs for it.
    const identity: Identity = { subject: partner.id, role: 'PARTNER', channels: [channel], keyId: partner.id };
    const { client, closed } = connectWithHeaders(await internalHeaders(identity));
    const sub = new Subscription(client, `subscription($channel: String) { orderStatusChanged(channel: $channel) { status } }`, { channel });
    await waitFor('the subscription to start', async () => gateway.subscriptions.stats().subscriptions >= 1);
    const before = gateway.subscriptions.stats().subscriptions;
    await hub.data(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: partner.id });
    expect(await closed).toMatchObject({ code: 4401, reason: expect.stringMatching(/revoked/) });
    expect(sub.results).toEqual([]);
    await waitFor('its subscription to end on the gateway', async () => gateway.subscriptions.stats().subscriptions < before);
  });

  it('re-checks a connection that sent a forged x-oms-identity beside its JWT by the JWT, which expires', async () => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = await new SignJWT({ role: 'PARTNER', channels: [unique('jwt')] }).setProtectedHeader({ alg: 'HS256' }).setSubject('short-lived').setIssuedAt(now).setExpirationTime(now + 5).sign(new TextEncoder().encode(JWT_SECRET.toString('base64url')));
    const forged = await handMade(ADMIN, { audience: 'gateway', secret: randomBytes(32) });
    const { client, closed } = connectWithHeaders({ authorization: `Bearer ${jwt}`, 'x-oms-identity': forged });
    // Connected as the JWT says, not as the forged identity.
    expect((await answerOf(client, `query { viewer { role subject } }`)).results).toEqual([{ data: { viewer: { role: 'PARTNER', subject: 'jwt:short-lived' } } }]);
    expect(await closed).toMatchObject({ code: 4401, reason: expect.stringMatching(/UNAUTHENTICATED/) });
  });
});
