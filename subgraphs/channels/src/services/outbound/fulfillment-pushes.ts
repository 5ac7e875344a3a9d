// Shipment shipped in the hub → the fulfillment, with tracking, on the order's channel. The
// fulfillment log is read from this runtime's cursor into one push per shipment (so a shipment is
// confirmed once, whatever the redeliveries); a push looks the shipment and its order up through the
// graph and hands it to the connection whose channel the order came from.
import { compact, isConnectorError, type CanonicalFulfillment } from '@oms/connector-kit';
import { createLogger, type ConsumeOutcome, type ConsumerCursors, type TaskOutcome } from '@oms/platform';
import { channelOrderKey, type ChannelOrderModel, type ChannelOrderRecord } from '../../models/channel-order.model';
import type { ConnectionRecord } from '../../models/connection.model';
import type { FulfillmentPushModel, FulfillmentPushRecord } from '../../models/outbound.model';
import type { ConnectionStore } from '../connection-store';
import type { ConnectorRuntime } from '../connector-runtime';
import type { DeadLetters } from '../dead-letters';
import type { HubClient, HubShipment } from '../hub-client';
import { classifyFailure } from '../sync/failure';
import { earliest, inBackoff, outboundFailed, outboundSucceeded } from './outbound-failures';

const log = createLogger('channels.fulfillments');
const CONSUMER = 'fulfillment-pushes';
const SHIPMENT_CHANGED = 'fulfillment.shipment.status_changed';
const BATCH = 100;

export interface FulfillmentPushDeps {
  hub: HubClient;
  cursors: ConsumerCursors;
  pushes: FulfillmentPushModel;
  channelOrders: ChannelOrderModel;
  store: ConnectionStore;
  runtime: ConnectorRuntime;
  deadLetters: DeadLetters;
}

export class FulfillmentPushes {
  constructor(private readonly deps: FulfillmentPushDeps) {}

  /** Whether a fulfillment notice is a shipment shipping (the only change pushed to channels). */
  static concerns(event: { type: string; payload?: Record<string, unknown> | null }): boolean {
    return event.type === SHIPMENT_CHANGED && event.payload?.to === 'SHIPPED';
  }

  /** Shipments that moved to SHIPPED → one pending push each (a repeat of the event changes nothing). */
  consume(): Promise<ConsumeOutcome> {
    return this.deps.cursors.consume(
      CONSUMER,
      (after, first) => this.deps.hub.fulfillmentEvents(after, first, [SHIPMENT_CHANGED]),
      async (events) => {
        const now = new Date();
        const shipped = events.filter((event) => FulfillmentPushes.concerns(event));
        if (!shipped.length) return;
        await this.deps.pushes.bulkWrite(
          shipped.map((event) => ({
            updateOne: {
              filter: { _id: String(event.payload?.shipmentId ?? event.aggregateId) },
              update: {
                $setOnInsert: { orderId: String(event.payload?.orderId ?? ''), status: 'PENDING', connectionId: null, channel: null, channelOrderId: null, attempts: 0, nextAttemptAt: now, reference: null, error: null, createdAt: now, pushedAt: null },
              },
              upsert: true,
              setDefaultsOnInsert: false,
            },
          })),
          { ordered: false },
        );
      },
    );
  }

  /** Pushes the due fulfillments; answers when the next one falls due (or that more are due now). */
  async push(): Promise<TaskOutcome> {
    const now = Date.now();
    const pending = await this.deps.pushes.find({ status: 'PENDING' }).lean<FulfillmentPushRecord[]>();
    const allDue = pending.filter((push) => new Date(push.nextAttemptAt).getTime() <= now);
    const due = allDue.slice(0, BATCH);
    const later = earliest(pending.filter((push) => new Date(push.nextAttemptAt).getTime() > now).map((push) => new Date(push.nextAttemptAt).getTime()));
    if (!due.length) return { retryAt: later };
    const waits: Array<number | null> = [later];
    const shipments = await this.deps.hub.shipments(due.map((push) => push._id));
    const channels = [...new Set([...shipments.values()].map((shipment) => shipment?.order?.channel).filter((channel): channel is string => !!channel))];
    const connections = new Map((await this.deps.store.byChannels(channels)).map((connection) => [connection.channel, connection]));
    const work = new Map<ConnectionRecord, Array<{ push: FulfillmentPushRecord; shipment: HubShipment }>>();
    for (const push of due) {
      const shipment = shipments.get(push._id);
      if (!shipment?.order) {
        await this.settle(push, 'SKIPPED', { error: 'the hub has no such shipment or order' });
        continue;
      }
      const connection = connections.get(shipment.order.channel);
      if (!connection || !this.canPush(connection)) {
        // Orders from channels no connection runs (web, pos...) are nobody's to confirm here.
        await this.settle(push, 'SKIPPED', { channel: shipment.order.channel, error: connection ? `${connection.kind} connections cannot write fulfillments` : 'no channel connection for this channel' });
        continue;
      }
      if (connection.status !== 'ACTIVE' || inBackoff(connection)) {
        // Waits for its connection (a paused or parked one until it is resumed, which wakes the
        // pushes); recorded so the connection's lag shows it.
        if (inBackoff(connection)) waits.push(new Date(connection.outbound!.retryAt!).getTime());
        if (!push.connectionId) await this.deps.pushes.updateOne({ _id: push._id }, { $set: { connectionId: connection._id, channel: connection.channel, channelOrderId: shipment.order.channelOrderId } }).exec();
        continue;
      }
      work.set(connection, [...(work.get(connection) ?? []), { push, shipment }]);
    }
    waits.push(...(await Promise.all([...work].map(([connection, items]) => this.pushTo(connection, items)))));
    return { more: allDue.length > due.length, retryAt: earliest(waits) };
  }

