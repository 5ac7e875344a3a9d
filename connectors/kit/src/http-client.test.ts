// The kit's HTTP client against a real local server: what each failure becomes, and that retries,
// Retry-After waits and the rate limiter behave as a channel would see them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorError } from './errors';
import { createChannelHttpClient, parseRetryAfter, type ChannelHttpClientOptions } from './http-client';
import { kitLogger } from './logger';

type Reply = { status: number; headers?: Record<string, string>; body?: unknown } | 'reset';

interface Seen {
  at: number;
  method: string;
  path: string;
  requestId: string;
}

let server: http.Server;
let baseUrl: string;
let replies: Reply[] = [];
let seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ at: Date.now(), method: req.method!, path: req.url!, requestId: String(req.headers['x-request-id']) });
    req.resume();
    const reply = replies.shift() ?? { status: 200, body: { ok: true } };
    if (reply === 'reset') return req.socket.destroy();
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  replies = [];
  seen = [];
});

function client(overrides: Partial<ChannelHttpClientOptions> = {}) {
  return createChannelHttpClient({
    baseUrl,
    rateLimit: { requestsPerSecond: 100, burst: 100, maxConcurrent: 4 },
    log: kitLogger('test'),
    channelName: 'Shopify',
    credential: { label: 'access token', field: 'accessToken' },
    retry: { initialDelayMs: 10, maxDelayMs: 50 },
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('createChannelHttpClient', () => {
  it('sends JSON to a path under the base URL with a request id and parses the answer', async () => {
    replies = [{ status: 200, body: { hello: 'world' } }];
    const response = await client().request({ method: 'POST', path: 'graphql.json', query: { a: 1 }, json: { q: 1 } });
    expect(response.body).toEqual({ hello: 'world' });
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/api/graphql.json?a=1', requestId: response.requestId });
  });

  it('turns 401 into AUTH naming the credential to fix, without retrying', async () => {
    replies = [{ status: 401, body: { errors: 'Invalid API key' } }];
    const error = await failure(client().request({ method: 'GET', path: 'shop.json' }));
    expect(error.kind).toBe('AUTH');
    expect(error.message).toBe("Shopify rejected the access token (HTTP 401): check the connection's accessToken");
    expect(error.parksConnection).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it('maps 404 to CONFIG, a refused write (422) to BAD_RECORD and a refused read (400) to CONFIG', async () => {
    replies = [{ status: 404 }, { status: 422, body: { errors: { sku: 'is invalid' } } }, { status: 400 }];
    expect((await failure(client().request({ method: 'GET', path: 'nope' }))).kind).toBe('CONFIG');
    const bad = await failure(client().request({ method: 'POST', path: 'items', json: {} }));
    expect(bad.kind).toBe('BAD_RECORD');
    expect(bad.message).toContain('is invalid');
    expect((await failure(client().request({ method: 'GET', path: 'items' }))).kind).toBe('CONFIG');
  });

  it('retries 5xx and connection resets with the same request id, then succeeds', async () => {
    replies = [{ status: 503 }, 'reset', { status: 502 }, { status: 200, body: { ok: 1 } }];
    const response = await client().request({ method: 'GET', path: 'orders' });
    expect(response.body).toEqual({ ok: 1 });
    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((request) => request.requestId)).size).toBe(1);
  });

  it('does not repeat a POST that may have reached the channel, unless it is marked idempotent', async () => {
    replies = ['reset', { status: 200, body: { ok: 1 } }];
    const error = await failure(client().request({ method: 'POST', path: 'order/7/ship', json: { items: [] } }));
    expect(error.kind).toBe('TRANSIENT');
    expect(seen).toHaveLength(1);

    seen = [];
    replies = [{ status: 429, headers: { 'retry-after': '0' } }, 'reset', { status: 200, body: { ok: 2 } }];
    const response = await client().request({ method: 'POST', path: 'inventory/source-items', json: {}, idempotent: true });
    expect(response.body).toEqual({ ok: 2 });
    expect(seen).toHaveLength(3);
  });

  it('gives up on a lasting outage with TRANSIENT after the configured attempts', async () => {
    replies = Array.from({ length: 10 }, () => ({ status: 500, body: 'boom' }));
    const error = await failure(client({ retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10 } }).request({ method: 'GET', path: 'orders' }));
    expect(error.kind).toBe('TRANSIENT');
    expect(error.details.status).toBe(500);
    expect(seen).toHaveLength(3);
  });

  it('waits Retry-After on 429 before the retry', async () => {
    replies = [{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }];
    await client().request({ method: 'GET', path: 'orders' });
    expect(seen).toHaveLength(2);
    expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(1000);
  });

  it('waits Retry-After on a 503 (a shop in maintenance mode) before the retry, in seconds or as an HTTP date', async () => {
    replies = [{ status: 503, headers: { 'retry-after': '1' }, body: 'maintenance' }, { status: 200, body: { ok: 1 } }];
    await client().request({ method: 'GET', path: 'orders' });
    expect(seen).toHaveLength(2);
    expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(1000);

    seen = [];
    // HTTP dates have whole seconds: two seconds ahead is at least one second away.
    replies = [{ status: 502, headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() } }, { status: 200, body: { ok: 2 } }];
    await client().request({ method: 'GET', path: 'orders' });
    expect(seen).toHaveLength(2);
    expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(1000);
  });

  it('hands a 503 whose Retry-After exceeds the maximum wait up as TRANSIENT with the wait, without retrying', async () => {
    replies = [{ status: 503, headers: { 'retry-after': '3600' } }, { status: 200 }];
    const error = await failure(client({ retry: { maxRetryAfterMs: 5000, initialDelayMs: 10, maxDelayMs: 50 } }).request({ method: 'GET', path: 'orders' }));
    expect(error.kind).toBe('TRANSIENT');
    expect(error.details.retryAfterMs).toBe(3_600_000);
    expect(seen).toHaveLength(1);
  });

  it('stops waiting after the bounded number of 429s and reports RATE_LIMITED with the wait', async () => {
    replies = Array.from({ length: 5 }, () => ({ status: 429, headers: { 'retry-after': '0.05' } }));
    const error = await failure(client({ retry: { maxRateLimitWaits: 2 } }).request({ method: 'GET', path: 'orders' }));
    expect(error.kind).toBe('RATE_LIMITED');
    expect(error.details.retryAfterMs).toBe(50);
    expect(seen).toHaveLength(3);
  });

  it('lets a connector classify a 200 (GraphQL THROTTLED) as rate limited, and retries it', async () => {
    replies = [{ status: 200, body: { errors: [{ extensions: { code: 'THROTTLED' } }] } }, { status: 200, body: { data: { ok: true } } }];
    const throttled = (body: any) => Array.isArray(body?.errors) && body.errors.some((error: any) => error.extensions?.code === 'THROTTLED');
    const response = await client({ classify: (r) => (throttled(r.body) ? new ConnectorError('RATE_LIMITED', 'throttled', { retryAfterMs: 20 }) : undefined) }).request({ method: 'POST', path: 'graphql.json', json: {} });
    expect(response.body).toEqual({ data: { ok: true } });
    expect(seen).toHaveLength(2);
  });

  it('holds requests to the policy: a burst, then the sustained rate', async () => {
    const limited = client({ rateLimit: { requestsPerSecond: 10, burst: 2, maxConcurrent: 2 } });
    await Promise.all(Array.from({ length: 6 }, () => limited.request({ method: 'GET', path: 'x' })));
    // 2 at once, then 4 more refilled at 10/s: the last cannot arrive before ~400 ms after the first.
    expect(seen[5].at - seen[0].at).toBeGreaterThanOrEqual(300);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('2.0')).toBe(2000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
