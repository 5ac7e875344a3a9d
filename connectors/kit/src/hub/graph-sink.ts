// HubSink over the hub's public GraphQL gateway: a batch of channel orders costs one `importOrders`
// request per 250 orders (the hub finds those it already has, places the rest and answers per order),
// when the channel now lets held orders ship, one aliased `markOrderPayable` request, and when the
// channel cancelled some, one aliased `cancelOrder` request — a constant number of HTTP requests per
// batch, whatever its size.
//
// Dead letters are kept in memory here (`deadLetters()`); the connector runtime persists its own.
import type { CanonicalOrder } from '../canonical';
import { ConnectorError } from '../errors';
import { kitLogger, type KitLogger } from '../logger';
import type { DeadLetterEntry, HubSink, UpsertOutcome } from '../sync/hub-sink';
import { checkHubOrderInput, placeOrderInput } from './order-input';
import { createHubGraphqlClient, describeHubError, fatalHubError, isRecordError, type HubGraphqlClient, type HubGraphqlError, type HubHeaders } from './hub-graphql';

export { placeOrderInput } from './order-input';

export interface GraphHubSinkOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /**
   * Credentials for the gateway: `{ authorization: 'Bearer <key>' }`, or a provider called before each
   * request (e.g. `() => internalHeaders(serviceIdentity('connector-runtime'))`, whose tokens expire).
   */
  headers?: HubHeaders;
  /** Orders per importOrders request; the hub takes at most 250 (the default). */
  batchSize?: number;
  /** importOrders requests in flight when one upsertOrders call carries more than batchSize orders. Default 2. */
  parallelism?: number;
  log?: KitLogger;
}

interface HubOrderRef {
  id: string;
  status: string;
  awaitingPayment: boolean;
}

interface HubImportResult {
  index: number;
  outcome: 'CREATED' | 'EXISTING' | 'FAILED';
  order: HubOrderRef | null;
  error: { code: string; field: string | null; message: string; retryAfterSeconds: number | null } | null;
}

type Placed = { ref: HubOrderRef; created: boolean } | { reason: string };

export interface StoredDeadLetter extends DeadLetterEntry {
  channel: string;
}

/** What importOrders accepts per call (see the hub's SDL). */
export const HUB_IMPORT_MAX = 250;
const ORDER_REF = 'id status awaitingPayment';
const IMPORT_ORDERS = `mutation HubSinkImport($input: [PlaceOrderInput!]!) {
  importOrders(input: $input) { results { index outcome order { ${ORDER_REF} } error { code field message retryAfterSeconds } } } }`;
/** Per-order refusals that mean "not now": those orders are sent again after the hub's hint. */
const BUSY_CODES = new Set(['UNAVAILABLE', 'RATE_LIMITED']);
const MAX_BUSY_ROUNDS = 3;
const MAX_BUSY_WAIT_MS = 10_000;

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function forEachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

/**
 * Positions named by variable-coercion errors (`Variable "$input" got invalid value 0.5 at
 * "input[3].lines[0].quantity"`): GraphQL refuses the whole request before anything runs.
 */
function coercionFailures(errors: HubGraphqlError[], size: number): Map<number, HubGraphqlError> {
  const failures = new Map<number, HubGraphqlError>();
  for (const error of errors) {
    const match = /at "input\[(\d+)\]/.exec(error.message);
    const index = match ? Number(match[1]) : -1;
    if (index >= 0 && index < size && !failures.has(index)) failures.set(index, error);
  }
  return failures;
}

/** A dead letter names the order's own field (`input.lines[0].sku`), not its position in a batch long gone. */
function unbatched(text: string): string {
  return text.replace(/\binput\[\d+\]/g, 'input');
}

/** Errors by the alias they belong to (`m3` → ...); errors without a path belong to the whole request. */
function errorsByAlias(errors: HubGraphqlError[] = []): { byAlias: Map<string, HubGraphqlError>; general: HubGraphqlError[] } {
  const byAlias = new Map<string, HubGraphqlError>();
  const general: HubGraphqlError[] = [];
  for (const error of errors) {
    const alias = error.path?.[0];
    if (typeof alias === 'string' && !byAlias.has(alias)) byAlias.set(alias, error);
    else if (typeof alias !== 'string') general.push(error);
  }
  return { byAlias, general };
}

export class GraphHubSink implements HubSink {
  private readonly client: HubGraphqlClient;
  private readonly batchSize: number;
  private readonly parallelism: number;
  private readonly log: KitLogger;
  private readonly stored: StoredDeadLetter[] = [];

