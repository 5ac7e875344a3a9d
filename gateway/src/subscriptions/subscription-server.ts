// graphql-ws on the gateway's own HTTP server and path (/graphql): authentication at connection_init,
// subscriptions taken over before they reach the Apollo gateway's executor (which cannot run them),
// queries and mutations sent over the socket handed to Apollo like any request (through the gateway's
// admission control, like HTTP), heartbeats, and a graceful shutdown that completes every
// subscription and closes every socket with 1001. Caps per key (caps.ts) and for the whole gateway
// are checked before any work, so an abusive client is refused for the price of a counter.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { actorName, AdmissionController, createEventBus, createLogger, GATEWAY_AUDIENCE, IDENTITY_HEADER, OmsError, verifySignedIdentity, type EventBus } from '@oms/platform';
import type { Authenticate, AuthenticatedIdentity } from '../auth/authenticate';
import type { KeyRateLimiter } from '../auth/rate-limit';
import type { GatewayContext } from '../server';
import type { SubgraphName } from '../supergraph';
import { RevokedKeys } from '../auth/revoked-keys';
import { SubscriptionBudget } from './budget';
import { SubscriptionCaps } from './caps';
import { EventResolver } from './event-resolver';
import { SubscriptionFeed, type FeedDeps } from './feed';
import { EventLogReader, ReplayReader, type LogName } from './log-events';
import { subscriptionOptions, type SubscriptionOptions } from './options';
import { SubscribePreparer, type Prepared, type PreparedOperation } from './prepare';
import type { FailedAuthLimiter } from '../auth/failed-auth';
import { refuseReplayWindow } from './replay-window';
import { OrderScopes } from './scope';
import { CLOSE_GOING_AWAY, CLOSE_TOO_MANY, CLOSE_UNAUTHORIZED, Session } from './session';
import { LogTailer } from './tailer';

const log = createLogger('gateway.subscriptions');

export interface SubscriptionServerDeps {
  gateway: ApolloGateway;
  apollo: ApolloServer<GatewayContext>;
  authenticate: Authenticate;
  rateLimiter: KeyRateLimiter;
  subgraphUrls: Record<SubgraphName, string>;
  /** Where subgraphs announce stored events; else Redis from redisUrl; else the logs are polled. */
  eventBus?: EventBus;
  redisUrl?: string;
  redisPrefix?: string;
  maxDepth: number;
  maxCost: number;
  /** Tokens graphql-js reads before it gives up on a subscription document. */
  maxTokens?: number;
  /** Items a list of objects without `first` is assumed to hold, for the subscription's cost. */
  assumedListSize?: number;
  /** Failed authentications per client address: an address over its budget is refused before its credentials are checked. */
  failedAuth?: FailedAuthLimiter;
  /** The gateway's admission control: queries and mutations sent over a socket take a slot like HTTP ones. */
  admission?: AdmissionController;
  options?: Partial<SubscriptionOptions>;
}

export interface SubscriptionServer {
  /** Serves graphql-ws on `server`'s /graphql upgrades. */
  attach(server: Server): void;
  /** Completes every subscription, closes every socket (1001), stops tailing. */
  close(): Promise<void>;
  /** Open connections, subscriptions (how many receive live events, how many wait for their key's budget), delivery-time fetches made. */
  stats(): { connections: number; subscriptions: number; live: number; throttled: number; fetches: number };
}

type ConnectionParams = Record<string, unknown>;
interface OperationContext {
  prepared: Prepared;
  session: Session;
}

/** graphql-ws limits close reasons to 123 bytes. */
function closeReason(reason: string): string {
  return Buffer.byteLength(reason) <= 123 ? reason : `${Buffer.from(reason).subarray(0, 120).toString('utf8')}...`;
}

/** The credentials of a connection: connection_init's payload when it carries any, else the upgrade request's headers. */
export function credentialsOf(request: IncomingMessage, params: ConnectionParams | undefined): Record<string, string> {
  const fromParams: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if (typeof value !== 'string') continue;
    const name = key.toLowerCase();
    if (name === 'authorization') fromParams.authorization = value;
    else if (name === 'apikey' || name === 'x-api-key') fromParams['x-api-key'] = value;
  }
  if (Object.keys(fromParams).length) return fromParams;
  const headers: Record<string, string> = {};
  for (const name of ['authorization', 'x-api-key', IDENTITY_HEADER]) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

