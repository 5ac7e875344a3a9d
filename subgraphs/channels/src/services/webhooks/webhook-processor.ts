// Processes stored webhook deliveries: parse with the connector, drop a delivery whose channel
// delivery id was processed already, and hand the orders to the same sink as the syncs. A delivery
// that cannot be processed yet (hub down, connection paused) stays PENDING and is retried.
import { isConnectorError, type CanonicalOrder, type ChannelRecord, type DeadLetterEntry } from '@oms/connector-kit';
import { createLogger } from '@oms/platform';
import type { ConnectionRecord } from '../../models/connection.model';
import type { WebhookDeliveryModel, WebhookDeliveryRecord } from '../../models/webhook-delivery.model';
import type { ConnectionStore } from '../connection-store';
import type { ConnectorRuntime } from '../connector-runtime';
import type { DeadLetters } from '../dead-letters';
import { backoffMs, classifyFailure } from '../sync/failure';
import { HubUnavailableError, RuntimeSink, type SinkDeps } from '../sync/runtime-sink';

const log = createLogger('channels.webhooks');
/** A delivery for a paused or parked connection is looked at again this much later. */
const DEFER_MS = 30_000;
const DRAIN_BATCH = 100;

export interface WebhookProcessorDeps {
  deliveries: WebhookDeliveryModel;
  store: ConnectionStore;
  runtime: ConnectorRuntime;
  deadLetters: DeadLetters;
  sink: SinkDeps;
}

export class WebhookProcessor {
  constructor(private readonly deps: WebhookProcessorDeps) {}

  /** Due PENDING deliveries, oldest first (in-process queue; the BullMQ queue calls process directly). */
  async due(limit = DRAIN_BATCH): Promise<Array<{ id: string; at: Date }>> {
    const now = Date.now();
    const pending = await this.deps.deliveries.find({ status: 'PENDING' }, { _id: 1, nextAttemptAt: 1, receivedAt: 1 }).lean<Array<Pick<WebhookDeliveryRecord, '_id' | 'nextAttemptAt' | 'receivedAt'>>>();
    return pending
      .filter((delivery) => new Date(delivery.nextAttemptAt).getTime() <= now)
      .sort((a, b) => new Date(a.receivedAt).getTime() - new Date(b.receivedAt).getTime())
      .slice(0, limit)
      .map((delivery) => ({ id: delivery._id, at: new Date(delivery.nextAttemptAt) }));
  }

  async drain(): Promise<void> {
    for (const { id } of await this.due()) await this.process(id);
  }

  /** Makes the deliveries of a connection due now (it was resumed). */
  async wakeConnection(connectionId: string): Promise<void> {
    await this.deps.deliveries.updateMany({ connectionId, status: 'PENDING' }, { $set: { nextAttemptAt: new Date() } }).exec();
  }

  /** Returns the time to try again when the delivery stays pending, else null. */
  async process(id: string): Promise<Date | null> {
    const delivery = await this.deps.deliveries.findById(id).lean<WebhookDeliveryRecord>();
    if (!delivery || delivery.status !== 'PENDING') return null;
    const connection = await this.deps.store.get(delivery.connectionId);
    if (!connection) {
      await this.settle(delivery, 'FAILED', { error: 'the connection was removed' });
      return null;
    }
    if (connection.status !== 'ACTIVE') return this.retryLater(delivery, DEFER_MS, `connection ${connection.status}`, false);

    const connector = this.deps.runtime.connector(connection);
    let parsed;
    try {
      parsed = await connector.webhooks!.parse(this.deps.runtime.context(connection), { headers: delivery.headers, rawBody: Buffer.from(delivery.rawBody, 'base64') });
    } catch (error) {
      if (isConnectorError(error) && error.kind === 'BAD_RECORD') {
        await this.deps.deadLetters.record(connection._id, 'ORDERS', [
          { channelRecordId: error.details.channelId ?? delivery._id, stage: 'MAP', reason: error.message, raw: Buffer.from(delivery.rawBody, 'base64').toString('utf8'), replayFrom: delivery.checkpointAtReceipt },
        ]);
        await this.settle(delivery, 'FAILED', { error: error.message });
        return null;
      }
      return this.failed(connection, delivery, error);
    }

    try {
      await this.deps.deliveries.updateOne({ _id: delivery._id }, { $set: { deliveryId: parsed.deliveryId, topic: parsed.topic } }).exec();
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      await this.settle(delivery, 'DUPLICATE', {});
      return null;
    }

    try {
      await this.importRecords(connection, delivery, parsed.records);
    } catch (error) {
      return this.failed(connection, delivery, error);
    }
    await this.settle(delivery, 'PROCESSED', {});
    return null;
  }

