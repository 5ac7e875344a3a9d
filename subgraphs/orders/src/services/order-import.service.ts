// Batch import of channel orders (`importOrders`): every order validated, authorised and placed through
// OrderService.place, a bounded number at a time, after one cheap look-up of the ones the hub already
// has. Each order gets its own result; one bad order never fails the others.
import { badInput, createLogger, findByKeys, fromZodError, KeyedLock, OmsError } from '@oms/platform';
import type { OrderModel, OrderRecord } from '../models/order.model';
import type { OrderAccess, Placement } from './access';
import type { OrderService } from './order.service';
import { placeOrderSchema, type PlaceOrder } from './order.validation';

const log = createLogger('orders.import');

/** Orders one importOrders call may carry (documented in the SDL). */
export const MAX_IMPORT_BATCH = 250;
/** Placements in flight per call: each waits mostly on peers and the database. */
const DEFAULT_CONCURRENCY = 12;

export type ImportOutcome = 'CREATED' | 'EXISTING' | 'FAILED';

export interface ImportOrderError {
  code: string;
  field: string | null;
  message: string;
  retryAfterSeconds: number | null;
}

export interface ImportOrderResult {
  index: number;
  channel: string;
  channelOrderId: string | null;
  outcome: ImportOutcome;
  order: OrderRecord | null;
  error: ImportOrderError | null;
}

export interface ImportOrdersResult {
  results: ImportOrderResult[];
  created: number;
  existing: number;
  failed: number;
}

/** An input that passed validation and the caller's scope, with the keys that make it a repeat. */
interface Candidate {
  index: number;
  raw: object;
  input: PlaceOrder;
  placement: Placement;
  /** Lock keys, also used to find repeats inside the batch: channel order id, then idempotency key. */
  keys: string[];
}

export class OrderImportService {
  // Serialises the placement of one channel order across concurrent imports in this process (a sync
  // and a webhook carrying the same order), so exactly one of them reports it CREATED.
  private readonly lock = new KeyedLock({ subject: 'channel order' });

  constructor(
    private readonly orders: OrderModel,
    private readonly service: OrderService,
    private readonly concurrency = DEFAULT_CONCURRENCY,
  ) {}

  async importOrders(rawInputs: readonly unknown[], actor: string, access: OrderAccess): Promise<ImportOrdersResult> {
    if (rawInputs.length > MAX_IMPORT_BATCH) {
      throw badInput('input', `must not contain more than ${MAX_IMPORT_BATCH} orders (got ${rawInputs.length}); split the import into batches`);
    }
    const results: ImportOrderResult[] = new Array(rawInputs.length);
    const leaders: Candidate[] = [];
    /** Later inputs repeating an earlier one of this batch, by the leader's index. */
    const followers = new Map<number, Candidate[]>();
    const leaderByKey = new Map<string, Candidate>();

    rawInputs.forEach((raw, index) => {
      const candidate = this.admit(raw, index, access);
      if ('outcome' in candidate) {
        results[index] = candidate;
        return;
      }
      const leader = candidate.keys.map((key) => leaderByKey.get(key)).find(Boolean);
      if (leader) {
        followers.set(leader.index, [...(followers.get(leader.index) ?? []), candidate]);
        return;
      }
      candidate.keys.forEach((key) => leaderByKey.set(key, candidate));
      leaders.push(candidate);
    });

    const existing = await this.findImported(leaders);
    const toPlace: Candidate[] = [];
    for (const candidate of leaders) {
      const found = existing.get(channelKey(candidate.input.channel, candidate.input.channelOrderId));
      if (found) results[candidate.index] = this.answer(candidate, found, 'EXISTING', access);
      else toPlace.push(candidate);
    }

    await forEachBounded(toPlace, this.concurrency, async (candidate) => {
      results[candidate.index] = await this.place(candidate, actor, access);
    });

    // A repeat inside the batch: the order its first occurrence imported, or its own try when that failed.
    const repeats = [...followers.entries()].flatMap(([leaderIndex, list]) => list.map((candidate) => ({ candidate, first: results[leaderIndex] })));
    await forEachBounded(repeats, this.concurrency, async ({ candidate, first }) => {
      results[candidate.index] = first.order ? this.answer(candidate, first.order, 'EXISTING', access) : await this.place(candidate, actor, access);
    });

    const count = (outcome: ImportOutcome) => results.filter((result) => result.outcome === outcome).length;
    const summary = { results, created: count('CREATED'), existing: count('EXISTING'), failed: count('FAILED') };
    log.debug({ orders: results.length, created: summary.created, existing: summary.existing, failed: summary.failed }, 'orders imported');
    return summary;
  }

