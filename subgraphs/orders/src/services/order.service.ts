// Order domain logic: place (validated, idempotent, hold rules, then the placement workflow), find
// and page orders, batched loading for federation (orders, their history from the event log).
import { randomUUID } from 'node:crypto';
import {
  findByKeys,
  badInput,
  conflict,
  fromZodError,
  groupedLoader,
  keyedLoader,
  KeyedLock,
  notFound,
  OmsError,
  paginate,
  toObjectIdOrNull,
  type OutboxEvent,
  type PageArgs,
  type StoredEvent,
  type DocumentNumbers,
} from '@oms/platform';
import { Types } from 'mongoose';
import { AWAITING_PAYMENT_HOLD, CUSTOMER_TIERS, TIER_RANK, type CustomerTier, type OrderModel, type OrderRecord, type OrderStatus, type StoredOrderLine } from '../models/order.model';
import { assertSelfServiceTerms, BACK_OFFICE_PLACEMENT, priceFromCatalogue, storedIdempotencyKey, type Placement } from './placement-policy';
import { customerOrdersLoader } from './customer-orders';
import { orderCountsByDay } from './order-counts';
import { ItemCache } from './item-cache';
import type { HoldRuleService } from './hold-rules.service';
import { ORDER_EVENTS, orderEvent, transitionEvents } from './order-events';
import type { OrderWriter } from './order-writer';
import { computeTotals, placeOrderSchema, type PlaceOrder } from './order.validation';
import type { OrderPeers, RemoteCustomer } from './peers';
import type { OrderWorkflow } from './workflow/workflow';
import { stepState } from './workflow/workflow-context';

export interface OrderFilterArgs {
  status?: readonly OrderStatus[] | null;
  channel?: readonly string[] | null;
  customerId?: string | null;
  placedFrom?: Date | null;
  placedTo?: Date | null;
  purchaseOrderNumber?: string | null;
  search?: string | null;
  locationId?: string | null;
}

/** An order before it is stored: the number (and channelOrderId defaulting to it) and its events come at insert. */
type NewOrder = Omit<OrderRecord, 'number' | 'channelOrderId' | 'lines' | 'createdAt' | 'updatedAt' | 'outbox'> & { lines: Array<Omit<StoredOrderLine, '_id'>> };

/** Numbers taken by another process are skipped; more misses than this means something is wrong. */
const MAX_NUMBER_ATTEMPTS = 5;

export class OrderService {
  // Serialises placement per idempotency key / channel order id inside this process; FerretDB v1
  // does not isolate concurrent updates (see KeyedLock). Order writes go through OrderWriter.
  private readonly lock = new KeyedLock();
  /** Catalogue entries placement checks SKUs against, cached (item-cache.ts). */
  private readonly items: ItemCache;

  constructor(
    private readonly orders: OrderModel,
    private readonly numbers: DocumentNumbers,
    private readonly peers: OrderPeers,
    private readonly writer: OrderWriter,
    private readonly holdRules: HoldRuleService,
    private readonly workflow: OrderWorkflow,
  ) {
    this.items = new ItemCache(peers);
  }

  /** `customerOrdersScope` narrows Customer.orders pages to what the caller may see (access.ts). */
  createLoaders(customerOrdersScope: Record<string, unknown> = {}) {
    return {
      orderById: keyedLoader<string, OrderRecord>(
        (ids) => findByKeys<OrderRecord>(this.orders, '_id', ids.map(toObjectIdOrNull)),
        (order) => String(order._id),
      ),
      customerOrders: customerOrdersLoader(this.orders, customerOrdersScope),
      /** Order.history: the event log of every order of a request in one batch. */
      eventsByOrder: groupedLoader<string, StoredEvent>(
        async (ids) =>
          (await findByKeys<{ _id: string } & Omit<StoredEvent, 'id'>>(this.writer.log.events, 'aggregateId', ids, { sort: { aggregateId: 1, seq: 1 } })).map(({ _id, ...event }) => ({ ...event, id: _id })),
        (event) => event.aggregateId,
      ),
    };
  }

  /** The order as stored now (after a mutation). */
  async load(id: Types.ObjectId | string): Promise<OrderRecord> {
    const order = await this.orders.findById(id).lean<OrderRecord>();
    if (!order) throw notFound('Order', String(id), 'id');
    return order;
  }

