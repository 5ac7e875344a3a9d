// Retrying dead letters, each the way its record can go through again: an order the hub refused is
// sent to the hub again now; a record the connector could not read is read again from the channel by
// a replay sync from the position before it; a refused push is queued again.
import type { CanonicalOrder } from '@oms/connector-kit';
import { badInput, notFound } from '@oms/platform';
import type { DeadLetterRecord } from '../models/dead-letter.model';
import type { ConnectionStore } from './connection-store';
import type { DeadLetters } from './dead-letters';
import type { FulfillmentPushes } from './outbound/fulfillment-pushes';
import type { StockQueue } from './outbound/stock-queue';
import type { JobQueue } from './scheduling/job-queue';
import { RuntimeSink, type SinkDeps } from './sync/runtime-sink';
import type { SyncRunner } from './sync/sync-runner';

export interface RetryDeps {
  store: ConnectionStore;
  deadLetters: DeadLetters;
  sink: SinkDeps;
  runner: SyncRunner;
  queue: () => JobQueue;
  stock: StockQueue;
  fulfillments: FulfillmentPushes;
  /** Wakes the outbound loop. */
  wakeOutbound(): void;
}

export class DeadLetterRetry {
  constructor(private readonly deps: RetryDeps) {}

  async retry(connectionId: string, ids: string[] | null | undefined): Promise<DeadLetterRecord[]> {
    const connection = await this.deps.store.get(connectionId);
    if (!connection) throw notFound('ChannelConnection', connectionId, 'connectionId');
    const unresolved = await this.deps.deadLetters.unresolved(connectionId, ids);
    // A file's letters cannot be retried from here (the file is archived): the partner sends a corrected one.
    const letters = unresolved.filter((letter) => letter.stream !== 'INBOX');
    if (ids?.length) {
      const fileLetter = ids.findIndex((id) => unresolved.some((letter) => letter._id === id && letter.stream === 'INBOX'));
      if (fileLetter >= 0) throw badInput(`ids[${fileLetter}]`, `${JSON.stringify(ids[fileLetter])} is about a file the channel dropped: it is applied when the partner sends a corrected file, not retried`);
      const found = new Set(letters.map((letter) => letter._id));
      const index = ids.findIndex((id) => !found.has(id));
      if (index >= 0) throw badInput(`ids[${index}]`, `${JSON.stringify(ids[index])} is not an open dead letter of connection ${connectionId}`);
    }
    const hub = letters.filter((letter) => letter.stream === 'ORDERS' && letter.stage === 'HUB' && isOrder(letter.raw));
    const replay = letters.filter((letter) => letter.stream === 'ORDERS' && !hub.includes(letter));
    const stock = letters.filter((letter) => letter.stream === 'STOCK');
    const fulfillments = letters.filter((letter) => letter.stream === 'FULFILLMENTS');
    await this.deps.deadLetters.markRetrying(letters.map((letter) => letter._id));

    if (hub.length) {
      // The sink resolves the letters of orders that go in, and records the refusals again.
      const sink = new RuntimeSink(this.deps.sink, connection, () => null);
      const orders = hub.map((letter) => letter.raw as CanonicalOrder);
      const outcomes = await sink.upsertOrders(connection.channel, orders);
      const refused = outcomes.filter((outcome) => outcome.outcome === 'FAILED');
      const at = new Date().toISOString();
      if (refused.length) {
        const byId = new Map(orders.map((order) => [order.channelOrderId, order]));
        await sink.deadLetter(connection.channel, refused.map((outcome) => ({ channelId: outcome.channelOrderId, reason: outcome.reason ?? 'the hub refused the order', stage: 'HUB', payload: byId.get(outcome.channelOrderId), checkpoint: '', at })));
      }
      const count = (kind: string) => outcomes.filter((outcome) => outcome.outcome === kind).length;
      await this.deps.store.addCounts(connectionId, { imported: count('CREATED'), unchanged: count('UNCHANGED'), cancelled: count('CANCELLED') });
    }

    if (replay.length) {
      // Read the channel again from before the oldest of these records; imports are idempotent.
      const oldest = [...replay].sort((a, b) => new Date(a.updatedAt).getTime() - new Date(b.updatedAt).getTime())[0];
      await this.deps.store.update(connectionId, { $set: { replay: { from: oldest.replayFrom ?? null }, nextSyncAt: new Date() } });
      const started = connection.status === 'ACTIVE' ? await this.deps.runner.start(connectionId, 'RETRY') : null;
      if (started?.started) await this.deps.queue().dispatchRun(started.run._id);
      else await this.deps.queue().scheduleSync(connectionId, new Date());
    }

    if (stock.length) await this.deps.stock.enqueue(connectionId, stock.map((letter) => letter.channelRecordId));
    if (fulfillments.length) await this.deps.fulfillments.requeue(fulfillments.map((letter) => letter.channelRecordId));
    if (stock.length || fulfillments.length) this.deps.wakeOutbound();

    return this.deps.deadLetters.byIds(letters.map((letter) => letter._id));
  }
}

function isOrder(raw: unknown): boolean {
  return !!raw && typeof raw === 'object' && typeof (raw as CanonicalOrder).channelOrderId === 'string' && Array.isArray((raw as CanonicalOrder).lines);
}
