// Returns (RMA): request for shipped units, approve or reject, receive (restock or write off), refund.
//
// Status changes follow the declared table (return-status.ts) and are conditional single-document
// updates inside the return's KeyedLock, each with its `fulfillment.return.*` event in the same update.
// Peer writes (Inventory `restock`, Orders `recordRefund`) run BEFORE the status changes and are
// idempotent on keys derived from the return id, so a failure or crash in between leaves a return that
// can simply be retried without restocking or refunding twice.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import {
  findByKeys,
  badInput,
  createLogger,
  fromZodError,
  groupedLoader,
  isObjectId,
  keyedLoader,
  newEvent,
  notFound,
  OmsError,
  toObjectIdOrNull,
  type KeyedLock,
  type DocumentNumbers,
} from '@oms/platform';
import type { ReturnLineRecord, ReturnModel, ReturnRecord, ReturnStatus } from '../models/return.model';
import type { ShipmentModel, ShipmentRecord } from '../models/shipment.model';
import { FULFILLMENT_EVENTS, orderKey, returnKey, type FulfillmentEvents } from './fulfillment-events';
import type { FulfillmentPeers } from './peers';
import { assertReturnTransition, OPEN_OR_DONE_RETURN_STATUSES } from './return-status';
import { receiveReturnSchema, requestReturnSchema, type RequestReturn } from './return.validation';
import { isDuplicateKey, WITHOUT_OUTBOX } from './records';
import { SHIPPED_STATUSES } from './shipment-status';
import { reasonSchema } from './shipment.validation';

const log = createLogger('fulfillment.returns');
/** Attempts at a fresh RMA number when another process took the one drawn. */
const RMA_ATTEMPTS = 5;

const EVENT_BY_STATUS: Record<ReturnStatus, string> = {
  REQUESTED: FULFILLMENT_EVENTS.returnRequested,
  APPROVED: FULFILLMENT_EVENTS.returnApproved,
  REJECTED: FULFILLMENT_EVENTS.returnRejected,
  RECEIVED: FULFILLMENT_EVENTS.returnReceived,
  REFUNDED: FULFILLMENT_EVENTS.returnRefunded,
};

interface Step {
  set?: Record<string, unknown>;
  payload?: Record<string, unknown>;
}

export class ReturnService {
  constructor(
    private readonly returns: ReturnModel,
    private readonly shipments: ShipmentModel,
    private readonly rmaNumbers: DocumentNumbers,
    private readonly peers: FulfillmentPeers,
    private readonly lock: KeyedLock,
    private readonly events: FulfillmentEvents,
  ) {}

  createLoaders() {
    return {
      returnById: keyedLoader<string, ReturnRecord>(
        (ids) => findByKeys<ReturnRecord>(this.returns, '_id', ids.map(toObjectIdOrNull), { projection: WITHOUT_OUTBOX }),
        (record) => String(record._id),
      ),
      /** Order.returns, oldest first: one query for every order of the request. */
      returnsByOrder: groupedLoader<string, ReturnRecord>(
        (orderIds) => findByKeys<ReturnRecord>(this.returns, 'orderId', orderIds, { projection: WITHOUT_OUTBOX, sort: { orderId: 1, _id: 1 } }),
        (record) => record.orderId,
      ),
    };
  }

  findByRma(rmaNumber: string): Promise<ReturnRecord | null> {
    return this.returns.findOne({ rmaNumber: rmaNumber.trim().toUpperCase() }, WITHOUT_OUTBOX).lean<ReturnRecord>().exec();
  }

  /**
   * Opens a return for units that shipped: per SKU at most the units in SHIPPED/DELIVERED shipments
   * of the order minus those in its other non-rejected returns. Idempotent on idempotencyKey.
   */
  async request(rawInput: unknown, actor: string): Promise<ReturnRecord> {
    const parsed = requestReturnSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    const repeat = await this.findRepeat(input);
    if (repeat) return repeat;

    const created = await this.lock.run(orderKey(input.orderId), async () => {
      const winner = await this.findRepeat(input);
      if (winner) return { record: winner, fresh: false };
      await this.assertReturnable(input);
      for (let attempt = 1; ; attempt += 1) {
        try {
          return { record: await this.insert(input, await this.rmaNumbers.next(), actor), fresh: true };
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          const raced = await this.findRepeat(input);
          if (raced) return { record: raced, fresh: false };
          // Another process drew the same RMA number: draw again.
          if (attempt >= RMA_ATTEMPTS) throw error;
        }
      }
    });
    if (created.fresh) this.events.relayReturn(created.record._id);
    return created.record;
  }