  findByChannel(channel: string, channelOrderId: string): Promise<OrderRecord | null> {
    // exec(): resolvers must get a real Promise; Apollo may call `then` twice on a mongoose Query.
    return this.orders.findOne({ channel: channel.trim().toLowerCase(), channelOrderId: channelOrderId.trim() }).lean<OrderRecord>().exec();
  }

  async list(filter: OrderFilterArgs | null | undefined, args: PageArgs) {
    const query = toQuery(filter ?? {});
    const search = filter?.search?.trim();
    if (search) query.$or = await this.searchFields(search);
    return paginate<OrderRecord>(this.orders, query, args, { field: 'placedAt', direction: -1 });
  }

  /** Orders per channel per UTC day in [from, to), exact (order-counts.ts). */
  countsByDay(scope: OrderFilterArgs, from: Date, to: Date) {
    return orderCountsByDay(this.orders, toQuery({ ...scope, placedFrom: null, placedTo: null, search: null }), from, to);
  }

  /**
   * The fields an exact search term matches on some order: number, channel order id, customer e-mail,
   * purchase-order number. One indexed equality look-up per field in parallel, so the page query
   * filters by equality on what matched (FerretDB evaluates an `$or` of all four over every order).
   */
  private async searchFields(term: string): Promise<Array<Record<string, string>>> {
    const candidates: Array<Record<string, string>> = [{ number: term.toUpperCase() }, { channelOrderId: term }, { email: term.toLowerCase() }, { purchaseOrderNumber: term }];
    const found = await Promise.all(candidates.map((condition) => this.orders.exists(condition).exec()));
    const matched = candidates.filter((_, index) => found[index]);
    // Nothing matches: a condition no order meets keeps the answer an empty page.
    return matched.length ? matched : [{ number: '' }];
  }

