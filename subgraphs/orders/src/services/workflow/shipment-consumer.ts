// Keeps order status in step with shipments. Reads Fulfillment's event log from a persisted cursor
// when a shipment notice arrives on the event bus (and on a slow timer, in case a notice is lost);
// for the orders whose shipments changed, reads their shipments in one `_entities` call and applies
// the derived status (refresh-status.ts).
import { createLogger, type ConsumeOutcome, type ConsumerCursors, type StoredEvent } from '@oms/platform';
import { Types } from 'mongoose';
import type { OrderModel, OrderRecord } from '../../models/order.model';
import type { OrderPeers } from '../peers';
import { SYSTEM } from '../peers';
import { DERIVABLE, planRefresh } from './refresh-status';
import type { OrderWorkflow } from './workflow';
import type { WorkflowContext } from './workflow-context';

const log = createLogger('orders.shipment-status');

const CONSUMER = 'fulfillment-order-status';

export class ShipmentConsumer {
  constructor(
    private readonly ctx: WorkflowContext,
    private readonly orders: OrderModel,
    private readonly workflow: OrderWorkflow,
    private readonly peers: OrderPeers,
    private readonly cursors: ConsumerCursors,
  ) {}

  /** A new shipment ships nothing yet; every later shipment change may move its order. */
  static mayMoveOrder(event: Pick<StoredEvent, 'type'>): boolean {
    return event.type.startsWith('fulfillment.shipment.') && event.type !== 'fulfillment.shipment.created';
  }

  poll(): Promise<ConsumeOutcome> {
    return this.cursors.consume(
      CONSUMER,
      (after, first) => this.peers.fulfillmentEvents(after, first, null),
      async (events) => {
        const orderIds = new Set<string>();
        for (const event of events) {
          if (!ShipmentConsumer.mayMoveOrder(event)) continue;
          const orderId = event.payload?.orderId;
          if (typeof orderId === 'string' && Types.ObjectId.isValid(orderId)) orderIds.add(orderId);
        }
        if (orderIds.size) await this.refresh([...orderIds]);
      },
    );
  }

  /** Re-derives the status of many orders: one query here, one `_entities` call to Fulfillment. */
  async refresh(orderIds: string[]): Promise<void> {
    const orders = await this.orders
      .find({ _id: { $in: orderIds.map((id) => new Types.ObjectId(id)) }, status: { $in: [...DERIVABLE] } }, { _id: 1, channel: 1 })
      .lean<Array<Pick<OrderRecord, '_id' | 'channel'>>>();
    if (orders.length === 0) return;
    const ids = orders.map((order) => String(order._id));
    const [shipments, settings] = await Promise.all([this.peers.shipmentsOf(ids, SYSTEM), this.ctx.channels.forChannels(orders.map((order) => order.channel))]);
    for (const order of orders) {
      try {
        await this.workflow.locked(order._id, () =>
          this.ctx.writer.change(order._id, (current) => planRefresh(current, shipments.get(String(order._id)) ?? [], settings.get(current.channel)!, SYSTEM, false)),
        );
      } catch (error) {
        log.warn({ err: error, orderId: String(order._id) }, 'order status not refreshed');
      }
    }
  }
}
