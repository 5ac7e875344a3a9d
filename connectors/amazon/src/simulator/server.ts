// The simulator's HTTP front: Login with Amazon's token endpoint and the SP-API host on one port.
// Access tokens and Restricted Data Tokens with expiry, per-operation token buckets answering 429
// with `x-amzn-RateLimit-Limit`, `x-amzn-RequestId` on every answer, SP-API error bodies, the test
// faults (429, 5xx, connection resets) and a log of every request.
import { text } from 'node:stream/consumers';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { operationFor } from '../operations';
import type { AmazonOperation, OperationQuota } from '../rate-limits';
import { ROUTES, SpApiHttpError } from './routes';
import type { AmazonStore } from './store';

export const TOKEN_PATH = '/auth/o2/token';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: string;
  operation?: AmazonOperation;
  headers: Record<string, string>;
  body: unknown;
  /** 0 when the connection was reset instead of answered. */
  status: number;
  at: number;
}

export interface AppCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  sellerId: string;
}

export interface ServerOptions {
  store: AmazonStore;
  credentials: AppCredentials;
  port?: number;
  /** Access token and RDT lifetime (Amazon: 3600 s). */
  tokenLifetimeSeconds: number;
  quotas: Record<AmazonOperation, OperationQuota>;
}

interface Faults {
  rateLimited: number;
  retryAfterSeconds: number;
  failing: number;
  failStatus: number;
  crashAfter?: number;
}

interface IssuedToken {
  expiresAt: number;
  /** RDT only: data elements granted per path. */
  restricted?: Array<{ path: string; dataElements: string[] }>;
}

const FAILURES: Record<number, { code: string; message: string }> = {
  500: { code: 'InternalFailure', message: 'We encountered an internal error. Please try again.' },
  503: { code: 'ServiceUnavailable', message: 'Service temporarily unavailable. Please try again.' },
};

export class SimulatorServer {
  readonly faults: Faults = { rateLimited: 0, retryAfterSeconds: 1, failing: 0, failStatus: 500 };
  readonly log: RecordedRequest[] = [];
  readonly tokens = new Map<string, IssuedToken>();
  /** Token exchanges answered, for tests of the connector's cache. */
  exchanges = 0;
  refreshTokenRevoked = false;
  private readonly buckets = new Map<AmazonOperation, { tokens: number; at: number }>();
  private server?: Server;
  baseUrl = '';

