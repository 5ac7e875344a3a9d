// HubSink over the hub's public GraphQL gateway: a batch of channel orders costs one aliased lookup
// (`orderByChannel`), a few aliased `placeOrder` requests and, when the channel cancelled some, aliased
// `cancelOrder`s — a constant number of HTTP requests per batch, whatever its size.
//
// Dead letters are kept in memory here (`deadLetters()`); the connector runtime persists its own.
import type { CanonicalAddress, CanonicalOrder } from '../canonical';
import { kitLogger, type KitLogger } from '../logger';
import { compact } from '../mappers';
import type { DeadLetterEntry, HubSink, UpsertOutcome } from '../sync/hub-sink';
import { createHubGraphqlClient, describeHubError, fatalHubError, isRecordError, type HubGraphqlClient, type HubGraphqlError, type HubHeaders } from './hub-graphql';

export interface GraphHubSinkOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /**
   * Credentials for the gateway: `{ authorization: 'Bearer <key>' }`, or a provider called before each
   * request (e.g. `() => internalHeaders(serviceIdentity('connector-runtime'))`, whose tokens expire).
   */
  headers?: HubHeaders;
  /** placeOrder requests sent in parallel per batch (each carries batch/parallelism aliased orders). Default 4. */
  parallelism?: number;
  log?: KitLogger;
}

interface HubOrderRef {
  id: string;
  status: string;
}

export interface StoredDeadLetter extends DeadLetterEntry {
  channel: string;
}

const ORDER_REF = 'id status';

function addressInput(address: CanonicalAddress | undefined) {
  return address ? compact({ ...address }) : undefined;
}

/** The hub's PlaceOrderInput for a channel order; the idempotency key makes a replay return the first order. */
export function placeOrderInput(channel: string, order: CanonicalOrder) {
  return compact({
    idempotencyKey: `${channel}:${order.channelOrderId}`,
    channel,
    channelOrderId: order.channelOrderId,
    customer: compact({ ...order.customer }),
    currency: order.currency,
    lines: order.lines.map((line) => compact({ sku: line.sku, quantity: line.quantity, unitPrice: line.unitPrice, tax: line.tax, name: line.name })),
    shippingAddress: addressInput(order.shippingAddress),
    billingAddress: addressInput(order.billingAddress),
    shippingPrice: order.shippingPrice,
    discount: order.discount,
    placedAt: order.placedAt,
  });
}

