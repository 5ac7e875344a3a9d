// The gateway as a client sees it: one endpoint, an offline IDE, health and readiness, typed errors.
import { SUBGRAPH_NAMES } from '@oms/gateway';
import { startTestStack, type TestStack } from './support/stack';

let hub: TestStack;

beforeAll(async () => {
  hub = await startTestStack();
});
afterAll(() => hub?.stop());

describe('gateway', () => {
  it('answers /healthz, and /readyz with every subgraph; the database engine only to a signed hub service', async () => {
    const health = await fetch(`${hub.stack.gateway.origin}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${hub.stack.gateway.origin}/readyz`);
    const body = (await ready.json()) as { ready: boolean; database?: unknown; subgraphs: Record<string, { ready: boolean }> };
    expect(ready.status).toBe(200);
    expect(body.ready).toBe(true);
    expect(body.database).toBeUndefined();
    expect(Object.keys(body.subgraphs).sort()).toEqual([...SUBGRAPH_NAMES].sort());
    const signed = (await (await fetch(`${hub.stack.gateway.origin}/readyz`, { headers: await hub.signedHeaders() })).json()) as { database: { engine: string; version: string } };
    expect(['FerretDB', 'MongoDB']).toContain(signed.database.engine);
    expect(signed.database.version).toMatch(/\d+\.\d+/);
  });

  it('is not ready while a subgraph is down, and ready again once it is back', async () => {
    await hub.stack.subgraphs.customers.stop();
    const down = await fetch(`${hub.stack.gateway.origin}/readyz`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { subgraphs: Record<string, { ready: boolean }> };
    expect(body.subgraphs.customers.ready).toBe(false);
    expect(body.subgraphs.orders.ready).toBe(true);

    await hub.stack.restartSubgraph('customers');
    const up = await fetch(`${hub.stack.gateway.origin}/readyz`);
    expect(up.status).toBe(200);
  });

  it('serves a GraphQL IDE whose assets all load from the gateway itself', async () => {
    const page = await fetch(hub.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset.startsWith('/')).toBe(true);
      const response = await fetch(`${hub.stack.gateway.origin}${asset}`);
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('keeps the subgraph error code and field on errors', async () => {
    const result = await hub.gql(`mutation { upsertCustomer(input: { email: "not-an-email" }) { id } }`);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.field).toBe('input.email');
  });

  it('hides internal details of malformed requests behind a clear message', async () => {
    const response = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(response.status).toBe(400);
  });
});