  approve(id: string, actor: string): Promise<ReturnRecord> {
    return this.move(id, 'APPROVED', actor, 'id', () => ({}));
  }

  reject(id: string, rawReason: unknown, actor: string): Promise<ReturnRecord> {
    const parsed = reasonSchema.safeParse(rawReason);
    if (!parsed.success) throw fromZodError(parsed.error, 'reason');
    const reason = parsed.data;
    return this.move(id, 'REJECTED', actor, 'id', () => ({ set: { note: reason }, payload: { reason } }));
  }

  /**
   * APPROVED → RECEIVED. Per line: RESTOCK puts the units back on hand at the given location through
   * Inventory's `restock` (reference `<returnId>:<sku>`, so a retried receipt restocks once); DAMAGED
   * writes them off (no stock change). Lines not listed were not received (receivedQuantity 0).
   */
  receive(rawInput: unknown, actor: string): Promise<ReturnRecord> {
    const parsed = receiveReturnSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    input.lines.forEach((line, index) => {
      if (line.condition === 'RESTOCK' && !isObjectId(line.locationId!)) throw notFound('Location', line.locationId!, `input.lines[${index}].locationId`);
    });
    return this.move(input.id, 'RECEIVED', actor, 'input.id', async (current, at) => {
      const requested = new Map(current.lines.map((line) => [line.sku, line.quantity]));
      input.lines.forEach((line, index) => {
        const wanted = requested.get(line.sku);
        if (wanted === undefined) throw badInput(`input.lines[${index}].sku`, `${JSON.stringify(line.sku)} is not a line of return ${current.rmaNumber}`);
        if (line.quantity > wanted) throw badInput(`input.lines[${index}].quantity`, `${line.quantity} exceeds the ${wanted} unit(s) of ${line.sku} on return ${current.rmaNumber}`);
      });
      for (const [index, line] of input.lines.entries()) {
        if (line.condition !== 'RESTOCK') continue;
        try {
          await this.peers.restock(
            { sku: line.sku, locationId: line.locationId!, quantity: line.quantity, reference: `${String(current._id)}:${line.sku}`, reason: `return ${current.rmaNumber}` },
            actor,
          );
        } catch (error) {
          if (error instanceof OmsError && error.code === 'NOT_FOUND' && error.extensions.entity === 'Location') {
            throw notFound('Location', line.locationId!, `input.lines[${index}].locationId`);
          }
          throw error;
        }
      }
      const received = new Map(input.lines.map((line) => [line.sku, line]));
      const lines: ReturnLineRecord[] = current.lines.map((line) => {
        const receipt = received.get(line.sku);
        return {
          sku: line.sku,
          quantity: line.quantity,
          receivedQuantity: receipt?.quantity ?? 0,
          condition: receipt?.condition ?? null,
          restockLocationId: receipt?.condition === 'RESTOCK' ? receipt.locationId! : null,
        };
      });
      return { set: { lines, receivedAt: at }, payload: { lines: lines.map(eventLine) } };
    });
  }

  /**
   * RECEIVED → REFUNDED: records the refund of the received units on the order (Orders `recordRefund`,
   * idempotent on the return id) and keeps its amount here.
   */
  refund(id: string, includeShipping: boolean | null | undefined, actor: string): Promise<ReturnRecord> {
    return this.move(id, 'REFUNDED', actor, 'id', async (current, at) => {
      const lines = current.lines.filter((line) => line.receivedQuantity > 0).map((line) => ({ sku: line.sku, quantity: line.receivedQuantity }));
      const refund = await this.peers.recordRefund(
        { orderId: current.orderId, returnId: String(current._id), lines, includeShipping: includeShipping ?? false, reason: `${current.rmaNumber}: ${current.reason}` },
        actor,
      );
      return {
        set: { refundAmount: refund.amount.amount, refundCurrency: refund.amount.currency, refundId: refund.id, refundedAt: at },
        payload: { refundId: refund.id, amount: refund.amount.amount, currency: refund.amount.currency, lines },
      };
    });
  }