  /**
   * `placement` is what the caller may do (access.ts, placement-policy.ts). `placement.customerId` (a
   * CUSTOMER placing for itself) fixes the order's customer: it replaces input.customerId, and
   * `input.customer.email`, when given, must be that customer's.
   */
  async place(rawInput: unknown, actor: string, placement: Placement = BACK_OFFICE_PLACEMENT): Promise<OrderRecord> {
    const parsed = placeOrderSchema.safeParse(placement.customerId ? { ...(rawInput as object), customerId: placement.customerId } : rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    if (placement.selfService) assertSelfServiceTerms(parsed.data);
    const input = { ...parsed.data, idempotencyKey: storedIdempotencyKey(parsed.data.idempotencyKey, placement) };
    // A client retrying while its first request is still running waits here and then gets that
    // order back, instead of both doing the remote calls and racing to insert.
    const keys = repeatKeys(input);
    return keys.length ? this.lock.run(keys, () => this.placeOnce(input, actor, placement)) : this.placeOnce(input, actor, placement);
  }

  private async placeOnce(input: PlaceOrder, actor: string, placement: Placement): Promise<OrderRecord> {
    // No look-up for a repeat first: the unique indexes on idempotencyKey and (channel,
    // channelOrderId) refuse the insert of a repeat, which then returns the first order. A repeat
    // therefore costs the peer calls below again; they are idempotent.
    // Reads first (one call per peer, in parallel); the customer upsert is a write, so it waits
    // until the SKUs are known to be valid.
    const [items, knownCustomer, customerInScope] = await Promise.all([
      this.items.find(input.lines.map((line) => line.sku), actor),
      input.customerId ? this.peers.findCustomer(input.customerId, actor) : Promise.resolve(null),
      input.customerId && placement.partnerChannels ? this.hasOrderOn(input.customerId, placement.partnerChannels) : Promise.resolve(true),
    ]);
    // A partner links only customers of its own channels: any other id could be read back through the order.
    if (!customerInScope) throw new OmsError('FORBIDDEN', 'A PARTNER may link only customers who have ordered on its channels; give customer.email instead', { field: 'input.customerId' });
    input.lines.forEach((line, index) => {
      if (!items.has(line.sku)) throw badInput(`input.lines[${index}].sku`, `unknown SKU ${JSON.stringify(line.sku)}`);
    });
    // A customer pays the catalogue's prices, never the ones its request carried.
    if (placement.selfService) input = priceFromCatalogue(input, items);
    let customer: RemoteCustomer;
    if (input.customerId) {
      if (!knownCustomer) throw notFound('Customer', input.customerId, 'input.customerId');
      if (placement.customerId && input.customer && input.customer.email !== knownCustomer.email.toLowerCase()) {
        throw new OmsError('FORBIDDEN', 'A CUSTOMER may place orders only for itself: input.customer.email is not its email', { field: 'input.customer.email' });
      }
      customer = knownCustomer;
    } else {
      const given = input.customer!;
      const details = { ...(given.name ? { name: given.name } : {}), ...(given.phone ? { phone: given.phone } : {}) };
      customer = await this.peers.upsertCustomer({ email: given.email, ...details, keepExisting: !placement.mayChangeCustomer }, actor);
    }

    const now = new Date();
    const customerTier: CustomerTier = CUSTOMER_TIERS.includes(customer.tier as CustomerTier) ? (customer.tier as CustomerTier) : 'STANDARD';
    const totals = computeTotals(input);
    // An order the channel ships from its own stock is only recorded: no hold rules, no allocation.
    const channelShips = input.fulfilledBy === 'CHANNEL';
    const awaitingPayment = !channelShips && input.awaitingPayment;
    // Hold rules run before the order is stored, so a held order never reserves anything.
    const ruleReasons = channelShips
      ? []
      : await this.holdRules.evaluate({
          total: totals.total,
          currency: input.currency,
          countryCode: input.shippingAddress.countryCode,
          channel: input.channel,
          customerTier,
          email: input.customer?.email ?? customer.email,
          lineCount: input.lines.length,
          quantity: input.lines.reduce((sum, line) => sum + line.quantity, 0),
        });
    const holdReasons = awaitingPayment ? [AWAITING_PAYMENT_HOLD, ...ruleReasons] : ruleReasons;
    const held = holdReasons.length > 0;
    const doc: NewOrder = {
      _id: new Types.ObjectId(),
      idempotencyKey: input.idempotencyKey ?? `generated:${randomUUID()}`,
      channel: input.channel,
      status: channelShips ? 'CHANNEL_FULFILLED' : held ? 'ON_HOLD' : 'PENDING',
      paymentStatus: 'PENDING' as const,
      customerId: customer.id,
      email: input.customer?.email ?? customer.email,
      currency: input.currency,
      lines: input.lines.map((line) => ({
        sku: line.sku,
        name: line.name ?? items.get(line.sku)?.name ?? null,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        tax: line.tax,
        total: line.quantity * line.unitPrice,
      })),
      shippingAddress: input.shippingAddress,
      billingAddress: input.billingAddress ?? null,
      totals,
      priority: input.priority,
      note: input.note ?? null,
      tags: [...new Set(input.tags ?? [])],
      placedAt: input.placedAt ?? now,
      holdReasons,
      awaitingPayment,
      fulfilledBy: input.fulfilledBy,
      promise: input.promise ?? null,
      purchaseOrderNumber: input.purchaseOrderNumber ?? null,
      cancellationReason: null,
      allocations: [],
      backorderedQuantity: 0,
      payments: [],
      refunds: [],
      amountAuthorized: 0,
      amountPaid: 0,
      amountRefunded: 0,
      customerTier,
      tierRank: TIER_RANK[customerTier],
      // Stored before anything is reserved, so a reservation never exists without its order; the
      // lease keeps the recovery loop away while the steps run inline below.
      workflow: channelShips ? stepState('done') : held ? stepState('hold') : stepState('allocate'),
      version: 0,
    };
    const { order, created } = await this.insert(doc, input, actor);
    if (!created) return order;
    if (held || channelShips) {
      this.writer.relay(order._id);
      return order;
    }
    // The placement and allocation events are relayed together once the steps are done.
    const after = await this.writer.relayingOnce(order._id, () => this.workflow.locked(order._id, () => this.workflow.advance(order._id, actor, order)));
    return after ?? this.load(order._id);
  }

  private async insert(doc: NewOrder, input: PlaceOrder, actor: string): Promise<{ order: OrderRecord; created: boolean }> {
    for (let attempt = 1; ; attempt += 1) {
      const number = await this.numbers.next();
      try {
        const created = await this.orders.create({ ...doc, number, channelOrderId: input.channelOrderId ?? number, outbox: placementEvents(doc, number, actor) });
        return { order: created.toObject<OrderRecord>(), created: true };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Another request with the same idempotencyKey or channel order id won the race: its order is the answer.
        const winner = await this.findRepeat(input);
        if (winner) return { order: winner, created: false };
        // Otherwise the number was taken (another process shares the counter): take the next one.
        if (attempt >= MAX_NUMBER_ATTEMPTS) throw conflict('Could not allocate an order number; retry the request', {});
      }
    }
  }

  /** Whether the customer has an order on one of `channels`: equality look-ups, one per channel, in parallel. */
  private async hasOrderOn(customerId: string, channels: readonly string[]): Promise<boolean> {
    const found = await Promise.all(channels.map((channel) => this.orders.exists({ customerId, channel }).exec()));
    return found.some(Boolean);
  }

  /**
   * The order an earlier request with the same idempotencyKey or channel order id created. Two
   * equality look-ups, not an `$or`: FerretDB evaluates `$or` over every order.
   */
  async findRepeat(input: Pick<PlaceOrder, 'idempotencyKey' | 'channel' | 'channelOrderId'>): Promise<OrderRecord | null> {
    const [byKey, byChannel] = await Promise.all([
      input.idempotencyKey ? this.orders.findOne({ idempotencyKey: input.idempotencyKey }).lean<OrderRecord>().exec() : null,
      input.channelOrderId ? this.orders.findOne({ channel: input.channel, channelOrderId: input.channelOrderId }).lean<OrderRecord>().exec() : null,
    ]);
    return byKey ?? byChannel;
  }
}

/** `placed` (→ PENDING), then `held` when a hold rule matched, or the move to CHANNEL_FULFILLED. */
function placementEvents(doc: NewOrder, number: string, actor: string): OutboxEvent[] {
  const placed = orderEvent(ORDER_EVENTS.placed, doc, { number, channel: doc.channel, total: doc.totals.total, currency: doc.currency, to: 'PENDING' }, actor);
  const pending = { _id: doc._id, status: 'PENDING' as const, channel: doc.channel, customerId: doc.customerId };
  if (doc.status === 'CHANNEL_FULFILLED') return [placed, ...transitionEvents(pending, 'CHANNEL_FULFILLED', ORDER_EVENTS.statusChanged, { note: `${doc.channel} ships this order from its own stock` }, actor)];
  if (doc.status !== 'ON_HOLD') return [placed];
  return [placed, ...transitionEvents({ _id: doc._id, status: 'PENDING', channel: doc.channel, customerId: doc.customerId }, 'ON_HOLD', ORDER_EVENTS.held, { reasons: doc.holdReasons, note: doc.holdReasons.join('; ') }, actor)];
}

function repeatKeys(input: PlaceOrder): string[] {
  const keys: string[] = [];
  if (input.idempotencyKey) keys.push(`key:${input.idempotencyKey}`);
  if (input.channelOrderId) keys.push(`channel:${input.channel}:${input.channelOrderId}`);
  return keys;
}

function toQuery(filter: OrderFilterArgs): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (filter.status?.length) query.status = { $in: [...filter.status] };
  if (filter.channel?.length) query.channel = { $in: filter.channel.map((channel) => channel.trim().toLowerCase()) };
  if (filter.customerId) query.customerId = filter.customerId;
  if (filter.purchaseOrderNumber) query.purchaseOrderNumber = filter.purchaseOrderNumber.trim();
  // An array field: equality matches orders with this location among their allocations.
  if (filter.locationId) query.locationIds = filter.locationId.trim();
  // Both bounds inclusive: placedTo is "up to and including this instant".
  if (filter.placedFrom || filter.placedTo) {
    query.placedAt = { ...(filter.placedFrom ? { $gte: filter.placedFrom } : {}), ...(filter.placedTo ? { $lte: filter.placedTo } : {}) };
  }
  return query;
}

function isDuplicateKey(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 11000 || (typeof message === 'string' && message.includes('E11000'));
}
