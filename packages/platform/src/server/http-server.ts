// One small HTTP server for every service: /graphql through Apollo, /healthz, /readyz, extra routes.
// Work (/graphql and the extra routes) passes admission control first (admission.ts): over the
// service's limits it is refused at once with 503, Retry-After and a typed UNAVAILABLE error. Health
// and readiness never wait behind work, and concurrent readiness probes share one light check, so
// both stay quick under load and readiness turns ready again within seconds once the load stops.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { createLogger } from '../logger';
import { OmsError } from '../errors';
import { isInternal } from '../auth/identity';
import { IDENTITY_HEADER, verifySignedIdentity } from '../auth/signature';
import { AdmissionController, admissionLimitsFromEnv, PRIORITY_HEADER, SUBGRAPH_ADMISSION_DEFAULTS, type AdmissionClass, type AdmissionStats } from './admission';
import { pickPort } from './ports';

// The platform's index exports this module; admission control is part of it.
export * from './admission';

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface ReadinessReport {
  ready: boolean;
  /** What anyone may read besides `ready` (which parts are ready); never versions, addresses or error texts. */
  summary?: Record<string, unknown>;
  /** Everything else (database engine and version, errors) goes only to signed hub services and the back office. */
  [detail: string]: unknown;
}

export interface HttpService {
  name: string;
  /** The service's admission control (null when turned off). */
  admission: AdmissionController | null;
  port: number;
  /** Base URL, e.g. http://127.0.0.1:4001 */
  origin: string;
  /** GraphQL endpoint URL. */
  url: string;
  server: http.Server;
  stop(): Promise<void>;
}

export interface ServeOptions<TContext extends BaseContext> {
  name: string;
  apollo: ApolloServer<TContext>;
  context: (req: IncomingMessage) => Promise<TContext>;
  port: number;
  host?: string;
  readiness: () => Promise<ReadinessReport>;
  /** Exact paths, or prefixes ending in `/*` (e.g. `/webhooks/*`). */
  routes?: Record<string, Route>;
  /** Answers a /graphql request itself when it returns true (e.g. a browser asking for the IDE). */
  interceptGraphql?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Runs after the Apollo server stops (close database connections...). */
  onStop?: () => Promise<void>;
  /** Admission control of /graphql and the extra routes; default: the subgraph limits (OMS_SUBGRAPH_*), classes from PRIORITY_HEADER; false: none. */
  admission?: AdmissionOptions | false;
}

export interface AdmissionOptions {
  /** The controller (its limits); the gateway shares its own with graphql-ws operations. */
  controller: AdmissionController;
  /** Which class a request belongs to (default: `internal` when a signed hub service asks for it in PRIORITY_HEADER). */
  classify?: (req: IncomingMessage) => AdmissionClass;
  /** Paths served without admission (static assets...). */
  exempt?: (pathname: string) => boolean;
}

/** `internal` for a signed call that says so; the signature itself is checked when the request runs. */
export function priorityOf(req: IncomingMessage): AdmissionClass {
  return req.headers[PRIORITY_HEADER] === 'internal' && typeof req.headers[IDENTITY_HEADER] === 'string' ? 'internal' : 'client';
}

/**
 * /readyz is public (load balancers, probes): they learn ready or not, and the report's summary. The
 * details name the database engine, its version and error texts that may carry addresses, so only a
 * caller signed for this service as a hub service or the back office (x-oms-identity) reads them.
 */
async function readinessAnswer(req: IncomingMessage, service: string, report: ReadinessReport): Promise<Record<string, unknown>> {
  const header = req.headers[IDENTITY_HEADER];
  const identity = typeof header === 'string' ? await verifySignedIdentity(header, service) : null;
  const { summary, ...details } = report;
  return identity && isInternal(identity) ? details : { ready: report.ready, ...summary };
}

/** How long a readiness check may take before it counts as not ready. */
const READINESS_TIMEOUT_MS = 3_000;

/**
 * Readiness that stays cheap under load: probes arriving while a check runs share it (however many
 * there are, one check at a time), and a check slower than a few seconds answers not ready (a
 * database stuck behind a backlog is not ready either) while it finishes for the next probe.
 */
