// Order allocation: reserve, release and ship stock per order, routed by a pluggable strategy.
//
// What an order holds lives in the stock levels themselves (`holds`), so every reservation, release
// and shipment is one single-document write together with its counters, ledger entry and event (see
// StockWriter). allocateOrder is declarative: the order's wanted totals minus what it already holds
// (reserved + shipped, one `holds.ref` query) is what gets reserved, so a retry or a crash halfway
// changes nothing extra and a later call tops up a backorder. The calls of one order are serialised
// by a per-order lock taken before any per-level lock (never the other way round).
//
// Shaped for few, pushed-down commands (FerretDB evaluates `$in`, ranges and dotted paths over every
// row): the levels of the order's SKUs are read by top-level equality on `sku`, one look-up per SKU
// in parallel; known SKUs and active locations come from memory; reservations plan from the levels
// just read (compare-and-set on their version), and what an order holds is read from those levels.
import { badInput, createLogger, findByKeys, fromZodError, KeyedLock } from '@oms/platform';
import { Types } from 'mongoose';
import type { InventoryModels } from '../../models';
import type { AllocationRecord } from '../../models/allocation.types';
import type { AllocationRequestRecord, WantedLineRecord } from '../../models/allocation-request.model';
import type { HoldRecord, StockLevelRecord } from '../../models/stock-level.model';
import { cannotShip, holdOf, releaseUpTo, reserveUpTo, ship } from '../holds';
import type { Actor } from '../stock.service';
import type { StockWrite, StockWriter } from '../stock-writer';
import { allocateOrderSchema, commitShipmentSchema, releaseAllocationSchema, type AllocateOrderInput, type AllocationLineInput } from './allocation.validation';
import { LocationCache } from './location-cache';
import { DEFAULT_STRATEGY, haversineKm, StrategyRegistry, type AllocationStrategy, type CandidateLocation, type GeoPoint, type Pick as RoutePick, type PlanInput } from './strategies';

const log = createLogger('inventory.allocation');

/** Plans per call: the first, plus re-plans of what lost a race to another order. */
const MAX_ROUNDS = 5;

/** One order's hold at one (sku, location). */
interface Held {
  sku: string;
  locationId: string;
  hold: HoldRecord;
}

export class AllocationService {
  private readonly orders = new KeyedLock();
  /** SKUs known to exist (items are never deleted, so a SKU once seen stays known). */
  private readonly knownSkus = new Set<string>();

  constructor(
    private readonly models: InventoryModels,
    private readonly writer: StockWriter,
    private readonly locationCache: LocationCache,
    readonly strategies: StrategyRegistry = new StrategyRegistry(),
  ) {}

  strategyNames(): string[] {
    return this.strategies.names();
  }

  /** What the order holds and still misses; null when nothing was ever allocated to it. */
  async get(orderId: string): Promise<AllocationRecord | null> {
    const request = await this.request(orderId);
    return toAllocation(orderId, request?.wanted ?? null, await this.heldBy(orderId, request));
  }

  /** Reserves what the order wants and does not hold yet, routed by the strategy. */
  async allocate(ctx: Actor, rawInput: unknown): Promise<AllocationRecord> {
    const request = this.parse(rawInput, 'input');
    await this.requireKnownSkus(request.input.lines, 'input');
    return this.orders.run(request.input.orderId, () => this.allocateLocked(ctx, request));
  }

