// Shipment domain logic: create (validated against the order, idempotent), find and page shipments,
// batched loading for federation.
import { randomUUID } from 'node:crypto';
import {
  badInput,
  conflict,
  fromZodError,
  groupedLoader,
  isObjectId,
  keyedLoader,
  KeyedLock,
  notFound,
  paginate,
  toObjectIdOrNull,
  type PageArgs,
} from '@oms/platform';
import type { ShipmentModel, ShipmentRecord, ShipmentStatus } from '../models/shipment.model';
import type { FulfillmentPeers, RemoteOrder } from './peers';
import { createShipmentSchema, type CreateShipment } from './shipment.validation';

export interface ShipmentFilterArgs {
  orderId?: string | null;
  locationId?: string | null;
  status?: readonly ShipmentStatus[] | null;
}

export class ShipmentService {
  // Serialises shipment creation per order inside this process, so two concurrent shipments of
  // one order cannot both pass the "not more than ordered" check (FerretDB v1 has no transactions).
  private readonly lock = new KeyedLock();

  constructor(
    private readonly shipments: ShipmentModel,
    private readonly peers: FulfillmentPeers,
  ) {}

  createLoaders() {
    return {
      shipmentById: keyedLoader<string, ShipmentRecord>(
        async (ids) => this.shipments.find({ _id: { $in: ids.map(toObjectIdOrNull).filter((id) => id !== null) } }).lean<ShipmentRecord[]>(),
        (shipment) => String(shipment._id),
      ),
      /** Order.shipments, oldest first: one query for every order of the request. */
      shipmentsByOrder: groupedLoader<string, ShipmentRecord>(
        async (orderIds) => this.shipments.find({ orderId: { $in: [...orderIds] } }).sort({ orderId: 1, _id: 1 }).lean<ShipmentRecord[]>(),
        (shipment) => shipment.orderId,
      ),
    };
  }

  list(filter: ShipmentFilterArgs | null | undefined, args: PageArgs) {
    const query: Record<string, unknown> = {};
    if (filter?.orderId) query.orderId = filter.orderId;
    if (filter?.locationId) query.locationId = filter.locationId;
    if (filter?.status?.length) query.status = { $in: [...filter.status] };
    return paginate<ShipmentRecord>(this.shipments, query, args, { field: '_id', direction: -1 });
  }

  async create(rawInput: unknown, actor: string): Promise<ShipmentRecord> {
    const parsed = createShipmentSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    const repeat = await this.findRepeat(input);
    if (repeat) return repeat;

    // Malformed ids cannot exist anywhere; other ids are checked with their owners, in parallel.
    if (!isObjectId(input.orderId)) throw notFound('Order', input.orderId, 'input.orderId');
    if (!isObjectId(input.locationId)) throw notFound('Location', input.locationId, 'input.locationId');
    const [order, locationExists] = await Promise.all([this.peers.findOrder(input.orderId, actor), this.peers.locationExists(input.locationId, actor)]);
    if (!order) throw notFound('Order', input.orderId, 'input.orderId');
    if (!locationExists) throw notFound('Location', input.locationId, 'input.locationId');
    if (order.status === 'CANCELLED') throw conflict(`Order ${input.orderId} is cancelled; nothing can ship`, { field: 'input.orderId' });
    const ordered = new Map(order.lines.map((line) => [line.sku, line.quantity]));
    input.lines.forEach((line, index) => {
      if (!ordered.has(line.sku)) throw badInput(`input.lines[${index}].sku`, `${JSON.stringify(line.sku)} is not a line of order ${input.orderId}`);
    });

    return this.lock.run(`order:${input.orderId}`, async () => {
      // A concurrent request with the same key may have finished while this one waited.
      const winner = await this.findRepeat(input);
      if (winner) return winner;
      await this.assertWithinOrdered(input, order);
      try {
        const created = await this.shipments.create({
          idempotencyKey: input.idempotencyKey ?? `generated:${randomUUID()}`,
          orderId: input.orderId,
          locationId: input.locationId,
          lines: input.lines,
          status: 'PENDING',
          carrier: input.carrier ?? null,
          service: input.service ?? null,
        });
        return created.toObject<ShipmentRecord>();
      } catch (error) {
        // Only the idempotency key is unique: another process stored this request first.
        const raced = isDuplicateKey(error) ? await this.findRepeat(input) : null;
        if (raced) return raced;
        throw error;
      }
    });
  }

  /** Each line at most the ordered quantity minus what non-cancelled shipments already hold. */
  private async assertWithinOrdered(input: CreateShipment, order: RemoteOrder): Promise<void> {
    const existing = await this.shipments.find({ orderId: input.orderId, status: { $ne: 'CANCELLED' } }, { lines: 1 }).lean<Array<Pick<ShipmentRecord, 'lines'>>>();
    const inShipments = new Map<string, number>();
    for (const line of existing.flatMap((shipment) => shipment.lines)) inShipments.set(line.sku, (inShipments.get(line.sku) ?? 0) + line.quantity);
    const ordered = new Map(order.lines.map((line) => [line.sku, line.quantity]));
    input.lines.forEach((line, index) => {
      const left = (ordered.get(line.sku) ?? 0) - (inShipments.get(line.sku) ?? 0);
      if (line.quantity > left) {
        throw badInput(`input.lines[${index}].quantity`, `${line.quantity} exceeds the ${Math.max(0, left)} unit(s) of ${line.sku} not yet in a shipment`);
      }
    });
  }

  private findRepeat(input: CreateShipment): Promise<ShipmentRecord | null> {
    if (!input.idempotencyKey) return Promise.resolve(null);
    return this.shipments.findOne({ idempotencyKey: input.idempotencyKey }).lean<ShipmentRecord>().exec();
  }
}

function isDuplicateKey(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 11000 || (typeof message === 'string' && message.includes('E11000'));
}
