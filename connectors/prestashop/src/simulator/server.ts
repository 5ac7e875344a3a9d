// The simulator's HTTP side: a real server on 127.0.0.1 answering `/api/...` like PrestaShop's
// Webservice dispatcher (key from Basic auth or ws_key, output format from Io-Format/Output-Format or
// output_format, resource and method checks, PrestaShop's error codes), plus fault injection, an
// optional rate limit (429 + Retry-After) and a log of every request for tests to inspect.
import { text } from 'node:stream/consumers';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { didYouMean, parseDisplay, selectRows, WebserviceError } from './query';
import { contentType, renderApiRoot, renderErrors, renderList, renderOne, type Format } from './render';
import { allowedMethods, RESOURCES } from './resources';
import { SHOP_NAME, type SimulatedShop } from './shop';
import { applyWrite, parseXmlBody } from './writes';

export const REALM = 'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."';
const WEBSERVICE_VERSION = '8.1.7';

export interface LoggedRequest {
  method: string;
  /** Path and query string, decoded (`/api/orders?filter[id]=[1|2]`). */
  path: string;
  headers: Record<string, string>;
  /** Parsed XML of a write (the raw text when it does not parse); undefined for reads. */
  body: unknown;
  /** 0 when the connection was reset. */
  status: number;
  /** Epoch ms when it arrived. */
  at: number;
}

export interface ServerState {
  shop: SimulatedShop;
  apiKey: string;
  log: LoggedRequest[];
  faults: { rateLimited: number; retryAfterSeconds: number; failing: number; failStatus: number; crashIn: number | null };
  rateLimit?: { requestsPerSecond: number; burst: number; tokens: number; refilledAt: number };
}


function outputFormat(request: IncomingMessage, query: URLSearchParams): Format {
  const asked = request.headers['io-format'] ?? request.headers['output-format'] ?? query.get('output_format') ?? query.get('io_format');
  return String(asked ?? '').toUpperCase() === 'JSON' ? 'JSON' : 'XML';
}

/** The key as PrestaShop's dispatcher finds it: `ws_key`, else the Basic auth user; null when there is none. */
function requestKey(request: IncomingMessage, query: URLSearchParams): string | null {
  if (query.has('ws_key')) return query.get('ws_key');
  const header = request.headers.authorization ?? '';
  const basic = /^Basic\s+(.+)$/i.exec(header);
  if (!basic) return null;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? decoded : decoded.slice(0, colon);
}

function authenticate(state: ServerState, key: string): WebserviceError[] {
  const trimmed = key.trim();
  if (trimmed === '') return [new WebserviceError(401, 17, 'Authentication key is empty')];
  if (trimmed.length !== 32) return [new WebserviceError(401, 18, 'Invalid authentication key format')];
  if (trimmed !== state.apiKey) return [new WebserviceError(401, 20, 'Authentification key is not active'), new WebserviceError(401, 21, 'No permission for this authentication key')];
  return [];
}

/** Token bucket of the configured limit; the seconds to wait when it is empty. */
function throttle(state: ServerState): number {
  const limit = state.rateLimit;
  if (!limit) return 0;
  const now = Date.now();
  limit.tokens = Math.min(limit.burst, limit.tokens + ((now - limit.refilledAt) / 1000) * limit.requestsPerSecond);
  limit.refilledAt = now;
  if (limit.tokens >= 1) {
    limit.tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil((1 - limit.tokens) / limit.requestsPerSecond));
}

interface Reply {
  status: number;
  body: string;
  format: Format;
  headers?: Record<string, string>;
  authenticated?: boolean;
}