  /**
   * allocate for many orders at once (a batch import, concurrent placements): one request upsert for
   * all, one read of the levels of all their SKUs, the orders planned one after another (in the order
   * given) from those levels, and one compare-and-set per stock level for every order reserving there.
   * An order that had been allocated before, or that got less than planned because stock moved in
   * between, goes through allocate's own rounds. Any invalid input refuses the whole call.
   */
  async allocateMany(ctx: Actor, rawInputs: readonly unknown[]): Promise<AllocationRecord[]> {
    const requests = rawInputs.map((raw, index) => this.parse(raw, `input[${index}]`));
    const seen = new Set<string>();
    requests.forEach(({ input }, index) => {
      if (seen.has(input.orderId)) throw badInput(`input[${index}].orderId`, `order ${input.orderId} appears twice in one call`);
      seen.add(input.orderId);
    });
    for (const [index, { input }] of requests.entries()) await this.requireKnownSkus(input.lines, `input[${index}]`);
    const orderIds = requests.map(({ input }) => input.orderId);

    return this.orders.run(orderIds, async () => {
      const fresh = await this.storeRequests(requests);
      const results = new Map<string, AllocationRecord>();
      // Runs of never-allocated orders are planned together; an order allocated before goes alone, in its turn.
      let run: ParsedRequest[] = [];
      for (const request of requests) {
        if (fresh.has(request.input.orderId)) {
          run.push(request);
          continue;
        }
        await this.allocateBatch(ctx, run, results);
        run = [];
        results.set(request.input.orderId, await this.allocateLocked(ctx, request, false));
      }
      await this.allocateBatch(ctx, run, results);
      return orderIds.map((orderId) => results.get(orderId)!);
    });
  }

  /** Never-allocated orders (their locks held): one read of their SKUs' levels, planned in turn, one write per level. */
  private async allocateBatch(ctx: Actor, requests: ParsedRequest[], results: Map<string, AllocationRecord>): Promise<void> {
    if (requests.length === 0) return;
    const skus = [...new Set(requests.flatMap(({ wantedLines }) => wantedLines.map((line) => line.sku)))];
    const levels = new Map((await this.levelsOf(skus)).map((level) => [String(level._id), level]));
    const picksByLevel = [...(await this.planBatch(requests, levels)).values()];
    const writes = await settle(
      picksByLevel.map(({ level, picks }) => this.writer.writeMany(ctx.actor, level.sku, level.locationId, picks.map((pick) => reserveUpTo(pick.orderId, pick.quantity)), { known: level })),
    );
    for (const write of writes) levels.set(String(write.level._id), write.level);
    // Orders that got less than planned somewhere (stock moved between the read and the write).
    const shortOf = new Set<string>();
    picksByLevel.forEach(({ picks }, i) =>
      picks.forEach((pick, j) => {
        if ((writes[i].changes[j]?.deltaReserved ?? 0) < pick.quantity) shortOf.add(pick.orderId);
      }),
    );
    for (const request of requests) {
      const { orderId } = request.input;
      // Raced by another order: allocate's own rounds plan the rest from fresh levels.
      results.set(orderId, shortOf.has(orderId) ? await this.allocateLocked(ctx, request, false) : toAllocation(orderId, request.wantedLines, heldIn([...levels.values()], orderId))!);
    }
  }