function chunk<T>(items: T[], parts: number): T[][] {
  const size = Math.max(1, Math.ceil(items.length / Math.max(1, parts)));
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Errors by the alias they belong to (`p3` → ...); errors without a path belong to the whole request. */
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
  private readonly parallelism: number;
  private readonly log: KitLogger;
  private readonly stored: StoredDeadLetter[] = [];

  constructor(options: GraphHubSinkOptions) {
    this.log = options.log ?? kitLogger('graph-hub-sink');
    this.client = createHubGraphqlClient({ url: options.url, headers: options.headers, log: this.log });
    this.parallelism = options.parallelism ?? 4;
  }

  async upsertOrders(channel: string, orders: CanonicalOrder[]): Promise<UpsertOutcome[]> {
    if (!orders.length) return [];
    const existing = await this.lookup(channel, orders.map((order) => order.channelOrderId));
    const outcomes = new Map<string, UpsertOutcome>();
    const toCancel: Array<{ channelOrderId: string; hubOrderId: string }> = [];

    const missing = orders.filter((order) => !existing.has(order.channelOrderId));
    const placed = await this.place(channel, missing);
    for (const order of orders) {
      const found = existing.get(order.channelOrderId);
      const result = found ? { ref: found, created: false } : placed.get(order.channelOrderId)!;
      if ('reason' in result) {
        outcomes.set(order.channelOrderId, { channelOrderId: order.channelOrderId, outcome: 'FAILED', reason: result.reason });
        continue;
      }
      outcomes.set(order.channelOrderId, { channelOrderId: order.channelOrderId, outcome: result.created ? 'CREATED' : 'UNCHANGED', hubOrderId: result.ref.id });
      if (order.state === 'CANCELLED' && result.ref.status !== 'CANCELLED') toCancel.push({ channelOrderId: order.channelOrderId, hubOrderId: result.ref.id });
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

  /** One aliased query: which of these channel orders the hub already has. */
  private async lookup(channel: string, channelOrderIds: string[]): Promise<Map<string, HubOrderRef>> {
    const variables: Record<string, unknown> = { channel };
    const fields = channelOrderIds.map((id, index) => {
      variables[`i${index}`] = id;
      return `o${index}: orderByChannel(channel: $channel, channelOrderId: $i${index}) { ${ORDER_REF} }`;
    });
    const definitions = channelOrderIds.map((_, index) => `$i${index}: String!`).join(', ');
    const response = await this.client.post<Record<string, HubOrderRef | null>>(`query HubSinkLookup($channel: String!, ${definitions}) { ${fields.join(' ')} }`, variables);
    const fatal = response.errors?.length ? fatalHubError(response.errors) : undefined;
    if (fatal || !response.data) throw fatal ?? fatalHubError(response.errors ?? [{ message: 'no data' }])!;
    const found = new Map<string, HubOrderRef>();
    channelOrderIds.forEach((id, index) => {
      const ref = response.data![`o${index}`];
      if (ref) found.set(id, ref);
    });
    return found;
  }

  /**
   * Places the orders the hub lacks, in a few aliased mutations sent in parallel. GraphQL stops a
   * mutation request at the first failing non-null field, so a request with a refusal is replayed order
   * by order (placeOrder is idempotent: those already placed come back as they are).
   */
  private async place(channel: string, orders: CanonicalOrder[]): Promise<Map<string, { ref: HubOrderRef; created: boolean } | { reason: string }>> {
    const results = new Map<string, { ref: HubOrderRef; created: boolean } | { reason: string }>();
    await Promise.all(
      chunk(orders, this.parallelism).map(async (group) => {
        const inputs = group.map((order) => placeOrderInput(channel, order));
        const outcome = await this.aliasedMutation('HubSinkPlace', 'PlaceOrderInput!', inputs, (v) => `placeOrder(input: ${v}) { ${ORDER_REF} }`);
        if (outcome.ok) {
          group.forEach((order, index) => results.set(order.channelOrderId, { ref: outcome.data[index], created: true }));
          return;
        }
        for (const [index, order] of group.entries()) {
          const single = await this.aliasedMutation('HubSinkPlaceOne', 'PlaceOrderInput!', [inputs[index]], (v) => `placeOrder(input: ${v}) { ${ORDER_REF} }`);
          results.set(order.channelOrderId, single.ok ? { ref: single.data[0], created: true } : { reason: single.reason });
        }
      }),
    );
    return results;
  }

  private async cancel(channel: string, targets: Array<{ channelOrderId: string; hubOrderId: string }>): Promise<Map<string, { ref: HubOrderRef } | { reason: string }>> {
    const results = new Map<string, { ref: HubOrderRef } | { reason: string }>();
    if (!targets.length) return results;
    const reason = `Cancelled on ${channel}`;
    const field = (v: string) => `cancelOrder(id: ${v}, reason: ${JSON.stringify(reason)}) { ${ORDER_REF} }`;
    const ids = targets.map((target) => target.hubOrderId);
    const outcome = await this.aliasedMutation('HubSinkCancel', 'ID!', ids, field);
    if (outcome.ok) {
      targets.forEach((target, index) => results.set(target.channelOrderId, { ref: outcome.data[index] }));
      return results;
    }
    for (const target of targets) {
      const single = await this.aliasedMutation('HubSinkCancelOne', 'ID!', [target.hubOrderId], field);
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