function asGraphQLErrors(errors: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>): GraphQLError[] {
  return errors.map((error) => new GraphQLError(error.message, { path: error.path, extensions: error.extensions }));
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** A refusal as a graphql-ws error: the HTTP details (status, headers) mean nothing on a socket. */
function overSocket(error: OmsError): OmsError {
  const { http: _http, code: _code, ...details } = error.extensions;
  return new OmsError(error.code, error.message, details);
}

/** How long a client refused at the upgrade (gateway full) should wait. */
const FULL_RETRY_SECONDS = 5;

export function createSubscriptionServer(deps: SubscriptionServerDeps): SubscriptionServer {
  const options = subscriptionOptions(deps.options);
  const ownBus = !deps.eventBus && deps.redisUrl ? createEventBus({ redisUrl: deps.redisUrl, prefix: deps.redisPrefix }) : undefined;
  const bus = deps.eventBus ?? ownBus;
  const reader = new EventLogReader(() => deps.subgraphUrls);
  const tailer = (name: LogName) => new LogTailer(name, reader, bus, options.pollIntervalMs);
  const tailers: Record<LogName, LogTailer> = { orders: tailer('orders'), inventory: tailer('inventory'), fulfillment: tailer('fulfillment') };
  const scopes = new OrderScopes(() => deps.subgraphUrls.orders);
  // Bounds on the work subscriptions make, whoever subscribes: replay pages and delivery-time fetches.
  const unbounded = { internalReserve: 0, maxQueued: Number.POSITIVE_INFINITY, maxQueueWaitMs: 0 };
  const replays = new ReplayReader(() => deps.subgraphUrls, new AdmissionController('gateway replays', { maxConcurrent: options.replayConcurrency, ...unbounded }));
  const resolver = new EventResolver(deps.apollo, new AdmissionController('gateway event fetches', { maxConcurrent: options.fetchConcurrency, ...unbounded }));
  const budget = new SubscriptionBudget(deps.rateLimiter);
  const feedDeps: FeedDeps = { tailers, reader: replays, resolver, scopes, budget, replayPageSize: options.replayPageSize };
  const caps = new SubscriptionCaps(options);
  const preparer = new SubscribePreparer({ schema: () => deps.gateway.schema, scopes, maxDepth: deps.maxDepth, maxCost: deps.maxCost, maxTokens: deps.maxTokens, assumedListSize: deps.assumedListSize });
  const sessions = new Set<Session>();
  const revokedKeys = new RevokedKeys(() => deps.subgraphUrls.access);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  let closing: Promise<void> | null = null;
  let detach: (() => void) | null = null;

  const runOperation = async (prepared: PreparedOperation, identity: AuthenticatedIdentity): Promise<ExecutionResult> => {
    let release: (() => void) | undefined;
    try {
      release = await deps.admission?.acquire('client');
    } catch (error) {
      if (error instanceof OmsError) return { errors: [overSocket(error)] };
      throw error;
    }
    let response;
    try {
      response = await deps.apollo.executeOperation(
        { query: prepared.query, variables: prepared.variables, operationName: prepared.operationName ?? undefined },
        // Its budget was spent when the message arrived (onSubscribe).
        { contextValue: { identity, actor: actorName(identity), prepaid: true } },
      );
    } finally {
      release?.();
    }
    if (response.body.kind !== 'single') return { errors: [new OmsError('BAD_USER_INPUT', 'Incremental delivery (@defer, @stream) is not supported over WebSocket')] };
    const { data, errors, extensions } = response.body.singleResult;
    return { data: data as ExecutionResult['data'], ...(errors ? { errors: asGraphQLErrors(errors) } : {}), ...(extensions ? { extensions } : {}) };
  };

  const server = useServer<ConnectionParams, { session: Session }>(
    {
      onConnect: async (ctx) => {
        const socket = ctx.extra.socket;
        if (closing) {
          socket.close(CLOSE_GOING_AWAY, 'Server shutting down');
          return false;
        }
        const credentials = credentialsOf(ctx.extra.request, ctx.connectionParams);
        const address = ctx.extra.request.socket.remoteAddress ?? 'unknown';
        const blocked = await deps.failedAuth?.refusal(address);
        if (blocked) {
          socket.close(CLOSE_TOO_MANY, closeReason(`Too many requests: RATE_LIMITED: ${blocked.message}`));
          return false;
        }
        let identity: AuthenticatedIdentity | null;
        try {
          identity = await deps.authenticate(credentials);
        } catch (error) {
          if (error instanceof OmsError && error.code === 'UNAUTHENTICATED') {
            await deps.failedAuth?.recordFailure(address);
            socket.close(CLOSE_UNAUTHORIZED, closeReason(`Unauthorized: UNAUTHENTICATED: ${error.message}`));
          } else socket.close(1013, closeReason(`Try again later: credentials cannot be checked now (${(error as Error).message})`));
          return false;
        }
        if (!identity) {
          socket.close(CLOSE_UNAUTHORIZED, 'Unauthorized: UNAUTHENTICATED: send connection_init { authorization: "Bearer <API key or JWT>" }');
          return false;
        }
        // A signed header the authenticator ignored (forged, expired, for another service) is dropped,
        // so the connection is re-checked by the credential it really used.
        if (credentials[IDENTITY_HEADER] && !(await verifySignedIdentity(credentials[IDENTITY_HEADER], GATEWAY_AUDIENCE))) delete credentials[IDENTITY_HEADER];
        const session = new Session(identity, socket, options, credentials);
        if (!caps.opened(session)) {
          socket.close(CLOSE_TOO_MANY, closeReason(`Too many connections: key ${session.key} holds ${options.maxConnectionsPerKey}, the most it may on this gateway`));
          return false;
        }
        ctx.extra.session = session;
        sessions.add(session);
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const session = ctx.extra.session;
        if (!session) return [new OmsError('UNAUTHENTICATED', 'Not connected')];
        const overCap = caps.refuseSubscribe(session);
        if (overCap) return [overCap];
        let prepared: Prepared | readonly GraphQLError[];
        session.starting += 1;
        try {
          // The key's request budget is spent before the document is parsed: every message costs its
          // sender, a valid document or not, and one over the limit costs the gateway no parsing.
          await deps.rateLimiter.consume(session.identity);
          prepared = await preparer.prepare(session.identity, payload);
          const replay = Array.isArray(prepared) ? null : (prepared as Prepared);
          // Still counted as starting while the log's end is found (the tailer may be waiting for its subgraph).
          if (replay?.kind === 'subscription' && replay.afterSeq !== null) {
            const tailer = tailers[replay.subscription.topic.log];
            await tailer.ready();
            const tooOld = refuseReplayWindow(tailer.name, replay.afterSeq, tailer.position, options.maxReplayEvents);
            if (tooOld) return [tooOld];
          }
        } catch (error) {
          if (error instanceof OmsError) return [overSocket(error)];
          log.error({ err: error }, 'subscribe failed unexpectedly');
          return [new OmsError('INTERNAL_SERVER_ERROR', 'Internal server error')];
        } finally {
          session.starting -= 1;
        }
        if (Array.isArray(prepared)) return prepared;
        const ready = prepared as Prepared;
        if (ready.kind === 'subscription' && ready.afterSeq !== null) {
          const overReplays = caps.refuseReplay(session);
          if (overReplays) return [overReplays];
          // Counted as replaying from now on: graphql-ws creates the feed a little later.
          session.replaysStarting += 1;
        }
        session.operationStarted(id);
        const [schema, document] = ready.kind === 'subscription' ? [ready.subscription.schema, ready.subscription.document] : [ready.schema, ready.document];
        const contextValue: OperationContext = { prepared: ready, session };
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue } satisfies ExecutionArgs;
      },
      subscribe: (args) => {
        const { prepared, session } = args.contextValue as OperationContext;
        if (prepared.kind !== 'subscription') throw new Error('not a subscription');
        if (prepared.afterSeq !== null) session.replaysStarting = Math.max(0, session.replaysStarting - 1);
        return new SubscriptionFeed(feedDeps, prepared.subscription, session, session.identity, prepared.afterSeq);
      },
      execute: (args) => {
        const { prepared, session } = args.contextValue as OperationContext;
        if (prepared.kind !== 'operation') throw new Error('not a query or mutation');
        return runOperation(prepared, session.identity);
      },
      onComplete: (ctx, id) => ctx.extra.session?.operationEnded(id),
      onClose: (ctx) => {
        const session = ctx.extra.session;
        if (!session) return;
        session.closedBy();
        sessions.delete(session);
        caps.closed(session);
      },
    },
    wss,
    options.heartbeatMs,
  );

  // A revoked API key (or a JWT past its expiry) stops receiving. A connection opened with a signed
  // identity (a hub service acting for a key's owner) is checked by the key it acts for: revoked, it
  // ends too. A signed identity with no key behind it is a hub service's own; nothing revokes it.
  const recheckSigned = (signed: Session[]) => {
    const keyIds = signed.flatMap((session) => (session.identity.keyId ? [session.identity.keyId] : []));
    revokedKeys.among(keyIds).then(
      (revoked) => {
        for (const session of signed) {
          if (session.identity.keyId && revoked.has(session.identity.keyId)) session.close(CLOSE_UNAUTHORIZED, 'Unauthorized: UNAUTHENTICATED: the API key this identity acts for was revoked');
        }
      },
      (error: unknown) => log.warn({ err: error }, 'cannot check the keys behind signed identities now; checking again later'),
    );
  };
  const reauthenticate = setInterval(() => {
    const signed: Session[] = [];
    for (const session of sessions) {
      if (session.isClosed) continue;
      if (session.credentials[IDENTITY_HEADER]) {
        signed.push(session);
        continue;
      }
      deps.authenticate(session.credentials).then(
        (identity) => {
          if (!identity) session.close(CLOSE_UNAUTHORIZED, 'Unauthorized: UNAUTHENTICATED: credentials no longer valid');
        },
        (error: unknown) => {
          if (error instanceof OmsError && error.code === 'UNAUTHENTICATED') session.close(CLOSE_UNAUTHORIZED, closeReason(`Unauthorized: UNAUTHENTICATED: ${error.message}`));
        },
      );
    }
    recheckSigned(signed);
  }, options.reauthenticateMs);
  reauthenticate.unref();

  const shutdown = async () => {
    detach?.();
    clearInterval(reauthenticate);
    const open = [...sessions];
    await Promise.all(
      open.map(async (session) => {
        for (const feed of [...session.feeds]) feed.end();
        await Promise.race([session.idle(), delay(options.shutdownGraceMs)]);
        // graphql-ws writes each `complete` right after onComplete; let it, so they precede the close frame.
        await new Promise((resolve) => setImmediate(resolve));
        session.close(CLOSE_GOING_AWAY, 'Server shutting down');
      }),
    );
    const closed = open.map((session) => (session.socket.readyState === session.socket.CLOSED ? Promise.resolve() : new Promise<void>((resolve) => session.socket.once('close', () => resolve()))));
    await Promise.race([Promise.all(closed), delay(options.shutdownGraceMs)]);
    for (const client of wss.clients) client.terminate();
    await server.dispose();
    await Promise.all(Object.values(tailers).map((each) => each.stop()));
    await ownBus?.close();
  };

  return {
    attach(http: Server) {
      const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (path !== '/graphql' || closing) {
          // Another upgrade handler may own other paths.
          if (!closing && http.listenerCount('upgrade') > 1) return;
          socket.end(`HTTP/1.1 ${closing ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\n\r\n`);
          return;
        }
        // Full: refused before the WebSocket handshake, the cheapest answer there is.
        if (wss.clients.size >= options.maxConnections) {
          socket.end(`HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${FULL_RETRY_SECONDS}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      };
      http.on('upgrade', onUpgrade);
      detach = () => http.off('upgrade', onUpgrade);
    },
    close() {
      closing ??= shutdown();
      return closing;
    },
    stats() {
      let subscriptions = 0;
      let live = 0;
      for (const session of sessions) {
        subscriptions += session.feeds.size;
        for (const feed of session.feeds) if (feed.live) live += 1;
      }
      return { connections: sessions.size, subscriptions, live, throttled: budget.throttled, fetches: resolver.fetchCount };
    },
  };
}
