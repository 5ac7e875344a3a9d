// The gateway's /graphql: who is calling is settled from the headers before the body is read, so an
// anonymous or falsely credentialed request costs no parsing. Anonymous callers may send only a small
// body naming `__schema` or `__type` (the IDE's schema introspection, outside production); authenticated
// bodies are capped too, and graphql-js stops at a token limit (parseOptions.maxTokens in server.ts).
// Refusals go through Apollo with a failing context, so they keep the usual error shape and status.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { actorName, OmsError, sendJson, unauthenticated, type Route } from '@oms/platform';
import type { AuthenticatedIdentity, Authenticate } from './auth/authenticate';
import type { FailedAuthLimiter } from './auth/failed-auth';
import type { RequestLimits } from './auth/limits';
import { idePage, wantsHtml } from './ide';
import type { GatewayContext } from './server';

export interface GraphqlRouteOptions {
  apollo: ApolloServer<GatewayContext>;
  authenticate: Authenticate;
  failedAuth: FailedAuthLimiter;
  limits: RequestLimits;
  production: boolean;
}

/** The caller's address: the socket's peer (a forwarded-for header is the client's to choose). */
export const clientAddress = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';

/** Reads at most maxBytes; a larger body is drained without being kept, so the client still reads the answer. */
function readCappedBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBytes ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Whether a document could be schema introspection (the operation guard checks it for real once parsed). */
function mayIntrospect(req: IncomingMessage, body: unknown): boolean {
  const query = req.method === 'POST' ? (body as { query?: unknown } | null)?.query : new URL(req.url ?? '/', 'http://localhost').searchParams.get('query');
  return typeof query === 'string' && /__schema|__type\b/.test(query);
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function withStatus(error: OmsError, status: number): OmsError {
  return new OmsError(error.code, error.message, { ...error.extensions, http: { status, ...(error.extensions.http as object | undefined) } });
}

export function graphqlRoute(options: GraphqlRouteOptions): Route {
  const { apollo, limits } = options;

  const answer = async (req: IncomingMessage, res: ServerResponse, body: unknown, context: () => Promise<GatewayContext>) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: req.method ?? 'GET', headers: headerMap(req), search: url.search, body }, context });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') return void res.end(response.body.string);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
  // The body is left unread: Node discards it once the answer is sent.
  const refuse = (req: IncomingMessage, res: ServerResponse, error: OmsError) =>
    answer(req, res, {}, () => {
      throw error;
    });

  const identify = async (req: IncomingMessage): Promise<AuthenticatedIdentity | null | OmsError> => {
    const address = clientAddress(req);
    const blocked = await options.failedAuth.refusal(address);
    if (blocked) return blocked;
    try {
      return await options.authenticate(req.headers);
    } catch (error) {
      if (!(error instanceof OmsError)) throw error;
      if (error.code !== 'UNAUTHENTICATED') return withStatus(error, 503);
      await options.failedAuth.recordFailure(address);
      return withStatus(error, 401);
    }
  };

  return async (req, res) => {
    if (wantsHtml(req)) return idePage(res);
    const identity = await identify(req);
    if (identity instanceof OmsError) return refuse(req, res, identity);
    const anonymousRefusal = new OmsError('UNAUTHENTICATED', unauthenticated().message, { http: { status: 401 } });
    if (!identity && options.production) return refuse(req, res, anonymousRefusal);
    let body: unknown;
    if (req.method === 'POST') {
      const maxBytes = identity ? limits.maxBodyBytes : limits.maxAnonymousBodyBytes;
      const raw = await readCappedBody(req, maxBytes);
      if (raw === null) {
        if (!identity) return refuse(req, res, anonymousRefusal);
        return refuse(
          req,
          res,
          new OmsError('BAD_USER_INPUT', `Request body is larger than the limit of ${maxBytes} bytes (OMS_MAX_REQUEST_BYTES): send a smaller document, or its data in several requests`, {
            maxBytes,
            http: { status: 413 },
          }),
        );
      }
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        return sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      }
    }
    // Anonymous callers get only schema introspection: anything else is refused without parsing it.
    if (!identity && !mayIntrospect(req, body)) return refuse(req, res, anonymousRefusal);
    return answer(req, res, body, async () => ({ identity, actor: identity ? actorName(identity) : 'anonymous' }));
  };
}