async function route(state: ServerState, request: IncomingMessage, url: URL, rawBody: string, baseUrl: string, entry: LoggedRequest): Promise<Reply> {
  const query = url.searchParams;
  const format = outputFormat(request, query);
  const method = (request.method ?? 'GET').toUpperCase();
  const segments = url.pathname.replace(/^\/api\/?/, '').split('/').filter(Boolean);

  const key = requestKey(request, query);
  if (key === null) return { status: 401, body: '401 Unauthorized', format: 'XML', headers: { 'www-authenticate': REALM, 'content-type': 'text/plain' } };
  const authErrors = authenticate(state, key);
  if (authErrors.length) {
    return { status: 401, body: renderErrors(format, authErrors.map((error) => ({ code: error.code, message: error.message }))), format, headers: { 'www-authenticate': REALM } };
  }

  const [resource, id] = segments;
  if (!resource) {
    if (method !== 'GET' && method !== 'HEAD') throw new WebserviceError(405, 23, `Method ${method} is not valid`);
    return { status: 200, body: renderApiRoot(format, SHOP_NAME, baseUrl), format, authenticated: true };
  }
  const def = RESOURCES[resource];
  if (!def) throw new WebserviceError(400, 27, didYouMean(`Resource of type "${resource}" does not exists`, resource, Object.keys(RESOURCES)));
  if (!['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'].includes(method)) throw new WebserviceError(405, 23, `Method ${method} is not valid`);
  if (resource === 'stock_availables' && (method === 'POST' || method === 'DELETE')) throw new WebserviceError(405, 101, `Method ${method} is not allowed for the resource ${resource}`);
  if (!allowedMethods(def).includes(method as never)) throw new WebserviceError(405, 25, `Method ${method} is not allowed for the resource ${resource} with this authentication key`);

  if (method === 'GET' || method === 'HEAD') {
    const rows = [...state.shop.table(resource).values()];
    if (id === undefined) {
      const selected = selectRows(def, rows, query);
      return { status: 200, body: renderList(format, resource, selected, parseDisplay(def, query.get('display'), 'minimum'), baseUrl), format, authenticated: true };
    }
    const row = state.shop.table(resource).get(Number(id));
    // PrestaShop answers an unknown id with a bare 404.
    if (!row) return { status: 404, body: '', format, authenticated: true };
    return { status: 200, body: renderOne(format, resource, row, parseDisplay(def, query.get('display'), 'full'), query.has('display'), baseUrl), format, authenticated: true };
  }
  if (method === 'DELETE') throw new WebserviceError(405, 25, `Method ${method} is not allowed for the resource ${resource} with this authentication key`);

  const document = parseXmlBody(rawBody);
  entry.body = document;
  const saved = applyWrite(state.shop, method as 'PUT' | 'PATCH' | 'POST', resource, document, query);
  return { status: method === 'POST' ? 201 : 200, body: renderOne(format, resource, saved[saved.length - 1], 'full', false, baseUrl), format, authenticated: true };
}

function send(response: ServerResponse, reply: Reply, head: boolean): void {
  response.writeHead(reply.status, {
    'content-type': contentType(reply.format),
    'x-powered-by': 'PrestaShop Webservice',
    'access-time': String(Math.floor(Date.now() / 1000)),
    'execution-time': '0.002',
    ...(reply.authenticated ? { 'psws-version': WEBSERVICE_VERSION } : {}),
    ...reply.headers,
  });
  response.end(head ? undefined : reply.body);
}

export async function startServer(state: ServerState, port = 0): Promise<{ server: Server; baseUrl: string }> {
  let baseUrl = '';
  const server = createServer(async (request, response) => {
    const at = Date.now();
    const url = new URL(request.url ?? '/', baseUrl);
    const rawBody = await text(request);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value ?? '')]));
    let path = `${url.pathname}${url.search}`;
    try {
      path = decodeURIComponent(path.replace(/\+/g, ' '));
    } catch {
      // keep it encoded
    }
    const entry: LoggedRequest = { method: request.method ?? 'GET', path, headers, body: rawBody === '' ? undefined : rawBody, status: 0, at };
    state.log.push(entry);
    const query = url.searchParams;
    const format = outputFormat(request, query);
    const head = request.method === 'HEAD';
    const reply = (value: Reply) => {
      entry.status = value.status;
      send(response, value, head);
    };

    const { faults } = state;
    if (faults.crashIn !== null) {
      if (faults.crashIn === 0) {
        faults.crashIn = null;
        request.socket.destroy();
        return;
      }
      faults.crashIn -= 1;
    }
    if (faults.rateLimited > 0) {
      faults.rateLimited -= 1;
      return reply({ status: 429, body: renderErrors(format, [{ code: 429, message: 'Too Many Requests' }]), format, headers: { 'retry-after': String(faults.retryAfterSeconds) } });
    }
    if (faults.failing > 0) {
      faults.failing -= 1;
      return reply({ status: faults.failStatus, body: renderErrors(format, [{ code: 0, message: `Simulated failure (HTTP ${faults.failStatus})` }]), format });
    }
    const wait = throttle(state);
    if (wait > 0) return reply({ status: 429, body: renderErrors(format, [{ code: 429, message: 'Too Many Requests' }]), format, headers: { 'retry-after': String(wait) } });

    if (!/^\/api(\/|$)/.test(url.pathname)) {
      return reply({ status: 404, body: '<!doctype html><title>404 Page not found</title><h1>Page not found</h1>', format: 'XML', headers: { 'content-type': 'text/html; charset=utf-8' } });
    }
    try {
      reply(await route(state, request, url, rawBody, baseUrl, entry));
    } catch (error) {
      if (error instanceof WebserviceError) return reply({ status: error.status, body: renderErrors(format, [{ code: error.code, message: error.message }]), format, headers: error.headers, authenticated: error.status !== 401 });
      reply({ status: 500, body: renderErrors(format, [{ code: 2, message: `[PHP Error] ${(error as Error).message}` }]), format });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, baseUrl };
}