  private async move(id: string, to: ReturnStatus, actor: string, field: string, plan: (current: ReturnRecord, at: Date) => Promise<Step> | Step): Promise<ReturnRecord> {
    const objectId = toObjectIdOrNull(id);
    if (!objectId) throw notFound('Return', id, field);
    const updated = await this.lock.run(returnKey(objectId), async () => {
      const current = await this.returns.findById(objectId, WITHOUT_OUTBOX).lean<ReturnRecord>();
      if (!current) throw notFound('Return', id, field);
      assertReturnTransition(current.status, to);
      const at = new Date();
      const step = await plan(current, at);
      const set = { status: to, ...step.set };
      const payload = { orderId: current.orderId, returnId: String(current._id), rmaNumber: current.rmaNumber, from: current.status, to, ...step.payload };
      const event = newEvent(EVENT_BY_STATUS[to], 'Return', String(current._id), payload, actor, at);
      const record = await this.returns
        .findOneAndUpdate({ _id: objectId, status: current.status }, { $set: set, $push: { outbox: event } }, { returnDocument: 'after' })
        .lean<ReturnRecord>();
      if (!record) {
        log.warn({ returnId: id, from: current.status, to }, 'return changed by another writer between read and update');
        throw new OmsError('CONFLICT', `Return ${id} changed while it was being updated; retry the request`, { id });
      }
      const { outbox: _outbox, ...rest } = record; // findAndModify takes no projection on FerretDB v1
      return rest as ReturnRecord;
    });
    this.events.relayReturn(updated._id);
    return updated;
  }

  private async assertReturnable(input: RequestReturn): Promise<void> {
    const [shipped, returned] = await Promise.all([
      this.shipments.find({ orderId: input.orderId, status: { $in: [...SHIPPED_STATUSES] } }, { lines: 1 }).lean<Array<Pick<ShipmentRecord, 'lines'>>>(),
      this.returns.find({ orderId: input.orderId, status: { $in: [...OPEN_OR_DONE_RETURN_STATUSES] } }, { lines: 1 }).lean<Array<Pick<ReturnRecord, 'lines'>>>(),
    ]);
    const left = new Map<string, number>();
    for (const line of shipped.flatMap((shipment) => shipment.lines)) left.set(line.sku, (left.get(line.sku) ?? 0) + line.quantity);
    for (const line of returned.flatMap((record) => record.lines)) left.set(line.sku, (left.get(line.sku) ?? 0) - line.quantity);
    input.lines.forEach((line, index) => {
      const available = Math.max(0, left.get(line.sku) ?? 0);
      if (line.quantity > available) {
        throw badInput(`input.lines[${index}].quantity`, `${line.quantity} exceeds the ${available} shipped unit(s) of ${line.sku} not already in a return`);
      }
    });
  }

  private async insert(input: RequestReturn, rmaNumber: string, actor: string): Promise<ReturnRecord> {
    const _id = new Types.ObjectId();
    const returnId = String(_id);
    const lines = input.lines.map(({ sku, quantity }) => ({ sku, quantity, receivedQuantity: 0, condition: null, restockLocationId: null }));
    const event = newEvent(
      FULFILLMENT_EVENTS.returnRequested,
      'Return',
      returnId,
      { orderId: input.orderId, returnId, rmaNumber, to: 'REQUESTED', reason: input.reason, lines: input.lines.map(({ sku, quantity }) => ({ sku, quantity })) },
      actor,
    );
    const created = await this.returns.create({
      _id,
      rmaNumber,
      idempotencyKey: input.idempotencyKey ?? `generated:${randomUUID()}`,
      orderId: input.orderId,
      status: 'REQUESTED',
      reason: input.reason,
      lines,
      outbox: [event],
    });
    const { outbox: _outbox, ...record } = created.toObject<ReturnRecord>();
    return record as ReturnRecord;
  }

  private findRepeat(input: RequestReturn): Promise<ReturnRecord | null> {
    if (!input.idempotencyKey) return Promise.resolve(null);
    return this.returns.findOne({ idempotencyKey: input.idempotencyKey }, WITHOUT_OUTBOX).lean<ReturnRecord>().exec();
  }
}

function eventLine(line: ReturnLineRecord): Record<string, unknown> {
  return { sku: line.sku, quantity: line.quantity, receivedQuantity: line.receivedQuantity, condition: line.condition ?? null, restockLocationId: line.restockLocationId ?? null };
}