  private async importRecords(connection: ConnectionRecord, delivery: WebhookDeliveryRecord, records: Array<ChannelRecord<CanonicalOrder>>): Promise<void> {
    const sink = new RuntimeSink(this.deps.sink, connection, () => delivery.checkpointAtReceipt);
    const bad = records.filter((record): record is Extract<typeof record, { ok: false }> => !record.ok);
    const good = [...new Map(records.filter((record): record is Extract<typeof record, { ok: true }> => record.ok).map((record) => [record.record.channelOrderId, record.record])).values()];
    const at = new Date().toISOString();
    const checkpoint = delivery.checkpointAtReceipt ?? '';
    const letters: DeadLetterEntry[] = bad.map((record) => ({ channelId: record.channelId, reason: record.reason, stage: 'MAP', payload: record.raw, checkpoint, at }));
    const outcomes = good.length ? await sink.upsertOrders(connection.channel, good) : [];
    const byId = new Map<string, CanonicalOrder>(good.map((order) => [order.channelOrderId, order]));
    for (const outcome of outcomes) {
      if (outcome.outcome === 'FAILED') letters.push({ channelId: outcome.channelOrderId, reason: outcome.reason ?? 'the hub refused the order', stage: 'HUB', payload: byId.get(outcome.channelOrderId), checkpoint, at });
    }
    if (letters.length) await sink.deadLetter(connection.channel, letters);
    const count = (kind: string) => outcomes.filter((outcome) => outcome.outcome === kind).length;
    await this.deps.store.addCounts(connection._id, { imported: count('CREATED'), unchanged: count('UNCHANGED'), cancelled: count('CANCELLED') });
  }

  private async failed(connection: ConnectionRecord, delivery: WebhookDeliveryRecord, error: unknown): Promise<Date | null> {
    const action = classifyFailure(error, delivery.attempts + 1);
    if (action.park && !(error instanceof HubUnavailableError)) {
      const name = this.deps.runtime.registry.get(connection.kind)?.manifest.displayName ?? connection.kind;
      await this.deps.store.park(connection._id, `${name}: ${action.reason}`);
      return this.retryLater(delivery, DEFER_MS, action.reason, true);
    }
    log.warn({ connectionId: connection._id, delivery: delivery._id, reason: action.reason }, 'webhook delivery not processed; retrying');
    return this.retryLater(delivery, action.park ? backoffMs(delivery.attempts + 1) : action.retryInMs, action.reason, true);
  }

  private async retryLater(delivery: WebhookDeliveryRecord, delayMs: number, reason: string, attempted: boolean): Promise<Date> {
    const at = new Date(Date.now() + delayMs);
    await this.deps.deliveries.updateOne({ _id: delivery._id }, { $set: { nextAttemptAt: at, error: reason }, ...(attempted ? { $inc: { attempts: 1 } } : {}) }).exec();
    return at;
  }

  private async settle(delivery: WebhookDeliveryRecord, status: WebhookDeliveryRecord['status'], fields: { error?: string }): Promise<void> {
    await this.deps.deliveries.updateOne({ _id: delivery._id, status: 'PENDING' }, { $set: { status, processedAt: new Date(), error: fields.error ?? null }, $inc: { attempts: 1 } }).exec();
  }
}