  private canPush(connection: ConnectionRecord): boolean {
    const connector = this.deps.runtime.registry.get(connection.kind);
    return !!connector?.writers.createFulfillment && connector.manifest.capabilities.includes('fulfillment.write');
  }

  /** Pushes one connection's fulfillments in order; answers when to try again after a failure. */
  private async pushTo(connection: ConnectionRecord, items: Array<{ push: FulfillmentPushRecord; shipment: HubShipment }>): Promise<number | null> {
    const connector = this.deps.runtime.connector(connection);
    const orders = await this.deps.channelOrders
      .find({ _id: { $in: items.map(({ shipment }) => channelOrderKey(connection._id, shipment.order!.channelOrderId)) } })
      .lean<ChannelOrderRecord[]>();
    const byOrder = new Map(orders.map((order) => [order.channelOrderId, order]));
    for (const { push, shipment } of items) {
      const fulfillment = toFulfillment(shipment, byOrder.get(shipment.order!.channelOrderId));
      try {
        const result = await connector.writers.createFulfillment!(this.deps.runtime.context(connection), fulfillment);
        await this.settle(push, 'DONE', { connectionId: connection._id, channel: connection.channel, channelOrderId: fulfillment.channelOrderId, reference: result.reference ?? null, pushedAt: new Date() });
        await this.deps.store.addCounts(connection._id, { pushedFulfillments: 1 });
        await this.deps.deadLetters.resolve(connection._id, 'FULFILLMENTS', [push._id]);
        log.info({ connectionId: connection._id, shipmentId: push._id, channelOrderId: fulfillment.channelOrderId, reference: result.reference }, 'fulfillment confirmed on the channel');
      } catch (error) {
        if (isConnectorError(error) && error.kind === 'BAD_RECORD') {
          await this.settle(push, 'FAILED', { connectionId: connection._id, channel: connection.channel, channelOrderId: fulfillment.channelOrderId, error: error.message });
          await this.deps.deadLetters.record(connection._id, 'FULFILLMENTS', [{ channelRecordId: push._id, stage: 'CHANNEL', reason: error.message, raw: fulfillment }]);
          continue;
        }
        const action = classifyFailure(error, push.attempts + 1);
        await this.deps.pushes
          .updateOne({ _id: push._id }, { $set: { connectionId: connection._id, channel: connection.channel, channelOrderId: fulfillment.channelOrderId, error: action.reason, nextAttemptAt: new Date(Date.now() + (action.park ? 0 : action.retryInMs)) }, $inc: { attempts: 1 } })
          .exec();
        // The connection as a whole is throttled, down or refused: stop pushing to it this round.
        const retryAt = await outboundFailed(this.deps.store, connection, 'fulfillment push', error, connector.manifest.displayName);
        return retryAt === null ? null : Math.max(retryAt, Date.now() + (action.park ? 0 : action.retryInMs));
      }
    }
    await outboundSucceeded(this.deps.store, connection);
    return null;
  }

  private async settle(push: FulfillmentPushRecord, status: FulfillmentPushRecord['status'], fields: Partial<FulfillmentPushRecord>): Promise<void> {
    await this.deps.pushes.updateOne({ _id: push._id, status: 'PENDING' }, { $set: { status, ...fields } }).exec();
  }

  /** Pushes a failed shipment again (dead-letter retry). */
  async requeue(shipmentIds: string[]): Promise<void> {
    if (!shipmentIds.length) return;
    await this.deps.pushes.updateMany({ _id: { $in: shipmentIds } }, { $set: { status: 'PENDING', nextAttemptAt: new Date(), error: null } }).exec();
  }
}

/** The channel's view of a hub shipment: its lines with the channel's line ids where they are known. */
export function toFulfillment(shipment: HubShipment, order: ChannelOrderRecord | undefined): CanonicalFulfillment {
  const lineIdOf = (sku: string) => {
    const lines = (order?.lines ?? []).filter((line) => line.sku === sku);
    // A SKU on several channel lines: let the connector match by SKU rather than guess the line.
    return lines.length === 1 ? lines[0].channelLineId : undefined;
  };
  return compact({
    channelOrderId: shipment.order!.channelOrderId,
    shipmentId: shipment.id,
    lines: shipment.lines.map((line) => compact({ sku: line.sku, quantity: line.quantity, channelLineId: lineIdOf(line.sku) })),
    carrier: shipment.carrier ?? 'Other',
    trackingNumber: shipment.trackingNumber ?? '',
    trackingUrl: shipment.trackingUrl ?? undefined,
    shippedAt: shipment.shippedAt ? new Date(shipment.shippedAt).toISOString() : new Date().toISOString(),
  }) as CanonicalFulfillment;
}

