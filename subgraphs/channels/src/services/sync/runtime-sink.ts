// The HubSink every sync and webhook of one connection hands its orders to: the kit's GraphHubSink
// (the hub's graph, `importOrders`, as the `channels` service) plus this runtime's own records: the channel line ids
// of imported orders (fulfillments need them), SKUs seen (the stock listing), dead letters stored
// here and resolved when their record goes through later.
import { GraphHubSink, kitLogger, type CanonicalOrder, type DeadLetterEntry, type HubSink, type UpsertOutcome } from '@oms/connector-kit';
import { OmsError } from '@oms/platform';
import { channelOrderKey, type ChannelOrderModel } from '../../models/channel-order.model';
import type { ConnectionRecord } from '../../models/connection.model';
import type { ConnectionStore } from '../connection-store';
import type { DeadLetters } from '../dead-letters';
import type { HubClient } from '../hub-client';

export interface SinkDeps {
  hub: HubClient;
  store: ConnectionStore;
  deadLetters: DeadLetters;
  channelOrders: ChannelOrderModel;
  /** New SKUs in the listing get their current stock published. */
  onNewSkus(connection: ConnectionRecord, skus: string[]): Promise<void>;
}

/**
 * The hub could not take a batch (unreachable, or refused this service's identity). Never a reason to
 * park the channel connection: the batch is retried as a whole later.
 */
export class HubUnavailableError extends Error {}

export class RuntimeSink implements HubSink {
  private readonly log;

  constructor(
    private readonly deps: SinkDeps,
    private readonly connection: ConnectionRecord,
    /** The stream position before the batch being handed over (dead letters replay from it). */
    private readonly replayFrom: () => string | null,
  ) {
    const log = kitLogger('channels.sink', { connectionId: connection._id, channel: connection.channel });
    // Every hub request at info level would drown the log; they show with LOG_LEVEL=debug.
    this.log = log.isLevelEnabled('warn') && !log.isLevelEnabled('debug') ? log.child({}, { level: 'warn' }) : log;
  }

  async upsertOrders(channel: string, orders: CanonicalOrder[]): Promise<UpsertOutcome[]> {
    let outcomes: UpsertOutcome[];
    try {
      // Headers per request: a large batch outlives one short-lived signed identity.
      const sink = new GraphHubSink({ url: this.deps.hub.url(), headers: () => this.deps.hub.headers(), log: this.log });
      outcomes = await sink.upsertOrders(channel, orders);
    } catch (error) {
      if (error instanceof OmsError) throw new HubUnavailableError(error.message);
      throw new HubUnavailableError(`the hub did not take the batch: ${(error as Error).message}`);
    }
    const byId = new Map(orders.map((order) => [order.channelOrderId, order]));
    const through = outcomes.filter((outcome) => outcome.outcome !== 'FAILED');
    if (through.length) {
      const now = new Date();
      await this.deps.channelOrders.bulkWrite(
        through.map((outcome) => {
          const order = byId.get(outcome.channelOrderId)!;
          return {
            updateOne: {
              filter: { _id: channelOrderKey(this.connection._id, outcome.channelOrderId) },
              update: {
                $set: { hubOrderId: outcome.hubOrderId ?? null, lines: order.lines.map((line) => ({ channelLineId: line.channelLineId, sku: line.sku, quantity: line.quantity })) },
                $setOnInsert: { connectionId: this.connection._id, channelOrderId: outcome.channelOrderId, importedAt: now },
              },
              upsert: true,
            },
          };
        }),
        { ordered: false },
      );
      await this.deps.deadLetters.resolve(this.connection._id, 'ORDERS', through.map((outcome) => outcome.channelOrderId));
      const skus = through.flatMap((outcome) => byId.get(outcome.channelOrderId)!.lines.map((line) => line.sku));
      const fresh = await this.deps.store.addSeenSkus(this.connection, skus);
      if (fresh.length) await this.deps.onNewSkus(this.connection, fresh);
    }
    return outcomes;
  }

  async deadLetter(_channel: string, entries: DeadLetterEntry[]): Promise<void> {
    await this.deps.deadLetters.record(
      this.connection._id,
      'ORDERS',
      entries.map((entry) => ({
        channelRecordId: entry.channelId,
        stage: entry.stage,
        reason: entry.reason,
        raw: entry.payload ?? null,
        // A record the connector could not read is read again from the position before its batch.
        replayFrom: entry.stage === 'MAP' ? this.replayFrom() : null,
      })),
    );
  }
}