  constructor(private readonly options: ServerOptions) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error) => this.send(res, 500, { errors: [{ code: 'InternalFailure', message: String(error?.message ?? error), details: '' }] }));
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

  /** Every access token issued so far stops working now (as if an hour had passed). */
  expireTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const raw = await text(req);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([key, value]) => [key.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value ?? '')]));
    const method = req.method ?? 'GET';
    const operation = operationFor(method, url.pathname);
    const record: RecordedRequest = { method, path: url.pathname, query: url.search.replace(/^\?/, ''), operation, headers, body: undefined, status: 0, at: Date.now() };
    this.log.push(record);

    if (this.faults.crashAfter !== undefined) {
      if (this.faults.crashAfter <= 0) {
        this.faults.crashAfter = undefined;
        req.socket.destroy();
        return;
      }
      this.faults.crashAfter -= 1;
    }
    if (this.faults.failing > 0) {
      this.faults.failing -= 1;
      const failure = FAILURES[this.faults.failStatus] ?? FAILURES[500];
      return this.answer(res, record, this.faults.failStatus, { errors: [{ ...failure, details: '' }] });
    }

    if (method === 'POST' && url.pathname === TOKEN_PATH) {
      record.body = Object.fromEntries(new URLSearchParams(raw));
      return this.tokenEndpoint(res, record, headers['content-type'] ?? '', new URLSearchParams(raw));
    }

    if (!operation) return this.answer(res, record, 404, { errors: [{ code: 'NotFound', message: 'Resource not found', details: '' }] });
    if (raw) {
      try {
        record.body = JSON.parse(raw);
      } catch {
        return this.answer(res, record, 400, { errors: [{ code: 'InvalidInput', message: 'The request body is not valid JSON.', details: '' }] });
      }
    }
    const granted = this.authorize(headers['x-amz-access-token'], url.pathname);
    if (typeof granted === 'string') return this.answer(res, record, 403, { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: granted }] });

    const quota = this.options.quotas[operation];
    if (this.faults.rateLimited > 0 || !this.take(operation, quota)) {
      const forced = this.faults.rateLimited > 0;
      if (forced) this.faults.rateLimited -= 1;
      // The header carries the operation's rate; a forced fault states the rate that makes its wait.
      const limit = forced ? 1 / this.faults.retryAfterSeconds : quota.rate;
      return this.answer(res, record, 429, { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] }, { 'x-amzn-ratelimit-limit': String(limit) });
    }

    try {
      const result = ROUTES[operation]({
        operation,
        pathname: url.pathname,
        query: url.searchParams,
        body: record.body,
        grantedElements: granted,
        store: this.options.store,
        sellerId: this.options.credentials.sellerId,
        issueRdt: (resources) => this.issue('Atz.sprdt|', resources.map((resource) => ({ path: resource.path, dataElements: resource.dataElements ?? [] }))),
      });
      return this.answer(res, record, result.status, result.body, { 'x-amzn-ratelimit-limit': String(quota.rate) });
    } catch (error) {
      if (error instanceof SpApiHttpError) return this.answer(res, record, error.status, error.body(), { 'x-amzn-ratelimit-limit': String(quota.rate) });
      throw error;
    }
  }

  private tokenEndpoint(res: ServerResponse, record: RecordedRequest, contentType: string, form: URLSearchParams): void {
    const { credentials } = this.options;
    if (!contentType.startsWith('application/x-www-form-urlencoded')) return this.answer(res, record, 400, { error: 'invalid_request', error_description: 'The Content-Type must be application/x-www-form-urlencoded' });
    if (form.get('grant_type') !== 'refresh_token') return this.answer(res, record, 400, { error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported by the authorization server' });
    if (form.get('client_id') !== credentials.clientId || form.get('client_secret') !== credentials.clientSecret) {
      return this.answer(res, record, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    if (this.refreshTokenRevoked || form.get('refresh_token') !== credentials.refreshToken) {
      return this.answer(res, record, 400, { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' });
    }
    this.exchanges += 1;
    const { restrictedDataToken, expiresIn } = this.issue('Atza|');
    this.answer(res, record, 200, { access_token: restrictedDataToken, token_type: 'bearer', expires_in: expiresIn, refresh_token: credentials.refreshToken });
  }

  private issue(prefix: string, restricted?: IssuedToken['restricted']): { restrictedDataToken: string; expiresIn: number } {
    const token = `${prefix}${randomBytes(24).toString('base64url')}`;
    const expiresIn = this.options.tokenLifetimeSeconds;
    this.tokens.set(token, { expiresAt: Date.now() + expiresIn * 1000, restricted });
    return { restrictedDataToken: token, expiresIn };
  }

  /** The data elements a token grants on this path, or why it is refused. */
  private authorize(token: string | undefined, pathname: string): Set<string> | string {
    const issued = token ? this.tokens.get(token) : undefined;
    if (!issued) return 'The access token you provided is revoked, malformed or invalid.';
    if (issued.expiresAt <= Date.now()) return 'The access token you provided has expired.';
    if (!issued.restricted) return new Set();
    const resource = issued.restricted.find((candidate) => candidate.path === pathname);
    if (!resource) return 'The restricted data token does not grant access to this resource.';
    return new Set(resource.dataElements);
  }

  /** One token from the operation's bucket (burst, refilled at its rate), as SP-API's usage plans work. */
  private take(operation: AmazonOperation, quota: OperationQuota): boolean {
    const now = Date.now();
    const bucket = this.buckets.get(operation) ?? { tokens: quota.burst, at: now };
    bucket.tokens = Math.min(quota.burst, bucket.tokens + ((now - bucket.at) / 1000) * quota.rate);
    bucket.at = now;
    this.buckets.set(operation, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private answer(res: ServerResponse, record: RecordedRequest, status: number, body: unknown, headers: Record<string, string> = {}): void {
    record.status = status;
    this.send(res, status, body, headers);
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.headersSent) return;
    const payload = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { ...(payload ? { 'content-type': 'application/json' } : {}), 'content-length': Buffer.byteLength(payload), 'x-amzn-requestid': randomUUID(), ...headers });
    res.end(payload);
  }
}

