// The simulator's HTTP front: a node:http server answering like Magento's REST entry point (route
// match, store code, bearer-token auth, error bodies) plus the test faults (429 with Retry-After,
// failures, connection resets) and a log of every request it received.
import { recordedQuery } from '@oms/connector-kit';
import { buffer } from 'node:stream/consumers';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchRoute } from './routes';
import { MagentoHttpError, type MagentoStore } from './store';

export interface RecordedRequest {
  method: string;
  /** Path without the query string (`/rest/default/V1/orders`). */
  path: string;
  /** The raw query string, decoded (`searchCriteria[pageSize]=50&...`). */
  query: string;
  headers: Record<string, string>;
  body: unknown;
  /** 0 when the connection was reset instead of answered. */
  status: number;
  /** When the request arrived (epoch ms). */
  at: number;
}

export interface ServerOptions {
  store: MagentoStore;
  token: string;
  storeCodes: string[];
  port?: number;
  /** A fixed-window limit over all callers, as a CDN or rate-limiting module in front of Magento enforces. */
  rateLimit?: { requests: number; windowSeconds: number };
}

interface Faults {
  rateLimited: number;
  retryAfterSeconds: number;
  failing: number;
  failStatus: number;
  /** Requests still answered before the next connection is reset; undefined: no crash armed. */
  crashAfter?: number;
}

const FAILURE_MESSAGES: Record<number, string> = {
  500: 'Internal Error. Details are available in Magento log file. Report ID: webapi-%1',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export class SimulatorServer {
  readonly faults: Faults = { rateLimited: 0, retryAfterSeconds: 1, failing: 0, failStatus: 500 };
  readonly log: RecordedRequest[] = [];
  private server?: Server;
  private window = { startedAt: 0, count: 0 };
  baseUrl = '';

  constructor(private readonly options: ServerOptions) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error) => this.send(res, 500, { message: String(error?.message ?? error) }));
    });
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const raw = await buffer(req);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([key, value]) => [key.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value ?? '')]));
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: recordedQuery(url), headers, body: undefined, status: 0, at: Date.now() };
    this.log.push(record);

    if (this.faults.crashAfter !== undefined) {
      if (this.faults.crashAfter <= 0) {
        this.faults.crashAfter = undefined;
        req.socket.destroy();
        return;
      }
      this.faults.crashAfter -= 1;
    }

    let body: unknown;
    if (raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return this.answer(res, record, 400, { message: 'Decoding error: \nSyntax error\n' });
      }
    }
    record.body = body;

    const limited = this.rateLimit();
    if (limited !== undefined) {
      return this.answer(res, record, 429, { message: 'Too many requests. Retry in %1 seconds.', parameters: [limited] }, { 'retry-after': String(limited) });
    }
    if (this.faults.failing > 0) {
      this.faults.failing -= 1;
      const status = this.faults.failStatus;
      return this.answer(res, record, status, { message: FAILURE_MESSAGES[status] ?? 'Internal Error', ...(status === 500 ? { parameters: [Math.floor(Math.random() * 1e9).toString(16)] } : {}) });
    }

    const matched = matchRoute(record.method, url.pathname);
    if (!matched) return this.answer(res, record, 404, { message: 'Request does not match any route.' });
    const { storeCode, route, params } = matched;
    if (storeCode && storeCode !== 'all' && !this.options.storeCodes.includes(storeCode)) {
      return this.answer(res, record, 404, { message: "The store that was requested wasn't found. Verify the store and try again." });
    }
    if (headers.authorization !== `Bearer ${this.options.token}`) {
      return this.answer(res, record, 401, { message: "The consumer isn't authorized to access %resources.", parameters: { resources: route.acl } });
    }
    try {
      const result = route.handle({ store: this.options.store, storeCodes: this.options.storeCodes, baseUrl: this.baseUrl, query: url.searchParams, body }, params);
      return this.answer(res, record, 200, result);
    } catch (error) {
      if (error instanceof MagentoHttpError) return this.answer(res, record, error.status, error.body());
      throw error;
    }
  }

  /** Seconds to wait when this request is over a limit (a forced fault or the configured window). */
  private rateLimit(): number | undefined {
    if (this.faults.rateLimited > 0) {
      this.faults.rateLimited -= 1;
      return this.faults.retryAfterSeconds;
    }
    const limit = this.options.rateLimit;
    if (!limit) return undefined;
    const now = Date.now();
    if (now - this.window.startedAt >= limit.windowSeconds * 1000) this.window = { startedAt: now, count: 0 };
    this.window.count += 1;
    if (this.window.count <= limit.requests) return undefined;
    return Math.max(1, Math.ceil((this.window.startedAt + limit.windowSeconds * 1000 - now) / 1000));
  }

  private answer(res: ServerResponse, record: RecordedRequest, status: number, body: unknown, headers: Record<string, string> = {}): void {
    record.status = status;
    this.send(res, status, body, headers);
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.headersSent) return;
    const payload = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), ...headers });
    res.end(payload);
  }
}


