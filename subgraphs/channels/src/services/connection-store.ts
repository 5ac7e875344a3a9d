// Every write to a connection document, each a single-document update run under a per-connection
// lock: FerretDB v1 does not isolate updates (two `$inc`s can lose one), and the sync lease is a
// guarded update that must be atomic (on MongoDB the guard alone is).
import { hostname } from 'node:os';
import { findByKeys, KeyedLock, createLogger } from '@oms/platform';
import type { ConnectionCounts, ConnectionModel, ConnectionRecord, ConnectionStatus } from '../models/connection.model';

const log = createLogger('channels.connections');

export const PROCESS_ID = `${hostname()}:${process.pid}`;

export type CountDelta = Partial<ConnectionCounts>;

export class ConnectionStore {
  private readonly lock = new KeyedLock();
  /** Told when a connection is parked (its running sync must stop). */
  onParked: (id: string) => void = () => undefined;

  constructor(readonly model: ConnectionModel) {}

  get(id: string): Promise<ConnectionRecord | null> {
    return this.model.findById(id).lean<ConnectionRecord>().exec();
  }

  many(ids: readonly string[]): Promise<ConnectionRecord[]> {
    return findByKeys<ConnectionRecord>(this.model, '_id', ids);
  }

  all(): Promise<ConnectionRecord[]> {
    return this.model.find({}).lean<ConnectionRecord[]>().exec();
  }

  active(): Promise<ConnectionRecord[]> {
    return this.model.find({ status: 'ACTIVE' }).lean<ConnectionRecord[]>().exec();
  }

  byChannels(channels: string[]): Promise<ConnectionRecord[]> {
    return this.model.find({ channel: { $in: channels } }).lean<ConnectionRecord[]>().exec();
  }

  /** Applies an update to one connection under its lock and returns the document after it. */
  update(id: string, update: Record<string, unknown>, guard: Record<string, unknown> = {}): Promise<ConnectionRecord | null> {
    return this.lock.run(id, () =>
      this.model
        .findOneAndUpdate({ _id: id, ...guard }, { ...update, $set: { ...((update.$set as object) ?? {}), updatedAt: new Date() } }, { returnDocument: 'after' })
        .lean<ConnectionRecord>()
        .exec(),
    );
  }

  /** Takes the sync lease unless a live one is held; true when this run holds it now. */
  async acquireLease(id: string, runId: string, ttlMs: number): Promise<boolean> {
    const now = new Date();
    const updated = await this.lock.run(id, () =>
      this.model
        .updateOne(
          { _id: id, status: 'ACTIVE', $or: [{ lease: null }, { 'lease.until': { $lt: now } }] },
          { $set: { lease: { runId, owner: PROCESS_ID, until: new Date(now.getTime() + ttlMs) } } },
        )
        .exec(),
    );
    return updated.modifiedCount === 1;
  }

  /** Extends the lease; false when this run lost it (expired and taken by another run). */
  async renewLease(id: string, runId: string, ttlMs: number): Promise<boolean> {
    const updated = await this.lock.run(id, () => this.model.updateOne({ _id: id, 'lease.runId': runId }, { $set: { 'lease.until': new Date(Date.now() + ttlMs) } }).exec());
    return updated.matchedCount === 1;
  }

  async releaseLease(id: string, runId: string, update: Record<string, unknown> = {}): Promise<void> {
    await this.lock.run(id, () => this.model.updateOne({ _id: id, 'lease.runId': runId }, { ...update, $set: { ...((update.$set as object) ?? {}), lease: null } }).exec());
  }

  /** Saves the stream position reached by a run; false when the run no longer holds the lease. */
  async saveCheckpoint(id: string, runId: string, checkpoint: string, counts: CountDelta, ttlMs: number): Promise<boolean> {
    const updated = await this.lock.run(id, () =>
      this.model
        .updateOne(
          { _id: id, 'lease.runId': runId },
          { $set: { checkpoint, 'lease.until': new Date(Date.now() + ttlMs) }, ...incCounts(counts) },
        )
        .exec(),
    );
    return updated.matchedCount === 1;
  }

  async addCounts(id: string, counts: CountDelta): Promise<void> {
    const inc = incCounts(counts);
    if (!inc.$inc) return;
    await this.lock.run(id, () => this.model.updateOne({ _id: id }, inc).exec());
  }

  /** Adds SKUs seen in orders to the listing; returns those that were new. */
  async addSeenSkus(connection: ConnectionRecord, skus: string[]): Promise<string[]> {
    const known = new Set([...connection.seenSkus, ...connection.skus]);
    const fresh = [...new Set(skus)].filter((sku) => !known.has(sku));
    if (!fresh.length) return [];
    await this.lock.run(connection._id, () => this.model.updateOne({ _id: connection._id }, { $addToSet: { seenSkus: { $each: fresh } } }).exec());
    for (const sku of fresh) connection.seenSkus.push(sku);
    return fresh;
  }

  /**
   * Stops a connection because the channel refused its credentials or config: nothing runs until
   * someone fixes it and resumes. Logged as an alert.
   */
  async park(id: string, reason: string): Promise<void> {
    const parked = await this.update(id, { $set: { status: 'PARKED' satisfies ConnectionStatus, statusReason: reason, health: { ok: false, lastCheckAt: new Date(), message: reason } } }, { status: { $ne: 'PARKED' } });
    if (parked) this.onParked(id);
    if (parked) log.error({ alert: 'CHANNEL_CONNECTION_PARKED', connectionId: id, channel: parked.channel, reason }, `channel connection ${parked.name} parked: ${reason}`);
  }

  async setHealth(id: string, ok: boolean, message: string | null): Promise<void> {
    await this.lock.run(id, () => this.model.updateOne({ _id: id }, { $set: { health: { ok, lastCheckAt: new Date(), message } } }).exec());
  }
}

function incCounts(counts: CountDelta): { $inc?: Record<string, number> } {
  const entries = Object.entries(counts).filter(([, value]) => typeof value === 'number' && value !== 0);
  return entries.length ? { $inc: Object.fromEntries(entries.map(([key, value]) => [`counts.${key}`, value as number])) } : {};
}
