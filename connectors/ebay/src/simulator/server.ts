// The simulator's HTTP front: a node:http server answering like api.ebay.com (the OAuth token endpoint,
// bearer tokens and their scopes, eBay's error bodies) plus the test faults (429 with errorId 2001,
// failures, connection resets) and a log of every request it received.
import { recordedQuery } from '@oms/connector-kit';
import { text } from 'node:stream/consumers';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimulatedOAuth } from './oauth';
import { matchRoute } from './routes';
import { EbayHttpError, ebayError, type EbayStore } from './store';

export const TOKEN_PATH = '/identity/v1/oauth2/token';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The query string, decoded (`filter=lastmodifieddate:[...]&limit=50`). */
  query: string;
  headers: Record<string, string>;
  body: unknown;
  /** 0 when the connection was reset instead of answered. */
  status: number;
  at: number;
}

interface Faults {
  rateLimited: number;
  retryAfterSeconds: number;
  failing: number;
  failStatus: number;
  crashAfter?: number;
}

const FAILURES: Record<number, { errorId: number; message: string }> = {
  500: { errorId: 10001, message: 'There was a problem with an eBay internal system or process. Contact eBay developer support for assistance.' },
  503: { errorId: 10001, message: 'The service is unavailable. Please try again later.' },
};

export class SimulatorServer {
  readonly faults: Faults = { rateLimited: 0, retryAfterSeconds: 1, failing: 0, failStatus: 500 };
  readonly log: RecordedRequest[] = [];
  private server?: Server;
  baseUrl = '';

  private quotaWindow = { startedAt: 0, calls: 0 };

  constructor(
    private readonly store: EbayStore,
    private readonly oauth: SimulatedOAuth,
    private readonly port?: number,
    /** eBay's call limit: API calls allowed per window (a day on eBay); past it, 429 without Retry-After. */
    private readonly callLimit?: { calls: number; windowSeconds: number },
  ) {}

  /** Whether this API call is over the call limit (token requests do not count, as on eBay). */
  private overCallLimit(): boolean {
    if (!this.callLimit) return false;
    const now = Date.now();
    if (now - this.quotaWindow.startedAt >= this.callLimit.windowSeconds * 1000) this.quotaWindow = { startedAt: now, calls: 0 };
    this.quotaWindow.calls += 1;
    return this.quotaWindow.calls > this.callLimit.calls;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error) => this.send(res, 500, { errors: [ebayError(10001, 'API_FULFILLMENT', 'APPLICATION', String(error?.message ?? error))] }));
    });
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port ?? 0, '127.0.0.1', () => resolve());
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
    const url = new URL(req.url ?? '/', this.baseUrl || 'http://simulator');
    const raw = await text(req);
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
    if (this.faults.rateLimited > 0) {
      this.faults.rateLimited -= 1;
      return this.answer(res, record, 429, { errors: [ebayError(2001, 'ACCESS', 'REQUEST', 'Too many requests. The request limit has been reached for the resource.')] }, { 'retry-after': String(this.faults.retryAfterSeconds) });
    }
    if (this.faults.failing > 0) {
      this.faults.failing -= 1;
      const status = this.faults.failStatus;
      const failure = FAILURES[status] ?? FAILURES[500];
      return this.answer(res, record, status, { errors: [ebayError(failure.errorId, 'API_FULFILLMENT', 'APPLICATION', failure.message)] });
    }

    if (record.method === 'POST' && url.pathname === TOKEN_PATH) {
      const form = new URLSearchParams(raw);
      record.body = Object.fromEntries([...form.entries()].map(([key, value]) => [key, key === 'refresh_token' ? '<redacted>' : value]));
      const answer = this.oauth.token(headers.authorization, form);
      return this.answer(res, record, answer.status, answer.body, { 'cache-control': 'no-store' });
    }

    let body: unknown;
    if (raw.length) {
      try {
        body = JSON.parse(raw);
      } catch {
        return this.answer(res, record, 400, { errors: [ebayError(2004, 'ACCESS', 'REQUEST', 'Request has errors. For help, see the documentation for this API.')] });
      }
    }
    record.body = body;

    if (this.overCallLimit()) {
      // eBay's limits are quotas per API and day: it says so in the body, with no header telling when.
      return this.answer(res, record, 429, { errors: [ebayError(2001, 'ACCESS', 'REQUEST', 'Too many requests. The request limit has been reached for the resource.')] });
    }
    const matched = matchRoute(record.method, url.pathname);
    if (!matched) return this.answer(res, record, 404, { errors: [ebayError(2002, 'ACCESS', 'REQUEST', 'Resource not found')] });
    const scopes = this.oauth.scopesOf(headers.authorization);
    if (!scopes) {
      return this.answer(res, record, 401, { errors: [{ ...ebayError(1001, 'OAuth', 'REQUEST', 'Invalid access token'), longMessage: 'Invalid access token. Check the value of the Authorization HTTP request header.' }] });
    }
    if (!matched.route.scopes.some((scope) => scopes.includes(scope))) {
      return this.answer(res, record, 403, { errors: [{ ...ebayError(1100, 'ACCESS', 'REQUEST', 'Access denied'), longMessage: 'Insufficient permissions to fulfill the request.' }] });
    }
    try {
      const result = matched.route.handle({ store: this.store, baseUrl: this.baseUrl, url, params: matched.params, body, headers });
      return this.answer(res, record, result.status, result.body, result.headers);
    } catch (error) {
      if (error instanceof EbayHttpError) return this.answer(res, record, error.status, { errors: error.errors });
      throw error;
    }
  }

  private answer(res: ServerResponse, record: RecordedRequest, status: number, body: unknown, headers: Record<string, string> = {}): void {
    record.status = status;
    this.send(res, status, body, headers);
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.headersSent) return;
    const payload = JSON.stringify(body ?? {});
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers });
    res.end(payload);
  }
}