function sharedReadiness(check: () => Promise<ReadinessReport>): () => Promise<ReadinessReport> {
  let running: Promise<ReadinessReport> | null = null;
  return async () => {
    running ??= check()
      .catch((error: Error): ReadinessReport => ({ ready: false, error: error.message }))
      .finally(() => {
        running = null;
      });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<ReadinessReport>((resolve) => {
      timer = setTimeout(() => resolve({ ready: false, error: `readiness check took longer than ${READINESS_TIMEOUT_MS} ms` }), READINESS_TIMEOUT_MS);
    });
    try {
      return await Promise.race([running, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** A refusal as a GraphQL response: 503, Retry-After, and the error in the usual shape. */
export function sendRefusal(res: ServerResponse, error: OmsError): void {
  const { http: httpDetails, ...extensions } = error.extensions as Record<string, unknown> & { http?: { status?: number; headers?: Map<string, string> } };
  for (const [key, value] of httpDetails?.headers ?? []) res.setHeader(key, value);
  sendJson(res, httpDetails?.status ?? 503, { errors: [{ message: error.message, extensions }] });
}

export interface ReadBodyOptions {
  /** Largest body accepted (default 2 MiB); beyond it the request is destroyed and the read fails with status 413. */
  maxBytes?: number;
  /** What the body is, for the 413 message (default `Request body`). */
  label?: string;
}

/** A request's body as bytes (as sent: signatures are computed over these). */
export function readBodyBytes(req: IncomingMessage, options: ReadBodyOptions = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(Object.assign(new Error(`${options.label ?? 'Request body'} too large`), { status: 413 }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A request's body as UTF-8 text. */
export async function readBody(req: IncomingMessage, options: ReadBodyOptions = {}): Promise<string> {
  return (await readBodyBytes(req, options)).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handleGraphql<TContext extends BaseContext>(options: ServeOptions<TContext>, req: IncomingMessage, res: ServerResponse, url: URL) {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  if (req.method === 'POST') {
    const raw = await readBody(req);
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
  }
  const response = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: () => options.context(req),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function prefixRoute(routes: Record<string, Route> | undefined, pathname: string): Route | undefined {
  if (!routes) return undefined;
  const key = Object.keys(routes).find((candidate) => candidate.endsWith('/*') && pathname.startsWith(candidate.slice(0, -1)));
  return key ? routes[key] : undefined;
}

export async function serveHttp<TContext extends BaseContext>(options: ServeOptions<TContext>): Promise<HttpService> {
  const log = createLogger(options.name);
  const host = options.host ?? '127.0.0.1';
  await options.apollo.start();
  const admissionOptions: AdmissionOptions | null =
    options.admission === false ? null : (options.admission ?? { controller: new AdmissionController(options.name, admissionLimitsFromEnv('OMS_SUBGRAPH', SUBGRAPH_ADMISSION_DEFAULTS)) });
  const admission = admissionOptions?.controller ?? null;
  const classify = admissionOptions?.classify ?? priorityOf;
  const readiness = sharedReadiness(options.readiness);
  const load = (): AdmissionStats | undefined => admission?.stats();

  /** Waits for a slot (null: refused, and the refusal has been sent). */
  const admit = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<(() => void) | null> => {
    if (!admission || admissionOptions?.exempt?.(pathname)) return () => undefined;
    const abandoned = new AbortController();
    const onClose = () => abandoned.abort();
    res.once('close', onClose);
    try {
      return await admission.acquire(classify(req), abandoned.signal);
    } catch (error) {
      if (!(error instanceof OmsError)) throw error;
      if (!res.destroyed) sendRefusal(res, error);
      return null;
    } finally {
      res.off('close', onClose);
    }
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = options.routes?.[url.pathname] ?? prefixRoute(options.routes, url.pathname);
    const work = (async () => {
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok', service: options.name });
      if (url.pathname === '/readyz') {
        const report = await readiness();
        return sendJson(res, report.ready ? 200 : 503, { service: options.name, ...(await readinessAnswer(req, options.name, report)), ...(admission ? { load: load() } : {}) });
      }
      if (!route && url.pathname !== '/graphql') return sendJson(res, 404, { error: `No route for ${url.pathname}` });
      if (!route && options.interceptGraphql?.(req, res)) return;
      const release = await admit(req, res, url.pathname);
      if (!release) return;
      try {
        if (route) return await route(req, res);
        return await handleGraphql(options, req, res, url);
      } finally {
        release();
      }
    })();
    work.catch((error: Error & { status?: number }) => {
      log.error({ err: error, path: url.pathname }, 'request failed');
      if (!res.headersSent) sendJson(res, error.status ?? 500, { errors: [{ message: error.status ? error.message : 'Internal server error' }] });
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  const port = await pickPort(options.port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const origin = `http://${host}:${port}`;
  let stopping: Promise<void> | undefined;
  return {
    name: options.name,
    admission,
    port,
    origin,
    url: `${origin}/graphql`,
    server,
    stop: () =>
      (stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await options.apollo.stop();
        await options.onStop?.();
      })()),
  };
}
