// Fulfillment's event log and the lock keys every writer shares with it.
//
// Each shipment or return change pushes its event onto the document's `outbox` in the same update
// (see EventLog); the writer then relays it, after releasing its locks (the relay takes the
// document's key itself). The orders subgraph polls `fulfillmentEvents` and re-derives order status
// from them, so every payload carries `orderId`.
import { EventLog, type KeyedLock } from '@oms/platform';
import type { Connection, Types } from 'mongoose';
import type { ReturnModel } from '../models/return.model';
import type { ShipmentModel } from '../models/shipment.model';

export const FULFILLMENT_EVENTS = {
  shipmentCreated: 'fulfillment.shipment.created',
  shipmentStatusChanged: 'fulfillment.shipment.status_changed',
  returnRequested: 'fulfillment.return.requested',
  returnApproved: 'fulfillment.return.approved',
  returnRejected: 'fulfillment.return.rejected',
  returnReceived: 'fulfillment.return.received',
  returnRefunded: 'fulfillment.return.refunded',
} as const;

// Lock order, to stay deadlock-free: an order key may be held while taking a shipment key, never the
// reverse; nothing relays while holding any key.
export const orderKey = (orderId: string) => `order:${orderId}`;
export const shipmentKey = (id: string | Types.ObjectId) => `shipment:${String(id)}`;
export const returnKey = (id: string | Types.ObjectId) => `return:${String(id)}`;

export class FulfillmentEvents {
  readonly log: EventLog;

  constructor(
    connection: Connection,
    lock: KeyedLock,
    private readonly shipments: ShipmentModel,
    private readonly returns: ReturnModel,
  ) {
    this.log = new EventLog('fulfillment', connection, lock);
  }

  /**
   * Relays the shipment's outbox in the log's next group-committed round, without waiting: the change
   * is committed and the outbox keeps the event until it is stored (retried; swept at start).
   * `written`: the outbox exactly as the write stored it, when the writer has it (spares a read).
   */
  relayShipment(id: Types.ObjectId, written?: { outbox: unknown[] }): void {
    this.log.relaySoon(this.shipments, id, shipmentKey(id), written);
  }

  relayReturn(id: Types.ObjectId): void {
    this.log.relaySoon(this.returns, id, returnKey(id));
  }

  /** At start: relays what a crash left in outboxes. */
  async sweep(): Promise<number> {
    const shipments = await this.log.sweep(this.shipments, (doc) => shipmentKey(doc._id as Types.ObjectId));
    const returns = await this.log.sweep(this.returns, (doc) => returnKey(doc._id as Types.ObjectId));
    return shipments + returns;
  }
}
