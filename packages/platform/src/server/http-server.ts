// One small HTTP server for every service: /graphql through Apollo, /healthz, /readyz, extra routes.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { createLogger } from '../logger';
import { pickPort } from './ports';

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface ReadinessReport {
  ready: boolean;
  [detail: string]: unknown;
}

export interface HttpService {
  name: string;
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
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = options.routes?.[url.pathname] ?? prefixRoute(options.routes, url.pathname);
    const work = (async () => {
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok', service: options.name });
      if (url.pathname === '/readyz') {
        const report = await options.readiness().catch((error: Error) => ({ ready: false, error: error.message }));
        return sendJson(res, report.ready ? 200 : 503, { service: options.name, ...report });
      }
      if (route) return route(req, res);
      if (url.pathname === '/graphql') {
        if (options.interceptGraphql?.(req, res)) return;
        return handleGraphql(options, req, res, url);
      }
      sendJson(res, 404, { error: `No route for ${url.pathname}` });
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