  /** Scope and validation, before anything is read: a refusal becomes this order's result. */
  private admit(raw: unknown, index: number, access: OrderAccess): Candidate | ImportOrderResult {
    const given = (raw ?? {}) as { channel?: unknown; channelOrderId?: unknown };
    const channel = typeof given.channel === 'string' ? given.channel.trim().toLowerCase() : '';
    const channelOrderId = typeof given.channelOrderId === 'string' ? given.channelOrderId.trim() : null;
    const refused = (error: unknown) => failure(index, channel, channelOrderId, error);
    let placement: Placement;
    try {
      placement = access.placement(raw as { channel: string; customerId?: string | null });
    } catch (error) {
      return refused(error);
    }
    // The same rules place() applies (it validates again; a refusal here saves the look-up and the peers).
    const parsed = placeOrderSchema.safeParse(placement.customerId ? { ...(raw as object), customerId: placement.customerId } : raw);
    if (!parsed.success) return refused(fromZodError(parsed.error, 'input'));
    const input = parsed.data;
    const keys = [...(input.channelOrderId ? [channelKey(input.channel, input.channelOrderId)] : []), ...(input.idempotencyKey ? [`key:${input.idempotencyKey}`] : [])];
    return { index, raw: raw as object, input, placement, keys };
  }

  /**
   * The batch's orders the hub already holds, by channel order id: equality look-ups on the unique
   * (channel, channelOrderId) index, in parallel on FerretDB, one `$in` per channel on MongoDB.
   */
  private async findImported(candidates: Candidate[]): Promise<Map<string, OrderRecord>> {
    const idsByChannel = new Map<string, string[]>();
    for (const { input } of candidates) {
      if (input.channelOrderId) idsByChannel.set(input.channel, [...(idsByChannel.get(input.channel) ?? []), input.channelOrderId]);
    }
    const found = await Promise.all([...idsByChannel].map(([channel, ids]) => findByKeys<OrderRecord>(this.orders, 'channelOrderId', ids, { filter: { channel } })));
    return new Map(found.flat().map((order) => [channelKey(order.channel, order.channelOrderId), order]));
  }

  private async place(candidate: Candidate, actor: string, access: OrderAccess): Promise<ImportOrderResult> {
    try {
      const run = async () => {
        const startedAt = Date.now();
        const order = await this.service.place(candidate.raw, actor, candidate.placement);
        // place() answers a repeat with the first order; one stored before this call is not ours.
        const createdAt = order.createdAt ? new Date(order.createdAt).getTime() : startedAt;
        return this.answer(candidate, order, createdAt >= startedAt ? 'CREATED' : 'EXISTING', access);
      };
      return candidate.keys.length ? await this.lock.run(candidate.keys, run) : await run();
    } catch (error) {
      return failure(candidate.index, candidate.input.channel, candidate.input.channelOrderId ?? null, error);
    }
  }

  /** A stored order as this order's result; an idempotent repeat may be someone else's order (FORBIDDEN). */
  private answer(candidate: Candidate, order: OrderRecord, outcome: Exclude<ImportOutcome, 'FAILED'>, access: OrderAccess): ImportOrderResult {
    try {
      access.returned(order);
    } catch (error) {
      return failure(candidate.index, candidate.input.channel, candidate.input.channelOrderId ?? null, error);
    }
    return { index: candidate.index, channel: order.channel, channelOrderId: order.channelOrderId, outcome, order, error: null };
  }
}

const channelKey = (channel: string, channelOrderId: string | null | undefined) => `channel:${channel}:${channelOrderId ?? ''}`;

/** The order's error, its field re-rooted at the order's position (`input.lines[0].sku` → `input[3].lines[0].sku`). */
function failure(index: number, channel: string, channelOrderId: string | null, error: unknown): ImportOrderResult {
  return { index, channel, channelOrderId, outcome: 'FAILED', order: null, error: importError(index, error) };
}

function importError(index: number, error: unknown): ImportOrderError {
  if (!(error instanceof OmsError)) {
    log.error({ err: error, index }, 'unexpected error importing an order');
    return { code: 'INTERNAL_SERVER_ERROR', field: null, message: 'Internal server error', retryAfterSeconds: null };
  }
  const field = typeof error.extensions.field === 'string' ? error.extensions.field : null;
  const rerooted = field === null ? null : reroot(field, index);
  const message = field !== null && rerooted !== null && error.message.startsWith(`${field}:`) ? `${rerooted}${error.message.slice(field.length)}` : error.message;
  const retryAfterSeconds = typeof error.extensions.retryAfterSeconds === 'number' ? error.extensions.retryAfterSeconds : null;
  return { code: error.code, field: rerooted, message, retryAfterSeconds };
}

function reroot(field: string, index: number): string {
  if (field === 'input' || field.startsWith('input.')) return `input[${index}]${field.slice('input'.length)}`;
  return `input[${index}].${field}`;
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function forEachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