  private parse(rawInput: unknown, field: string): ParsedRequest {
    const parsed = allocateOrderSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, field);
    const input = parsed.data;
    const strategyName = input.strategy ?? DEFAULT_STRATEGY;
    const strategy = this.strategies.get(strategyName);
    if (!strategy) throw badInput(`${field}.strategy`, `unknown allocation strategy "${strategyName}"; one of ${this.strategies.names().join(', ')}`);
    const wantedLines: WantedLineRecord[] = [...totals(input.lines)].map(([sku, { quantity }]) => ({ sku, quantity }));
    return { input, strategy, wantedLines, destination: input.destination ?? null };
  }

  /**
   * Upserts every order's request in one write; returns the orders that had none before (never
   * allocated: they hold nothing anywhere, so their plan needs no look at earlier holds).
   */
  private async storeRequests(requests: ParsedRequest[]): Promise<Set<string>> {
    const result = await this.models.allocationRequests.bulkWrite(
      requests.map(({ input, strategy, wantedLines, destination }) => ({
        updateOne: {
          filter: { _id: input.orderId },
          update: { $set: { wanted: wantedLines, destination, strategy: strategy.name }, $addToSet: { skus: { $each: wantedLines.map((line) => line.sku) } } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    return new Set(Object.values(result.upsertedIds ?? {}).map(String));
  }

  /** Plans the orders in turn from the levels read, each taking what the ones before it left; picks grouped by level. */
  private async planBatch(requests: ParsedRequest[], levels: Map<string, StockLevelRecord>): Promise<Map<string, { level: StockLevelRecord; picks: Array<{ orderId: string; quantity: number }> }>> {
    const byLevel = new Map<string, { level: StockLevelRecord; picks: Array<{ orderId: string; quantity: number }> }>();
    // Sellable units left after the picks planned so far, per level.
    const left = new Map([...levels.values()].map((level) => [String(level._id), level]));
    for (const { input, strategy, wantedLines, destination } of requests) {
      const missing = new Map(wantedLines.map((line) => [line.sku, line.quantity]));
      if (missing.size === 0) continue;
      const locations = await this.locationCache.active(destination);
      const plan = planInputOf([...left.values()], missing, locations, destination);
      for (const pick of checkedPicks(strategy.name, strategy.plan(plan), plan)) {
        const level = [...left.values()].find((candidate) => candidate.sku === pick.sku && String(candidate.locationId) === pick.locationId)!;
        const id = String(level._id);
        left.set(id, { ...level, sellable: level.sellable - pick.quantity });
        const entry = byLevel.get(id) ?? { level: levels.get(id)!, picks: [] };
        entry.picks.push({ orderId: input.orderId, quantity: pick.quantity });
        byLevel.set(id, entry);
      }
    }
    return byLevel;
  }

  /** allocate's work for one order, under its lock (`storeRequest` false: the request is stored already). */
  private async allocateLocked(ctx: Actor, { input, strategy, wantedLines, destination }: ParsedRequest, storeRequest = true): Promise<AllocationRecord> {
    const skus = wantedLines.map((line) => line.sku);
    // The request remembers every SKU the order ever wanted (`skus`): what it holds is found there.
    const [previous, read] = await Promise.all([
      storeRequest
        ? this.models.allocationRequests
            .findOneAndUpdate({ _id: input.orderId }, { $set: { wanted: wantedLines, destination, strategy: strategy.name }, $addToSet: { skus: { $each: skus } } }, { upsert: true, returnDocument: 'before' })
            .lean<Pick<AllocationRequestRecord, 'skus' | 'wanted'>>()
        : this.request(input.orderId),
      this.levelsOf(skus),
    ]);
    const levels = new Map(read.map((level) => [String(level._id), level]));
    const others = skusOf(previous).filter((sku) => !skus.includes(sku));
    if (others.length) for (const level of await this.levelsOf(others)) levels.set(String(level._id), level);
    const locations = await this.locationCache.active(destination);
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const missing = missingOf(wantedLines, heldIn([...levels.values()], input.orderId));
      if (missing.size === 0) break;
      const plan = planInputOf([...levels.values()], missing, locations, destination);
      const picks = checkedPicks(strategy.name, strategy.plan(plan), plan);
      if (picks.length === 0) break;
      const known = (pick: RoutePick) => [...levels.values()].find((level) => level.sku === pick.sku && String(level.locationId) === pick.locationId) ?? null;
      const writes = await settle(
        picks.map((pick) => this.writer.write(ctx.actor, pick.sku, new Types.ObjectId(pick.locationId), reserveUpTo(input.orderId, pick.quantity), { known: known(pick) })),
      );
      for (const write of writes) levels.set(String(write.level._id), write.level);
      // Every pick landed in full: what is still missing has no stock anywhere (backordered).
      if (writes.every((write, i) => (write.change?.deltaReserved ?? 0) === picks[i].quantity)) break;
      // Another order took stock meanwhile: plan the rest from fresh levels.
      for (const level of await this.levelsOf([...missing.keys()])) levels.set(String(level._id), level);
    }
    return toAllocation(input.orderId, wantedLines, heldIn([...levels.values()], input.orderId))!;
  }

  /**
   * Releases the order's reserved units: all of them, or up to the given quantity per SKU, from the
   * farthest location first (the most recently reserved first when the order has no destination).
   */
  async release(ctx: Actor, rawInput: unknown): Promise<AllocationRecord> {
    const parsed = releaseAllocationSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    const requested = input.lines ? totals(input.lines) : null;

    return this.orders.run(input.orderId, async () => {
      const request = await this.request(input.orderId);
      const held = await this.heldBy(input.orderId, request);
      const left = new Map([...(requested ?? [])].map(([sku, { quantity }]) => [sku, quantity]));
      const releases: RoutePick[] = [];
      for (const { sku, locationId, hold } of await this.releaseOrder(held, request?.destination ?? null)) {
        const quantity = requested ? Math.min(left.get(sku) ?? 0, hold.reserved) : hold.reserved;
        if (quantity <= 0) continue;
        releases.push({ sku, locationId, quantity });
        if (requested) left.set(sku, left.get(sku)! - quantity);
      }
      await settle(releases.map((pick) => this.writer.write(ctx.actor, pick.sku, new Types.ObjectId(pick.locationId), releaseUpTo(input.orderId, pick.quantity, input.reason))));
      const after = releases.length > 0 ? await this.heldBy(input.orderId, request) : held;
      let wanted = request?.wanted ?? null;
      if (request) {
        // Released units are no longer wanted, so they do not reappear as a backorder.
        const covered = coveredBy(after);
        const next = request.wanted.map((line) => {
          const has = covered.get(line.sku) ?? 0;
          const less = requested?.get(line.sku)?.quantity;
          if (!requested) return { sku: line.sku, quantity: Math.min(line.quantity, has) };
          return { sku: line.sku, quantity: less === undefined ? line.quantity : Math.min(line.quantity, Math.max(has, line.quantity - less)) };
        });
        if (next.some((line, i) => line.quantity !== request.wanted[i].quantity)) await this.models.allocationRequests.updateOne({ _id: input.orderId }, { $set: { wanted: next } });
        wanted = next;
      }
      return toAllocation(input.orderId, wanted, after) ?? { orderId: input.orderId, lines: [], unallocated: [], complete: true };
    });
  }

  /**
   * Ships reserved units of the order from one location, once per shipment id. Refused as a whole
   * (INSUFFICIENT_STOCK, nothing written) when the order holds fewer units there than a line ships.
   */
  async commitShipment(ctx: Actor, rawInput: unknown): Promise<AllocationRecord> {
    const parsed = commitShipmentSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    const lines = totals(input.lines);
    const locationId = new Types.ObjectId(input.locationId);

    return this.orders.run(input.orderId, async () => {
      const levels = (await this.levelsOf([...lines.keys()])).filter((level) => String(level.locationId) === input.locationId);
      const bySku = new Map(levels.map((level) => [level.sku, level]));
      for (const [sku, { quantity, index }] of lines) {
        const level = bySku.get(sku);
        const hold = level ? holdOf(level, input.orderId) : undefined;
        if (hold?.shipmentRefs?.includes(input.shipmentId)) continue;
        if ((hold?.reserved ?? 0) < quantity) throw cannotShip(sku, input.locationId, input.orderId, hold?.reserved ?? 0, quantity, `input.lines[${index}].quantity`);
      }
      await settle(
        [...lines].map(([sku, { quantity, index }]) =>
          this.writer.write(ctx.actor, sku, locationId, ship(input.orderId, input.shipmentId, quantity, `input.lines[${index}].quantity`), { known: bySku.get(sku) ?? null }),
        ),
      );
      const request = await this.request(input.orderId);
      return toAllocation(input.orderId, request?.wanted ?? null, await this.heldBy(input.orderId, request))!;
    });
  }

  private request(orderId: string): Promise<RequestSkus | null> {
    return this.models.allocationRequests.findById(orderId, { skus: 1, wanted: 1, destination: 1 }).lean<RequestSkus>().exec();
  }

  /** Every hold of the order, found in the levels of the SKUs its request ever wanted. */
  private async heldBy(orderId: string, request: RequestSkus | null): Promise<Held[]> {
    if (request && !request.skus) {
      // Requests stored before `skus` existed: the `holds.ref` index (a scan on FerretDB).
      const levels = await this.models.levels.find({ 'holds.ref': orderId }, { sku: 1, locationId: 1, holds: 1 }).lean<StockLevelRecord[]>();
      return heldIn(levels, orderId);
    }
    return heldIn(await this.levelsOf(skusOf(request)), orderId);
  }

  /** Every level of these SKUs, without their outboxes: one equality look-up per SKU (engine-shaped). */
  private levelsOf(skus: readonly string[]): Promise<StockLevelRecord[]> {
    return findByKeys<StockLevelRecord>(this.models.levels, 'sku', skus, { projection: { outbox: 0, pendingMovements: 0 } });
  }

  private async requireKnownSkus(lines: AllocationLineInput[], field: string): Promise<void> {
    const unknown = [...new Set(lines.map((line) => line.sku))].filter((sku) => !this.knownSkus.has(sku));
    if (unknown.length) for (const item of await findByKeys<{ sku: string }>(this.models.items, 'sku', unknown, { projection: { sku: 1 } })) this.knownSkus.add(item.sku);
    const index = lines.findIndex((line) => !this.knownSkus.has(line.sku));
    if (index >= 0) throw badInput(`${field}.lines[${index}].sku`, `unknown SKU "${lines[index].sku}"`);
  }

  /** Farthest from the destination first; without one (or for locations gone since), the latest reservation first. */
  private async releaseOrder(held: Held[], destination: GeoPoint | null): Promise<Held[]> {
    const distance = new Map<string, number>();
    if (destination && held.length > 0) {
      const ids = [...new Set(held.map((entry) => entry.locationId))].map((id) => new Types.ObjectId(id));
      const locations = await findByKeys<{ _id: Types.ObjectId; address: GeoPoint }>(this.models.locations, '_id', ids, { projection: { address: 1 } });
      for (const location of locations) distance.set(String(location._id), haversineKm(destination, location.address));
    }
    return [...held].sort(
      (a, b) =>
        (distance.get(b.locationId) ?? -1) - (distance.get(a.locationId) ?? -1) ||
        new Date(b.hold.at).getTime() - new Date(a.hold.at).getTime() ||
        b.locationId.localeCompare(a.locationId),
    );
  }
}

type RequestSkus = Pick<AllocationRequestRecord, 'skus' | 'wanted' | 'destination'>;

/** A validated allocateOrder input with its strategy and wanted totals. */
interface ParsedRequest {
  input: AllocateOrderInput;
  strategy: AllocationStrategy;
  wantedLines: WantedLineRecord[];
  destination: GeoPoint | null;
}

function skusOf(request: RequestSkus | null): string[] {
  return [...new Set([...(request?.skus ?? []), ...(request?.wanted ?? []).map((line) => line.sku)])];
}

/** The order's holds among `levels`. */
function heldIn(levels: ReadonlyArray<Pick<StockLevelRecord, 'sku' | 'locationId' | 'holds'>>, orderId: string): Held[] {
  return levels.flatMap((level) => {
    const hold = holdOf(level, orderId);
    return hold ? [{ sku: level.sku, locationId: String(level.locationId), hold }] : [];
  });
}

/** Candidate stock of the missing SKUs from the levels read: sellable units at active locations. */
function planInputOf(levels: readonly StockLevelRecord[], missing: Map<string, number>, locations: Map<string, CandidateLocation>, destination: GeoPoint | null): PlanInput {
  const sellable = new Map<string, Map<string, number>>();
  for (const level of levels) {
    const id = String(level.locationId);
    if (!missing.has(level.sku) || level.sellable <= 0 || !locations.has(id)) continue;
    if (!sellable.has(id)) sellable.set(id, new Map());
    sellable.get(id)!.set(level.sku, level.sellable);
  }
  return { missing, locations: [...sellable.keys()].map((id) => locations.get(id)!), sellable, destination };
}

/** Quantities per SKU (repeated SKUs add up), with the index of each SKU's first line for error fields. */
function totals(lines: AllocationLineInput[]): Map<string, { quantity: number; index: number }> {
  const result = new Map<string, { quantity: number; index: number }>();
  lines.forEach((line, index) => {
    const entry = result.get(line.sku);
    if (entry) entry.quantity += line.quantity;
    else result.set(line.sku, { quantity: line.quantity, index });
  });
  return result;
}

/** Reserved plus shipped per SKU: what the order already has. */
function coveredBy(held: Held[]): Map<string, number> {
  const covered = new Map<string, number>();
  for (const { sku, hold } of held) covered.set(sku, (covered.get(sku) ?? 0) + hold.reserved + hold.shipped);
  return covered;
}

function missingOf(wanted: WantedLineRecord[], held: Held[]): Map<string, number> {
  const covered = coveredBy(held);
  const missing = new Map<string, number>();
  for (const line of wanted) {
    const short = line.quantity - (covered.get(line.sku) ?? 0);
    if (short > 0) missing.set(line.sku, short);
  }
  return missing;
}

/**
 * A strategy is a plug-in: its picks are checked against what it was given (known SKU and location,
 * positive whole units, never more than missing or sellable) and clamped, so a faulty one can at
 * worst allocate less, never more.
 */
function checkedPicks(strategy: string, picks: RoutePick[], input: PlanInput): RoutePick[] {
  const missing = new Map(input.missing);
  const sellable = new Map([...input.sellable].map(([id, skus]) => [id, new Map(skus)]));
  const merged = new Map<string, RoutePick>();
  for (const pick of picks) {
    const quantity = Math.min(Number.isInteger(pick.quantity) ? pick.quantity : 0, missing.get(pick.sku) ?? 0, sellable.get(pick.locationId)?.get(pick.sku) ?? 0);
    if (quantity !== pick.quantity) log.warn({ strategy, pick }, 'allocation strategy planned more than was missing or sellable; clamped');
    if (quantity <= 0) continue;
    missing.set(pick.sku, missing.get(pick.sku)! - quantity);
    sellable.get(pick.locationId)!.set(pick.sku, sellable.get(pick.locationId)!.get(pick.sku)! - quantity);
    const key = `${pick.sku}@${pick.locationId}`;
    const existing = merged.get(key);
    if (existing) existing.quantity += quantity;
    else merged.set(key, { sku: pick.sku, locationId: pick.locationId, quantity });
  }
  return [...merged.values()];
}

function toAllocation(orderId: string, wanted: WantedLineRecord[] | null, held: Held[]): AllocationRecord | null {
  if (!wanted && held.length === 0) return null;
  const lines = held
    .filter(({ hold }) => hold.reserved > 0 || hold.shipped > 0)
    .map(({ sku, locationId, hold }) => ({ sku, locationId, reserved: hold.reserved, shipped: hold.shipped }))
    .sort((a, b) => a.sku.localeCompare(b.sku) || a.locationId.localeCompare(b.locationId));
  const covered = coveredBy(held);
  const unallocated = (wanted ?? [])
    .map((line) => ({ sku: line.sku, quantity: line.quantity - (covered.get(line.sku) ?? 0) }))
    .filter((line) => line.quantity > 0)
    .sort((a, b) => a.sku.localeCompare(b.sku));
  return { orderId, lines, unallocated, complete: unallocated.length === 0 };
}

/** Waits for every write (so none is still running when the order's lock is released), then fails with the first error. */
async function settle<T>(writes: Array<Promise<T>>): Promise<T[]> {
  const results = await Promise.allSettled(writes);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<T>).value);
}
