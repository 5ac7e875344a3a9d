// Reads and writes of delivery records shared by the dispatcher, the sender and the graph. Every
// change to one delivery is a version compare-and-set under a per-delivery lock (FerretDB v1 does not
// isolate updates; see docs/ARCHITECTURE.md), so two workers never both send one attempt.
import { createHash } from 'node:crypto';
import { KeyedLock } from '@oms/platform';
import { OPEN_STATUSES, type WebhookAttemptRecord, type WebhookDeliveryModel, type WebhookDeliveryRecord } from '../models/webhook-delivery.model';

/** What the scheduler needs to pick the next delivery of each chain (no payloads). */
export type DeliveryHead = Pick<WebhookDeliveryRecord, '_id' | 'chainKey' | 'seq' | 'status' | 'attempts' | 'nextAttemptAt' | 'leaseUntil' | 'createdAt'>;
const HEAD_FIELDS = { _id: 1, chainKey: 1, seq: 1, status: 1, attempts: 1, nextAttemptAt: 1, leaseUntil: 1, createdAt: 1 };

export type NewDelivery = Omit<WebhookDeliveryRecord, '_id' | 'status' | 'attempts' | 'roundStart' | 'manualPending' | 'lastStatusCode' | 'lastError' | 'leaseUntil' | 'deliveredAt' | 'requestId' | 'attemptLog' | 'version' | 'createdAt' | 'updatedAt' | 'nextAttemptAt'>;

/** Deterministic: the same event for the same endpoint is one delivery, however often it is read. */
export function deliveryIdOf(endpointId: string, eventId: string): string {
  return `whd_${createHash('sha256').update(`${endpointId}|${eventId}`).digest('hex').slice(0, 24)}`;
}

export class DeliveryStore {
  readonly lock = new KeyedLock();

  constructor(readonly model: WebhookDeliveryModel) {}

  async existingIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const docs = await this.model.find({ _id: { $in: ids } }, { _id: 1 }).lean<Array<{ _id: string }>>();
    return new Set(docs.map((doc) => doc._id));
  }

  /** Stores a new delivery; null when it exists already (the event was read before). */
  async create(delivery: NewDelivery, now = new Date()): Promise<WebhookDeliveryRecord | null> {
    const record: WebhookDeliveryRecord = {
      ...delivery,
      _id: deliveryIdOf(delivery.endpointId, delivery.eventId),
      status: 'PENDING',
      attempts: 0,
      roundStart: 0,
      manualPending: false,
      lastStatusCode: null,
      lastError: null,
      nextAttemptAt: now,
      leaseUntil: null,
      deliveredAt: null,
      requestId: null,
      attemptLog: [],
      version: 0,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.model.create([record]);
      return record;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return null;
      throw error;
    }
  }

  get(id: string): Promise<WebhookDeliveryRecord | null> {
    return this.model.findById(id).lean<WebhookDeliveryRecord>().exec();
  }

  /** Every delivery still to be sent (status equality: FerretDB pushes it down; there are few). */
  openHeads(): Promise<DeliveryHead[]> {
    return this.model.find({ status: { $in: OPEN_STATUSES } }, HEAD_FIELDS).lean<DeliveryHead[]>().exec();
  }

  /** Open deliveries of one chain, oldest event first. */
  async openInChain(chainKey: string): Promise<DeliveryHead[]> {
    const docs = await this.model.find({ chainKey, status: { $in: OPEN_STATUSES } }, HEAD_FIELDS).lean<DeliveryHead[]>();
    return docs.sort((a, b) => a.seq - b.seq);
  }

  /** Takes the delivery for one attempt: null when it changed meanwhile or another worker holds it. */
  claim(delivery: WebhookDeliveryRecord, leaseMs: number, now = new Date()): Promise<WebhookDeliveryRecord | null> {
    return this.lock.run(`delivery:${delivery._id}`, async () => {
      const result = await this.model.updateOne(
        { _id: delivery._id, version: delivery.version, status: { $in: OPEN_STATUSES } },
        { $set: { leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now }, $inc: { version: 1 } },
      );
      return result.modifiedCount === 1 ? { ...delivery, version: delivery.version + 1, leaseUntil: new Date(now.getTime() + leaseMs) } : null;
    });
  }

  /** Records an attempt's outcome on a claimed delivery (with the payload, when its selection was resolved for it). */
  recordAttempt(
    claimed: WebhookDeliveryRecord,
    attempt: WebhookAttemptRecord,
    outcome: Pick<WebhookDeliveryRecord, 'status' | 'nextAttemptAt' | 'deliveredAt'> & Partial<Pick<WebhookDeliveryRecord, 'payload' | 'pendingSelection'>>,
  ): Promise<boolean> {
    return this.change(claimed, {
      $set: {
        ...outcome,
        lastStatusCode: attempt.statusCode,
        lastError: attempt.error,
        requestId: attempt.requestId,
        leaseUntil: null,
        manualPending: false,
        updatedAt: new Date(),
      },
      $push: { attemptLog: attempt },
      $inc: { attempts: 1, version: 1 },
    });
  }

  /** Gives a delivery up without an attempt (its endpoint is gone or inactive). */
  abandon(delivery: WebhookDeliveryRecord, reason: string): Promise<boolean> {
    return this.change(delivery, { $set: { status: 'DEAD', lastError: reason, nextAttemptAt: null, leaseUntil: null, updatedAt: new Date() }, $inc: { version: 1 } });
  }

  /** Makes a delivery due now as a new round of attempts (manual redelivery). */
  reopen(delivery: WebhookDeliveryRecord, now = new Date()): Promise<boolean> {
    return this.change(delivery, {
      $set: { status: delivery.status === 'FAILED' ? 'FAILED' : 'PENDING', nextAttemptAt: now, roundStart: delivery.attempts, manualPending: true, updatedAt: now },
      $inc: { version: 1 },
    });
  }

  private change(delivery: WebhookDeliveryRecord, update: Record<string, unknown>): Promise<boolean> {
    return this.lock.run(`delivery:${delivery._id}`, async () => {
      const result = await this.model.updateOne({ _id: delivery._id, version: delivery.version }, update);
      return result.modifiedCount === 1;
    });
  }
}
