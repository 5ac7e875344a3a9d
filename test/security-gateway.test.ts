// Abuse of the gateway itself, through real HTTP: anonymous and oversized documents refused before
// they are parsed, failed authentications limited per client address (and guessed keys not looked
// up again and again), nested lists without `first` counted as lists, introspection hidden in
// fragments seen in production, and variables that do not fit their types refused as bad input.
import { randomBytes } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startGateway, type GatewayService } from '@oms/gateway';
import { postGraphql, startTestStack, type GqlResponse, type TestStack } from './support/stack';

let hub: TestStack;
/** A production gateway over the same subgraphs, allowing 5 failed authentications a minute per address. */
let production: GatewayService;

beforeAll(async () => {
  hub = await startTestStack();
  const subgraphUrls = Object.fromEntries(Object.entries(hub.subgraphs).map(([name, subgraph]) => [name, subgraph.url]));
  production = await startGateway({ port: 0, host: '127.0.0.1', subgraphUrls: subgraphUrls as never, production: true, limits: { failedAuthPerMinute: 5 } });
});
afterAll(async () => {
  await production?.stop();
  await hub?.stop();
});

const codeOf = (result: GqlResponse<unknown>) => result.errors?.[0]?.extensions?.code;
const randomKey = () => `oms_${randomBytes(24).toString('base64url')}`;

/** A document of `count` aliased fields: cheap to send, costly to parse. */
const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: __typename`).join(' ')} }`;

/** How a graphql-ws connection with these credentials is closed (it is opened at once). */
function wsClose(httpUrl: string, authorization: string): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const client = createClient({ url: httpUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization }, lazy: false, retryAttempts: 0, onNonLazyError: () => undefined });
    client.on('closed', (event) => {
      const { code, reason } = event as { code: number; reason: string };
      void client.dispose();
      resolve({ code, reason });
    });
  });
}

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as GqlResponse<any> };
}

describe('documents before parsing', () => {
  it('refuses anonymous requests with 401 before reading their document, however large or broken', async () => {
    const broken = await post(hub.gatewayUrl, JSON.stringify({ query: '{ orders(first: 1) { ' }));
    expect(broken.status).toBe(401);
    expect(broken.body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });

    const huge = await post(hub.gatewayUrl, JSON.stringify({ query: aliases(80_000) }));
    expect(huge.status).toBe(401);
    expect(codeOf(huge.body)).toBe('UNAUTHENTICATED');
  });

  it('still lets the IDE introspect the schema anonymously outside production', async () => {
    const introspection = await postGraphql<any>(hub.gatewayUrl, `{ __schema { queryType { name } } }`);
    expect(introspection.data.__schema.queryType.name).toBe('Query');
  });

  it('refuses an authenticated body over 1 MB with 413 and says why', async () => {
    const huge = await post(hub.gatewayUrl, JSON.stringify({ query: aliases(80_000) }), { authorization: `Bearer ${hub.adminKey}` });
    expect(huge.status).toBe(413);
    expect(codeOf(huge.body)).toBe('BAD_USER_INPUT');
    expect(huge.body.errors?.[0].message).toMatch(/larger than the limit of 1048576 bytes/);
  });

  it('stops parsing a document of more than 10,000 tokens', async () => {
    const many = await post(hub.gatewayUrl, JSON.stringify({ query: aliases(4_000) }), { authorization: `Bearer ${hub.adminKey}` });
    expect(many.status).toBe(400);
    expect(many.body.data).toBeUndefined();
    expect(many.body.errors?.[0].message).toMatch(/10000 tokens/);
    // A document under the limit runs as before.
    const few = await hub.gql<Record<string, string>>(aliases(1_000));
    expect(few.errors).toBeUndefined();
    expect(few.data?.a999).toBe('Query');
  });
});

describe('query cost and introspection', () => {
  it('counts lists without `first` as lists, so nested ones multiply', async () => {
    const flat = await hub.gql(`{ orders(first: 10) { edges { node { lines { sku } history { type } } } } }`);
    expect(flat.errors).toBeUndefined();
    const nested = await hub.gql(`{ orders(first: 100) { edges { node { shipments { lines { sku item { sku } } } history { type } } } } }`);
    expect(codeOf(nested)).toBe('BAD_USER_INPUT');
    expect(nested.errors?.[0].message).toMatch(/Query cost \d+ exceeds the limit of 20000/);
  });

  it('sees introspection hidden in inline and named fragments on Query (production)', async () => {
    const staff = await hub.createKey('STAFF');
    const inline = await postGraphql(production.url, `{ ... on Query { __schema { types { name } } } }`, {}, staff.headers);
    expect(codeOf(inline)).toBe('FORBIDDEN');
    const named = await postGraphql(production.url, `query { ...Schema } fragment Schema on Query { ... on Query { __type(name: "Order") { name } } }`, {}, staff.headers);
    expect(codeOf(named)).toBe('FORBIDDEN');
    const admin = await postGraphql<any>(production.url, `{ ... on Query { __schema { queryType { name } } } }`, {}, { authorization: `Bearer ${hub.adminKey}` });
    expect(admin.data.__schema.queryType.name).toBe('Query');
  });

  it('refuses a variable that does not fit its type as bad input naming it', async () => {
    const response = await post(hub.gatewayUrl, JSON.stringify({ query: `query($n: Int) { orders(first: $n) { edges { node { id } } } }`, variables: { n: 'lots' } }), {
      authorization: `Bearer ${hub.adminKey}`,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: '$n' });
    expect(response.body.errors?.[0].message).toMatch(/\$n/);
  });
});

describe('failed authentications', () => {
  it('looks an unknown key up once, not on every retry', async () => {
    const key = randomKey();
    const counter = hub.commandCounter();
    expect(codeOf(await hub.gql(`{ viewer { role } }`, {}, { authorization: `Bearer ${key}` }))).toBe('UNAUTHENTICATED');
    counter.reset();
    for (let i = 0; i < 3; i++) expect(codeOf(await hub.gql(`{ viewer { role } }`, {}, { authorization: `Bearer ${key}` }))).toBe('UNAUTHENTICATED');
    expect(counter.counts().access).toBe(0);
    // A credential longer than any key the hub issues is refused without a look-up at all.
    expect(codeOf(await hub.gql(`{ viewer { role } }`, {}, { authorization: `Bearer ${'k'.repeat(5_000)}` }))).toBe('UNAUTHENTICATED');
    expect(counter.counts().access).toBe(0);
  });

  it('refuses an address with 429 and Retry-After after 5 failures a minute, without looking its keys up', async () => {
    const counter = hub.commandCounter();
    for (let i = 0; i < 5; i++) {
      const refused = await post(production.url, JSON.stringify({ query: '{ viewer { role } }' }), { authorization: `Bearer ${randomKey()}` });
      expect(refused.status).toBe(401);
    }
    counter.reset();
    for (let i = 0; i < 10; i++) {
      const limited = await post(production.url, JSON.stringify({ query: '{ viewer { role } }' }), { authorization: `Bearer ${randomKey()}` });
      expect(limited.status).toBe(429);
      expect(codeOf(limited.body)).toBe('RATE_LIMITED');
      expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    }
    expect(counter.counts().access).toBe(0);
  });

  it('closes a blocked address’s graphql-ws connections with 4429 before checking their key', async () => {
    const closed = await wsClose(production.url, `Bearer ${hub.adminKey}`);
    expect(closed.code).toBe(4429);
    expect(closed.reason).toMatch(/RATE_LIMITED/);
  });
});
