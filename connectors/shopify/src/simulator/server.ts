// The simulator's HTTP front: `POST /admin/api/{version}/graphql.json` with X-Shopify-Access-Token,
// Shopify's error bodies, query cost with throttling, and the fault hooks tests use (429s, failures,
// dropped connections). Every request is recorded for tests to inspect.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, execute, Kind, parse, validate, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { actualCost, CostBucket, requestedCost } from './cost';
import { createRootValue } from './resolvers';
import { SHOPIFY_API_VERSIONS } from '../manifest';
import { adminApiSdl } from './schema';
import type { SimStore } from './store';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  at: number;
}

export interface SimServerOptions {
  accessToken: string;
  shopDomain: string;
  /** Bucket size and single-query limit (Shopify: 1000 points). */
  maxCost: number;
  /** Points restored per second (Shopify standard: 50; Plus: 100; higher for load tests). */
  restoreRate: number;
  /** Status of a throttled GraphQL response: Shopify answers 200 (documented) and, reportedly, 429. */
  throttleStatus: 200 | 429;
}

const AUTH_ERROR = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };
const RATE_LIMIT_ERROR = { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' };
const PATH = /^\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/;

const schemas = new Map<string, GraphQLSchema>();
const adminSchema = (apiVersion: string) => {
  let schema = schemas.get(apiVersion);
  if (!schema) schemas.set(apiVersion, (schema = buildSchema(adminApiSdl(apiVersion))));
  return schema;
};
/** Versions the simulator serves; any other is answered 404, as Shopify answers a version it does not have. */
const SERVED_VERSIONS = new Set<string>(SHOPIFY_API_VERSIONS);

export class SimServer {
  readonly recorded: RecordedRequest[] = [];
  /** GraphQL requests answered THROTTLED (the bucket lacked their cost). */
  throttled = 0;
  /** Query cost actually charged so far (sum of actualQueryCost). */
  costSpent = 0;
  readonly bucket: CostBucket;
  private readonly server: Server;
  private readonly root: ReturnType<typeof createRootValue>;
  private rateLimited: Array<number> = [];
  private failures: Array<number> = [];
  private crashCountdown: number | null = null;
  baseUrl = '';

  constructor(
    private readonly store: SimStore,
    private readonly options: SimServerOptions,
  ) {
    this.bucket = new CostBucket(options.maxCost, options.restoreRate);
    this.root = createRootValue(store, options.shopDomain);
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 2000;
  }

  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  rateLimitNext(n: number, retryAfterSeconds: number): void {
    for (let i = 0; i < n; i++) this.rateLimited.push(retryAfterSeconds);
  }

  failNext(n: number, status = 500): void {
    for (let i = 0; i < n; i++) this.failures.push(status);
  }

  crashAfterRequests(n: number): void {
    this.crashCountdown = n;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // recorded as text; answered below
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : String(value ?? '')]));
    const record: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers, body, status: 0, at: Date.now() };
    this.recorded.push(record);

    if (this.crashCountdown !== null) {
      if (this.crashCountdown === 0) {
        this.crashCountdown = null;
        record.status = -1;
        req.socket.destroy();
        return;
      }
      this.crashCountdown -= 1;
    }
    const send = (status: number, payload: unknown, extra: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': headers['x-request-id'] || crypto.randomUUID(), ...extra });
      res.end(JSON.stringify(payload));
    };

    const failure = this.failures.shift();
    if (failure !== undefined) return send(failure, { errors: failure >= 500 ? 'Internal Server Error' : 'Simulated failure' });
    const retryAfter = this.rateLimited.shift();
    if (retryAfter !== undefined) return send(429, RATE_LIMIT_ERROR, { 'retry-after': retryAfter.toFixed(1) });

    const url = new URL(req.url ?? '/', 'http://simulator');
    const match = PATH.exec(url.pathname);
    if (!match || !SERVED_VERSIONS.has(match[1])) return send(404, { errors: 'Not Found' });
    const apiVersion = match[1];
    const schema = adminSchema(apiVersion);
    if (req.method !== 'POST') return send(405, { errors: 'Method Not Allowed' });
    if (headers['x-shopify-access-token'] !== this.options.accessToken) return send(401, AUTH_ERROR);
    const request = body as { query?: unknown; variables?: Record<string, unknown>; operationName?: string } | undefined;
    if (!request || typeof request !== 'object' || typeof request.query !== 'string') return send(400, { errors: { query: 'Required parameter missing or invalid' } });
    const extra = { 'x-shopify-api-version': match[1] };

    let document: DocumentNode;
    try {
      document = parse(request.query);
    } catch (error) {
      return send(200, { errors: [{ message: (error as Error).message, extensions: { code: 'PARSE_ERROR' } }] }, extra);
    }
    const validation = validate(schema, document);
    if (validation.length) return send(200, { errors: validation.map((error) => ({ message: error.message, locations: error.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) }, extra);
    const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    const operation = request.operationName ? operations.find((candidate) => candidate.name?.value === request.operationName) : operations[0];
    if (!operation) return send(200, { errors: [{ message: 'Operation not found' }] }, extra);
    const fragments = Object.fromEntries(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
    const variables = request.variables ?? {};

    const requested = requestedCost(schema, operation, fragments, variables);
    if (requested > this.options.maxCost) {
      return send(200, {
        errors: [{ message: `Query cost is ${requested}, which exceeds the single query max cost limit (${this.options.maxCost}). See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the cost of a query is calculated. To query larger amounts of data with fewer limits, bulk operations should be used instead.`, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: this.options.maxCost } }],
      }, extra);
    }
    if (!this.bucket.take(requested)) {
      this.throttled += 1;
      return send(this.options.throttleStatus, {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: this.bucket.status() } },
      }, extra);
    }
    const result = await execute({ schema, document, rootValue: this.root, contextValue: { apiVersion }, variableValues: variables, operationName: request.operationName });
    const actual = actualCost(requested, schema, operation, fragments, result.data as Record<string, unknown> | null);
    this.bucket.refund(requested - actual);
    this.costSpent += actual;
    send(200, {
      ...(result.errors?.length ? { errors: result.errors.map((error) => ({ message: error.message, locations: error.locations, path: error.path, extensions: error.extensions })) } : {}),
      data: result.data ?? null,
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: this.bucket.status() } },
    }, extra);
  }
}