  constructor(options: GraphHubSinkOptions) {
    this.log = options.log ?? kitLogger('graph-hub-sink');
    this.client = createHubGraphqlClient({ url: options.url, headers: options.headers, log: this.log });
    this.batchSize = Math.max(1, Math.min(options.batchSize ?? HUB_IMPORT_MAX, HUB_IMPORT_MAX));
    this.parallelism = options.parallelism ?? 2;
  }

  async upsertOrders(channel: string, orders: CanonicalOrder[]): Promise<UpsertOutcome[]> {
    if (!orders.length) return [];
    const imported = new Map<string, Placed>();
    await forEachBounded(chunk(orders, this.batchSize), this.parallelism, async (part) => {
      for (const [channelOrderId, result] of await this.import(channel, part)) imported.set(channelOrderId, result);
    });

    const outcomes = new Map<string, UpsertOutcome>();
    const toCancel: Array<{ channelOrderId: string; hubOrderId: string }> = [];
    const toRelease: Array<{ channelOrderId: string; hubOrderId: string }> = [];
    for (const order of orders) {
      const result = imported.get(order.channelOrderId)!;
      if ('reason' in result) {
        outcomes.set(order.channelOrderId, { channelOrderId: order.channelOrderId, outcome: 'FAILED', reason: result.reason });
        continue;
      }
      outcomes.set(order.channelOrderId, { channelOrderId: order.channelOrderId, outcome: result.created ? 'CREATED' : 'UNCHANGED', hubOrderId: result.ref.id });
      if (order.state === 'CANCELLED' && result.ref.status !== 'CANCELLED') toCancel.push({ channelOrderId: order.channelOrderId, hubOrderId: result.ref.id });
      if (order.state === 'OPEN' && result.ref.awaitingPayment) toRelease.push({ channelOrderId: order.channelOrderId, hubOrderId: result.ref.id });
    }

    const released = await this.markPayable(toRelease);
    for (const [channelOrderId, result] of released) {
      const outcome = outcomes.get(channelOrderId)!;
      outcomes.set(channelOrderId, 'reason' in result ? { ...outcome, outcome: 'FAILED', reason: result.reason } : { ...outcome, outcome: 'RELEASED' });
    }

    const cancelled = await this.cancel(channel, toCancel);
    for (const [channelOrderId, result] of cancelled) {
      const outcome = outcomes.get(channelOrderId)!;
      outcomes.set(channelOrderId, 'reason' in result ? { ...outcome, outcome: 'FAILED', reason: result.reason } : { ...outcome, outcome: 'CANCELLED' });
    }
    return orders.map((order) => outcomes.get(order.channelOrderId)!);
  }

  async deadLetter(channel: string, entries: DeadLetterEntry[]): Promise<void> {
    for (const entry of entries) {
      this.log.warn({ channel, channelId: entry.channelId, stage: entry.stage, reason: entry.reason }, 'order dead-lettered');
      this.stored.push({ ...entry, channel });
    }
  }

  /** Everything dead-lettered through this sink, oldest first. */
  deadLetters(): ReadonlyArray<StoredDeadLetter> {
    return this.stored;
  }

  /**
   * One importOrders request for these orders (at most batchSize): the hub answers per order. A value
   * that does not coerce refuses the whole request: that order is failed and the rest sent again.
   * Orders the hub was too busy for (UNAVAILABLE with a retry hint) are sent again after the hint, a
   * few times; other errors no record can fix (credentials, an outage) throw: the batch is retried whole.
   */
  private async import(channel: string, orders: CanonicalOrder[]): Promise<Map<string, Placed>> {
    const results = new Map<string, Placed>();
    let pending: CanonicalOrder[] = [];
    for (const order of orders) {
      const refusal = checkHubOrderInput(placeOrderInput(channel, order));
      if (refusal) results.set(order.channelOrderId, { reason: refusal });
      else pending.push(order);
    }
    let busyRounds = 0;
    while (pending.length) {
      const response = await this.client.post<{ importOrders: { results: HubImportResult[] } }>(IMPORT_ORDERS, { input: pending.map((order) => placeOrderInput(channel, order)) });
      const answered = response.data?.importOrders?.results;
      if (answered && !response.errors?.length) {
        const busy: Array<{ order: CanonicalOrder; error: HubGraphqlError }> = [];
        for (const result of answered) {
          const order = pending[result.index];
          if (result.outcome !== 'FAILED' && result.order) {
            results.set(order.channelOrderId, { ref: result.order, created: result.outcome === 'CREATED' });
            continue;
          }
          const error: HubGraphqlError = {
            message: result.error?.message ?? 'the hub refused the order',
            extensions: { code: result.error?.code, ...(result.error?.field ? { field: result.error.field } : {}), ...(result.error?.retryAfterSeconds ? { retryAfterSeconds: result.error.retryAfterSeconds } : {}) },
          };
          if (BUSY_CODES.has(error.extensions?.code ?? '')) busy.push({ order, error });
          else if (!isRecordError(error)) throw fatalHubError([error])!;
          else results.set(order.channelOrderId, { reason: unbatched(describeHubError(error)) });
        }
        if (!busy.length) return results;
        const waitMs = Math.min(MAX_BUSY_WAIT_MS, Math.max(500, ...busy.map(({ error }) => Number(error.extensions?.retryAfterSeconds ?? 0) * 1000)));
        if (++busyRounds > MAX_BUSY_ROUNDS) {
          throw new ConnectorError('TRANSIENT', `The OMS hub stayed too busy for ${busy.length} order(s): ${describeHubError(busy[0].error)}`, { retryAfterMs: waitMs, body: busy.map(({ error }) => error) });
        }
        this.log.info({ channel, orders: busy.length, retryInMs: waitMs }, 'the hub was busy for some orders; sending them again');
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        pending = busy.map(({ order }) => order);
        continue;
      }
      const errors = response.errors?.length ? response.errors : [{ message: 'the hub answered without data' }];
      const fatal = fatalHubError(errors);
      if (fatal) throw fatal;
      const refused = coercionFailures(errors, pending.length);
      if (!refused.size) {
        // A refusal that names no order (it should not happen): each order alone finds the one at fault.
        if (pending.length === 1) {
          results.set(pending[0].channelOrderId, { reason: unbatched(describeHubError(errors[0])) });
          return results;
        }
        for (const order of pending) for (const [id, result] of await this.import(channel, [order])) results.set(id, result);
        return results;
      }
      for (const [index, error] of refused) results.set(pending[index].channelOrderId, { reason: unbatched(describeHubError(error)) });
      pending = pending.filter((_, index) => !refused.has(index));
    }
    return results;
  }

