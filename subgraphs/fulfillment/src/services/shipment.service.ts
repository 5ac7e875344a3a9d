// Shipments coming into being: create (validated against the order, idempotent), sync with the
// order's allocation (declarative, idempotent), find and page shipments, batched loading for federation.
// Status changes after creation live in shipment-lifecycle.ts.
import { createHash, randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import {
  findByKeys,
  badInput,
  conflict,
  fromZodError,
  groupedLoader,
  isObjectId,
  keyedLoader,
  type KeyedLock,
  newEvent,
  notFound,
  paginate,
  toObjectIdOrNull,
  type PageArgs,
} from '@oms/platform';
import type { ShipmentModel, ShipmentRecord, ShipmentStatus } from '../models/shipment.model';
import type { OutboxEvent } from '@oms/platform';
import { FULFILLMENT_EVENTS, orderKey, type FulfillmentEvents } from './fulfillment-events';
import type { FulfillmentPeers, OrderScope, RemoteOrder, SkuQuantity } from './peers';
import { isDuplicateKey, WITHOUT_OUTBOX } from './records';
import { createShipmentSchema, syncOrderShipmentsSchema, type CreateShipment, type SyncOrderShipments } from './shipment.validation';

export interface ShipmentFilterArgs {
  orderId?: string | null;
  locationId?: string | null;
  status?: readonly ShipmentStatus[] | null;
  shipByBefore?: Date | null;
}

export class ShipmentService {
  /**
   * `lock` is shared with the rest of the subgraph and its event log. The order key serialises
   * creation per order inside this process, so two concurrent creations for one order cannot both
   * pass the "not more than ordered / allocated" check (FerretDB v1 has no transactions).
   */
  constructor(
    private readonly shipments: ShipmentModel,
    private readonly peers: FulfillmentPeers,
    private readonly lock: KeyedLock,
    private readonly events: FulfillmentEvents,
  ) {}

  createLoaders() {
    return {
      shipmentById: keyedLoader<string, ShipmentRecord>(
        (ids) => findByKeys<ShipmentRecord>(this.shipments, '_id', ids.map(toObjectIdOrNull), { projection: WITHOUT_OUTBOX }),
        (shipment) => String(shipment._id),
      ),
      /** Channel and customer of the orders a non-back-office caller touches: one orders call per batch (access.ts). */
      orderScopeById: new DataLoader<string, OrderScope | null>((ids) => this.peers.orderScopes(ids), { maxBatchSize: 500 }),
      /** Order.shipments, oldest first: one query for every order of the request. */
      shipmentsByOrder: groupedLoader<string, ShipmentRecord>(
        (orderIds) => findByKeys<ShipmentRecord>(this.shipments, 'orderId', orderIds, { projection: WITHOUT_OUTBOX, sort: { orderId: 1, _id: 1 } }),
        (shipment) => shipment.orderId,
      ),
    };
  }

  list(filter: ShipmentFilterArgs | null | undefined, args: PageArgs) {
    const query: Record<string, unknown> = {};
    if (filter?.orderId) query.orderId = filter.orderId;
    if (filter?.locationId) query.locationId = filter.locationId;
    if (filter?.status?.length) query.status = { $in: [...filter.status] };
    if (filter?.shipByBefore) query.shipBy = { $lt: filter.shipByBefore };
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

    const shipment = await this.lock.run(orderKey(input.orderId), async () => {
      // A concurrent request with the same key may have finished while this one waited.
      const winner = await this.findRepeat(input);
      if (winner) return winner;
      await this.assertWithinOrdered(input, order);
      try {
        return await this.insert(
          {
            idempotencyKey: input.idempotencyKey ?? `generated:${randomUUID()}`,
            orderId: input.orderId,
            locationId: input.locationId,
            lines: input.lines,
            carrier: input.carrier ?? null,
            service: input.service ?? null,
          },
          actor,
        );
      } catch (error) {
        // Only the idempotency key is unique: another process stored this request first.
        const raced = isDuplicateKey(error) ? await this.findRepeat(input) : null;
        if (raced) return raced;
        throw error;
      }
    });
    this.events.relayShipment(shipment._id);
    return shipment;
  }

  /**
   * Makes the order's shipments cover its allocation: per (location, SKU), units in non-cancelled
   * shipments should equal the allocated units; every positive difference goes into one new PENDING
   * shipment per location. Never reduces anything (a surplus is the orders subgraph's to cancel), so a
   * repeat creates nothing. No peer calls: the caller passes Inventory's allocation.
   */
  async syncOrder(rawInput: unknown, actor: string): Promise<ShipmentRecord[]> {
    const parsed = syncOrderShipmentsSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    return (await this.syncParsed([parsed.data], actor)).get(parsed.data.orderId)!;
  }

  /**
   * syncOrder for many orders at once (a batch of placements): one read of their shipments, one
   * insert of every shipment they miss. Any invalid input refuses the whole call; returns every
   * order's current shipments, order after order.
   */
  async syncOrders(rawInputs: readonly unknown[], actor: string): Promise<ShipmentRecord[]> {
    const inputs = rawInputs.map((raw, index) => {
      const parsed = syncOrderShipmentsSchema.safeParse(raw);
      if (!parsed.success) throw fromZodError(parsed.error, `input[${index}]`);
      return parsed.data;
    });
    const seen = new Set<string>();
    inputs.forEach((input, index) => {
      if (seen.has(input.orderId)) throw badInput(`input[${index}].orderId`, `order ${input.orderId} appears twice in one call`);
      seen.add(input.orderId);
    });
    const byOrder = await this.syncParsed(inputs, actor);
    return inputs.flatMap((input) => byOrder.get(input.orderId)!);
  }

  private async syncParsed(inputs: SyncOrderShipments[], actor: string): Promise<Map<string, ShipmentRecord[]>> {
    const orderIds = inputs.map((input) => input.orderId);
    const { current, created } = await this.lock.run(orderIds.map(orderKey), async () => {
      const existing = await findByKeys<ShipmentRecord>(this.shipments, 'orderId', orderIds, { projection: WITHOUT_OUTBOX, sort: { orderId: 1, _id: 1 } });
      const toInsert = inputs.flatMap((input) => missingShipments(input, existing.filter((shipment) => shipment.orderId === input.orderId)));
      const written = await this.insertMany(toInsert, actor);
      const inserted = written.map((entry) => entry.shipment);
      // Oldest first: what existed, then what was just added (the orders' locks kept others out).
      const result = new Map(orderIds.map((orderId) => [orderId, [...existing, ...inserted].filter((shipment) => shipment.orderId === orderId && shipment.status !== 'CANCELLED')]));
      return { current: result, created: written };
    });
    for (const { shipment, outbox } of created) this.events.relayShipment(shipment._id, { outbox });
    return current;
  }

  /**
   * New PENDING shipments, each with its `fulfillment.shipment.created` event, in one insert. One
   * whose idempotency key exists already (another process synced the same state) is not created.
   */
  /** The shipments stored, each with the outbox it was stored with (its relay need not read it back). */
  private async insertMany(fields: NewShipmentFields[], actor: string): Promise<Array<{ shipment: ShipmentRecord; outbox: OutboxEvent[] }>> {
    if (fields.length === 0) return [];
    const docs = fields.map((shipment) => {
      const _id = new Types.ObjectId();
      return { _id, ...shipment, status: 'PENDING' as const, outbox: [createdEvent(_id, shipment, actor)] };
    });
    let failedIndexes = new Set<number>();
    try {
      await this.shipments.insertMany(docs, { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: Array<{ index: number; code?: number; err?: { code?: number } }> }).writeErrors ?? [];
      if (!writeErrors.length || !writeErrors.every((entry) => (entry.code ?? entry.err?.code) === 11000)) throw error;
      failedIndexes = new Set(writeErrors.map((entry) => entry.index));
    }
    const now = new Date();
    return docs.filter((_, index) => !failedIndexes.has(index)).map(({ outbox, ...doc }) => ({ shipment: { ...doc, createdAt: now, updatedAt: now } as ShipmentRecord, outbox }));
  }

  /** A new PENDING shipment with its `fulfillment.shipment.created` event in the same insert. */
  private async insert(fields: NewShipmentFields, actor: string): Promise<ShipmentRecord> {
    const _id = new Types.ObjectId();
    const created = await this.shipments.create({ _id, ...fields, status: 'PENDING', outbox: [createdEvent(_id, fields, actor)] });
    const { outbox: _outbox, ...record } = created.toObject<ShipmentRecord>();
    return record as ShipmentRecord;
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
    return this.shipments.findOne({ idempotencyKey: input.idempotencyKey }, WITHOUT_OUTBOX).lean<ShipmentRecord>().exec();
  }
}

type NewShipmentFields = Pick<ShipmentRecord, 'idempotencyKey' | 'orderId' | 'locationId' | 'lines' | 'carrier' | 'service'> & Partial<Pick<ShipmentRecord, 'shipBy' | 'deliverBy'>>;

function createdEvent(_id: Types.ObjectId, fields: NewShipmentFields, actor: string) {
  const shipmentId = String(_id);
  return newEvent(
    FULFILLMENT_EVENTS.shipmentCreated,
    'Shipment',
    shipmentId,
    { orderId: fields.orderId, shipmentId, locationId: fields.locationId, to: 'PENDING', lines: fields.lines.map(({ sku, quantity }) => ({ sku, quantity })) },
    actor,
  );
}

/**
 * What an order's shipments miss to cover its allocation: per (location, SKU), units in non-cancelled
 * shipments should equal the allocated units; every positive difference goes into one new PENDING
 * shipment per location. Never reduces anything (a surplus is the orders subgraph's to cancel).
 */
function missingShipments({ orderId, lines, shipBy, deliverBy }: SyncOrderShipments, existing: ShipmentRecord[]): NewShipmentFields[] {
  const covered = new Map<string, number>();
  const cancelledAt = new Map<string, string[]>();
  for (const shipment of existing) {
    if (shipment.status === 'CANCELLED') {
      cancelledAt.set(shipment.locationId, [...(cancelledAt.get(shipment.locationId) ?? []), String(shipment._id)]);
      continue;
    }
    for (const line of shipment.lines) covered.set(slot(shipment.locationId, line.sku), (covered.get(slot(shipment.locationId, line.sku)) ?? 0) + line.quantity);
  }
  // Locations in the order the allocation lists them, so the new shipments' order is predictable.
  const missing = new Map<string, Array<SkuQuantity & { have: number }>>();
  for (const line of lines) {
    const have = covered.get(slot(line.locationId, line.sku)) ?? 0;
    if (line.quantity <= have) continue;
    const list = missing.get(line.locationId) ?? [];
    list.push({ sku: line.sku, quantity: line.quantity - have, have });
    missing.set(line.locationId, list);
  }
  // Derived from the state it starts from (what is missing, and which shipments were cancelled, the
  // only change that uncovers units): two processes syncing the same state race on the unique key and
  // one shipment results; after a cancellation the key differs.
  return [...missing].map(([locationId, gap]) => ({
    idempotencyKey: `sync:${orderId}:${locationId}:${digest({ gap, cancelled: cancelledAt.get(locationId) ?? [] })}`,
    orderId,
    locationId,
    lines: gap.map(({ sku, quantity }) => ({ sku, quantity })),
    carrier: null,
    service: null,
    shipBy: shipBy ?? null,
    deliverBy: deliverBy ?? null,
  }));
}

function slot(locationId: string, sku: string): string {
  return `${locationId}\u0000${sku}`;
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 24);
}
