// Order domain logic: place (validated, idempotent), cancel (state machine), find and page orders,
// batched loading for federation.
import { randomUUID } from 'node:crypto';
import {
  badInput,
  conflict,
  fromZodError,
  keyedLoader,
  KeyedLock,
  notFound,
  paginate,
  toObjectIdOrNull,
  type PageArgs,
} from '@oms/platform';
import type { OrderHistoryRecord, OrderModel, OrderRecord, OrderStatus, StoredOrderLine } from '../models/order.model';
import { customerOrdersLoader } from './customer-orders';
import type { OrderNumbers } from './order-numbers';
import { assertTransition } from './order-status';
import { cancelReasonSchema, computeTotals, placeOrderSchema, type PlaceOrder } from './order.validation';
import type { OrderPeers, RemoteCustomer } from './peers';

export interface OrderFilterArgs {
  status?: readonly OrderStatus[] | null;
  channel?: readonly string[] | null;
  customerId?: string | null;
  placedFrom?: Date | null;
  placedTo?: Date | null;
}

/** An order before it is stored: the number (and channelOrderId defaulting to it) come at insert. */
type NewOrder = Omit<OrderRecord, '_id' | 'number' | 'channelOrderId' | 'lines' | 'createdAt' | 'updatedAt'> & { lines: Array<Omit<StoredOrderLine, '_id'>> };

/** Numbers taken by another process are skipped; more misses than this means something is wrong. */
const MAX_NUMBER_ATTEMPTS = 5;

export class OrderService {
  // Serialises work on one order (status changes) and on one idempotency key / channel order id
  // inside this process; FerretDB v1 does not isolate concurrent updates (see KeyedLock).
  private readonly lock = new KeyedLock();

  constructor(
    private readonly orders: OrderModel,
    private readonly numbers: OrderNumbers,
    private readonly peers: OrderPeers,
  ) {}

  createLoaders() {
    return {
      orderById: keyedLoader<string, OrderRecord>(
        async (ids) => this.orders.find({ _id: { $in: ids.map(toObjectIdOrNull).filter((id) => id !== null) } }).lean<OrderRecord[]>(),
        (order) => String(order._id),
      ),
      customerOrders: customerOrdersLoader(this.orders),
    };
  }

  findByChannel(channel: string, channelOrderId: string): Promise<OrderRecord | null> {
    // exec(): resolvers must get a real Promise; Apollo may call `then` twice on a mongoose Query.
    return this.orders.findOne({ channel: channel.trim().toLowerCase(), channelOrderId: channelOrderId.trim() }).lean<OrderRecord>().exec();
  }

  list(filter: OrderFilterArgs | null | undefined, args: PageArgs) {
    return paginate<OrderRecord>(this.orders, toQuery(filter ?? {}), args, { field: 'placedAt', direction: -1 });
  }

  async place(rawInput: unknown, actor: string): Promise<OrderRecord> {
    const parsed = placeOrderSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    // A client retrying while its first request is still running waits here and then gets that
    // order back, instead of both doing the remote calls and racing to insert.
    const keys = repeatKeys(input);
    return keys.length ? this.lock.run(keys, () => this.placeOnce(input, actor)) : this.placeOnce(input, actor);
  }

  async cancel(id: string, rawReason: string, actor: string): Promise<OrderRecord> {
    const reason = cancelReasonSchema.safeParse(rawReason);
    if (!reason.success) throw fromZodError(reason.error, 'reason');
    const _id = toObjectIdOrNull(id);
    if (!_id) throw notFound('Order', id, 'id');
    return this.lock.run(`order:${id}`, async () => {
      const order = await this.orders.findById(_id).lean<OrderRecord>();
      if (!order) throw notFound('Order', id, 'id');
      assertTransition(order.status, 'CANCELLED');
      const entry: OrderHistoryRecord = { at: new Date(), type: 'orders.order.cancelled', fromStatus: order.status, toStatus: 'CANCELLED', note: reason.data, actor };
      // Conditional on the status we checked, so a writer in another process cannot be overridden.
      const updated = await this.orders
        .findOneAndUpdate({ _id, status: order.status }, { $set: { status: 'CANCELLED' }, $push: { history: entry } }, { returnDocument: 'after' })
        .lean<OrderRecord>();
      if (!updated) throw conflict(`Order ${id} changed while it was being cancelled; retry`, { id });
      return updated;
    });
  }

  private async placeOnce(input: PlaceOrder, actor: string): Promise<OrderRecord> {
    const repeat = await this.findRepeat(input);
    if (repeat) return repeat;

    // Reads first (one call per peer, in parallel); the customer upsert is a write, so it waits
    // until the SKUs are known to be valid.
    const [items, knownCustomer] = await Promise.all([
      this.peers.findItems(input.lines.map((line) => line.sku), actor),
      input.customerId ? this.peers.findCustomer(input.customerId, actor) : Promise.resolve(null),
    ]);
    input.lines.forEach((line, index) => {
      if (!items.has(line.sku)) throw badInput(`input.lines[${index}].sku`, `unknown SKU ${JSON.stringify(line.sku)}`);
    });
    let customer: RemoteCustomer;
    if (input.customerId) {
      if (!knownCustomer) throw notFound('Customer', input.customerId, 'input.customerId');
      customer = knownCustomer;
    } else {
      const given = input.customer!;
      customer = await this.peers.upsertCustomer({ email: given.email, ...(given.name ? { name: given.name } : {}), ...(given.phone ? { phone: given.phone } : {}) }, actor);
    }

    const now = new Date();
    const doc: NewOrder = {
      idempotencyKey: input.idempotencyKey ?? `generated:${randomUUID()}`,
      channel: input.channel,
      status: 'PENDING' as const,
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
      totals: computeTotals(input),
      priority: input.priority,
      note: input.note ?? null,
      tags: [...new Set(input.tags ?? [])],
      placedAt: input.placedAt ?? now,
      history: [{ at: now, type: 'orders.order.placed', fromStatus: null, toStatus: 'PENDING' as const, note: null, actor }],
    };
    return this.insert(doc, input);
  }

  private async insert(doc: NewOrder, input: PlaceOrder): Promise<OrderRecord> {
    for (let attempt = 1; ; attempt += 1) {
      const number = await this.numbers.next();
      try {
        const created = await this.orders.create({ ...doc, number, channelOrderId: input.channelOrderId ?? number });
        return created.toObject<OrderRecord>();
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Another request with the same idempotencyKey or channel order id won the race: its order is the answer.
        const winner = await this.findRepeat(input);
        if (winner) return winner;
        // Otherwise the number was taken (another process shares the counter): take the next one.
        if (attempt >= MAX_NUMBER_ATTEMPTS) throw conflict('Could not allocate an order number; retry the request', {});
      }
    }
  }

  /** The order an earlier request with the same idempotencyKey or channel order id created. */
  private findRepeat(input: PlaceOrder): Promise<OrderRecord | null> {
    const or: Array<Record<string, string>> = [];
    if (input.idempotencyKey) or.push({ idempotencyKey: input.idempotencyKey });
    if (input.channelOrderId) or.push({ channel: input.channel, channelOrderId: input.channelOrderId });
    if (or.length === 0) return Promise.resolve(null);
    return this.orders.findOne(or.length === 1 ? or[0] : { $or: or }).lean<OrderRecord>().exec();
  }
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