  /** The channel authorised payment of these held orders: one aliased markOrderPayable request (idempotent). */
  private markPayable(targets: Array<{ channelOrderId: string; hubOrderId: string }>) {
    return this.perOrderMutation('HubSinkPayable', targets, (v) => `markOrderPayable(id: ${v}) { ${ORDER_REF} }`);
  }

  private cancel(channel: string, targets: Array<{ channelOrderId: string; hubOrderId: string }>) {
    const reason = `Cancelled on ${channel}`;
    return this.perOrderMutation('HubSinkCancel', targets, (v) => `cancelOrder(id: ${v}, reason: ${JSON.stringify(reason)}) { ${ORDER_REF} }`);
  }

  /** One aliased request for every target; the one that fails is found by replaying them one by one. */
  private async perOrderMutation(
    name: string,
    targets: Array<{ channelOrderId: string; hubOrderId: string }>,
    field: (variable: string) => string,
  ): Promise<Map<string, { ref: HubOrderRef } | { reason: string }>> {
    const results = new Map<string, { ref: HubOrderRef } | { reason: string }>();
    if (!targets.length) return results;
    const ids = targets.map((target) => target.hubOrderId);
    const outcome = await this.aliasedMutation(name, 'ID!', ids, field);
    if (outcome.ok) {
      targets.forEach((target, index) => results.set(target.channelOrderId, { ref: outcome.data[index] }));
      return results;
    }
    // GraphQL stops a mutation request at the first failing non-null field: replay one by one.
    for (const target of targets) {
      const single = await this.aliasedMutation(`${name}One`, 'ID!', [target.hubOrderId], field);
      results.set(target.channelOrderId, single.ok ? { ref: single.data[0] } : { reason: single.reason });
    }
    return results;
  }

  /** `mutation($m0: T, $m1: T) { m0: field($m0) m1: field($m1) }`; throws on errors no record can fix. */
  private async aliasedMutation(name: string, type: string, values: unknown[], field: (variable: string) => string): Promise<{ ok: true; data: HubOrderRef[] } | { ok: false; reason: string }> {
    const variables: Record<string, unknown> = {};
    values.forEach((value, index) => (variables[`m${index}`] = value));
    const definitions = values.map((_, index) => `$m${index}: ${type}`).join(', ');
    const selections = values.map((_, index) => `m${index}: ${field(`$m${index}`)}`).join(' ');
    const response = await this.client.post<Record<string, HubOrderRef>>(`mutation ${name}(${definitions}) { ${selections} }`, variables);
    if (!response.errors?.length && response.data) return { ok: true, data: values.map((_, index) => response.data![`m${index}`]) };
    const errors = response.errors ?? [{ message: 'the hub answered without data' }];
    const fatal = fatalHubError(errors);
    if (fatal) throw fatal;
    const { byAlias, general } = errorsByAlias(errors);
    const first = general.find(isRecordError) ?? byAlias.values().next().value ?? errors[0];
    return { ok: false, reason: describeHubError(first) };
  }
}
