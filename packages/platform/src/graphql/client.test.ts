// One behaviour for a peer that cannot be reached — not started yet, refusing connections, answering
// garbage — a typed UNAVAILABLE with a retry hint; typed documents go out printed, with the actor.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { GraphqlClient, UNREACHABLE_RETRY_SECONDS, type TypedDocumentNode } from './client';

const ITEM = parse('query Item($sku: String!) { inventoryItem(sku: $sku) { sku } }') as TypedDocumentNode<{ inventoryItem: { sku: string } | null }, { sku: string }>;

describe('GraphqlClient', () => {
  let server: Server;
  let url: string;
  let answer: (req: IncomingMessage, body: string) => { status: number; body: string };
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const reply = answer(req, body);
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends a typed document with its variables and the actor, and returns the data', async () => {
    let seen: { query: string; variables: unknown; actor: unknown } | undefined;
    answer = (req, body) => {
      seen = { ...JSON.parse(body), actor: req.headers['x-oms-actor'] };
      return { status: 200, body: JSON.stringify({ data: { inventoryItem: { sku: 'A-1' } } }) };
    };
    const client = new GraphqlClient({ service: 'inventory', url });
    await expect(client.execute(ITEM, { sku: 'A-1' }, { actor: 'user:ada' })).resolves.toEqual({ inventoryItem: { sku: 'A-1' } });
    expect(seen).toEqual({ query: expect.stringContaining('inventoryItem(sku: $sku)'), variables: { sku: 'A-1' }, actor: 'user:ada' });
  });

  it('keeps a remote typed error as it is', async () => {
    answer = () => ({ status: 200, body: JSON.stringify({ errors: [{ message: 'no such item', extensions: { code: 'NOT_FOUND', field: 'sku' } }] }) });
    const client = new GraphqlClient({ service: 'inventory', url });
    await expect(client.execute(ITEM, { sku: 'B' })).rejects.toMatchObject({ code: 'NOT_FOUND', extensions: { code: 'NOT_FOUND', field: 'sku' } });
  });

  it('answers UNAVAILABLE with a retry hint for a peer not started, refusing connections, or answering garbage', async () => {
    const unreachable = { code: 'UNAVAILABLE', extensions: { code: 'UNAVAILABLE', service: 'inventory', retryAfterSeconds: UNREACHABLE_RETRY_SECONDS } };
    const notStarted = new GraphqlClient({
      service: 'inventory',
      url: () => {
        throw new Error('inventory has not started');
      },
    });
    await expect(notStarted.execute(ITEM, { sku: 'A' })).rejects.toMatchObject(unreachable);
    // Port 1: nothing listens there, the connection is refused at once.
    await expect(new GraphqlClient({ service: 'inventory', url: 'http://127.0.0.1:1/graphql' }).execute(ITEM, { sku: 'A' })).rejects.toMatchObject(unreachable);
    answer = () => ({ status: 502, body: '<html>Bad Gateway</html>' });
    await expect(new GraphqlClient({ service: 'inventory', url }).execute(ITEM, { sku: 'A' })).rejects.toMatchObject(unreachable);
  });

  it("passes on the peer's own Retry-After when it refuses under load", async () => {
    const refusal = JSON.stringify({ errors: [{ message: 'inventory is overloaded', extensions: { code: 'UNAVAILABLE', service: 'inventory' } }] });
    const refusing = createServer((_req, res) => res.writeHead(503, { 'retry-after': '7', 'content-type': 'application/json' }).end(refusal));
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const client = new GraphqlClient({ service: 'inventory', url: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/graphql` });
      await expect(client.execute(ITEM, { sku: 'A' })).rejects.toMatchObject({ code: 'UNAVAILABLE', extensions: { retryAfterSeconds: 7 } });
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});
