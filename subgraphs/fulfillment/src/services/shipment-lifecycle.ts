// Shipment status changes after creation: pick, pack, ship (inventory first), deliver, cancel, flag,
// and cancelling every unshipped shipment of an order.
//
// Each change is one conditional single-document update (`status` still the one read) inside the
// shipment's KeyedLock, with its `fulfillment.shipment.status_changed` event pushed onto the outbox in
// the same update; the event is relayed once the lock is released.
import { createLogger, fromZodError, newEvent, notFound, OmsError, toObjectIdOrNull, type KeyedLock } from '@oms/platform';
import type { ShipmentModel, ShipmentRecord, ShipmentStatus } from '../models/shipment.model';
import { parseCarrier, parseTrackingNumber, trackingUrl } from './carriers';
import { FULFILLMENT_EVENTS, orderKey, shipmentKey, type FulfillmentEvents } from './fulfillment-events';
import type { FulfillmentPeers } from './peers';
import { WITHOUT_OUTBOX } from './records';
import { assertShipmentTransition, UNSHIPPED_STATUSES } from './shipment-status';
import { reasonSchema, shipShipmentSchema } from './shipment.validation';

const log = createLogger('fulfillment.shipments');

interface Step {
  /** Extra fields set with the status. */
  set?: Record<string, unknown>;
  /** Extra event payload fields. */
  payload?: Record<string, unknown>;
}

interface MoveOptions {
  /** Argument naming the shipment id, for NOT_FOUND. */
  field: string;
  /** A repeat of a change already made (returned as is, nothing written). */
  isRepeat?: (current: ShipmentRecord) => boolean;
  /** Runs after the transition is known to be legal and before the update; may call peers. */
  plan?: (current: ShipmentRecord, at: Date) => Promise<Step> | Step;
}

export class ShipmentLifecycle {
  constructor(
    private readonly shipments: ShipmentModel,
    private readonly peers: FulfillmentPeers,
    private readonly lock: KeyedLock,
    private readonly events: FulfillmentEvents,
  ) {}

  pick(id: string, actor: string): Promise<ShipmentRecord> {
    return this.move(id, 'PICKING', actor, { field: 'id' });
  }

  pack(id: string, actor: string): Promise<ShipmentRecord> {
    return this.move(id, 'PACKED', actor, { field: 'id' });
  }

  /**
   * PACKED → SHIPPED. Inventory's commitShipment runs FIRST (idempotent on the shipment id), then the
   * status changes: a failure or crash in between leaves a PACKED shipment that can simply be shipped
   * again, and its stock is never taken twice. Inventory unreachable → UNAVAILABLE, nothing changed.
   * A repeat with the same carrier and tracking number returns the shipped shipment.
   */
  ship(rawInput: unknown, actor: string): Promise<ShipmentRecord> {
    const parsed = shipShipmentSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    const carrier = parseCarrier(input.carrier, 'input.carrier');
    const trackingNumber = parseTrackingNumber(input.trackingNumber, 'input.trackingNumber');
    return this.move(input.id, 'SHIPPED', actor, {
      field: 'input.id',
      isRepeat: (current) => current.status === 'SHIPPED' && current.carrier === carrier && current.trackingNumber === trackingNumber,
      plan: async (current, at) => {
        await this.peers.commitShipment(
          { orderId: current.orderId, shipmentId: String(current._id), locationId: current.locationId, lines: current.lines.map(({ sku, quantity }) => ({ sku, quantity })) },
          actor,
        );
        return { set: { carrier, service: input.service ?? current.service ?? null, trackingNumber, trackingUrl: trackingUrl(carrier, trackingNumber), shippedAt: at } };
      },
    });
  }

  deliver(id: string, actor: string): Promise<ShipmentRecord> {
    return this.move(id, 'DELIVERED', actor, { field: 'id', plan: (_current, at) => ({ set: { deliveredAt: at } }) });
  }

  cancel(id: string, rawReason: unknown, actor: string): Promise<ShipmentRecord> {
    const reason = parseReason(rawReason);
    return this.move(id, 'CANCELLED', actor, { field: 'id', plan: () => ({ set: { note: reason }, payload: { reason } }) });
  }

  flagException(id: string, rawReason: unknown, actor: string): Promise<ShipmentRecord> {
    const reason = parseReason(rawReason);
    return this.move(id, 'EXCEPTION', actor, { field: 'id', plan: (current) => ({ set: { note: reason, exceptionFrom: current.status }, payload: { reason } }) });
  }

  /**
   * Cancels every shipment of the order that has not shipped (PENDING, PICKING, PACKED, and EXCEPTION
   * when it never shipped); SHIPPED and DELIVERED ones are left alone. Idempotent: returns the order's
   * CANCELLED shipments, oldest first, the same on every repeat.
   */
  async cancelOrder(rawOrderId: string, rawReason: unknown, actor: string): Promise<ShipmentRecord[]> {
    const orderId = rawOrderId.trim();
    const reason = parseReason(rawReason);
    const cancelled = await this.lock.run(orderKey(orderId), async () => {
      const open = await this.shipments.find({ orderId, status: { $in: [...UNSHIPPED_STATUSES] } }, { _id: 1, status: 1, shippedAt: 1 }).lean<Array<Pick<ShipmentRecord, '_id' | 'status' | 'shippedAt'>>>();
      const changed: ShipmentRecord[] = [];
      for (const shipment of open.filter((candidate) => !(candidate.status === 'EXCEPTION' && candidate.shippedAt))) {
        try {
          const result = await this.moveLocked(String(shipment._id), 'CANCELLED', actor, { field: 'orderId', plan: () => ({ set: { note: reason }, payload: { reason } }) });
          if (result.changed) changed.push(result.shipment);
        } catch (error) {
          // It moved on (shipped) while this request waited for its lock: leave it.
          if (!(error instanceof OmsError && error.code === 'INVALID_TRANSITION')) throw error;
        }
      }
      return changed;
    });
    for (const shipment of cancelled) this.events.relayShipment(shipment._id);
    return this.shipments.find({ orderId, status: 'CANCELLED' }, WITHOUT_OUTBOX).sort({ _id: 1 }).lean<ShipmentRecord[]>();
  }

  private async move(id: string, to: ShipmentStatus, actor: string, options: MoveOptions): Promise<ShipmentRecord> {
    const { shipment, changed } = await this.moveLocked(id, to, actor, options);
    if (changed) this.events.relayShipment(shipment._id);
    return shipment;
  }

  private moveLocked(id: string, to: ShipmentStatus, actor: string, options: MoveOptions): Promise<{ shipment: ShipmentRecord; changed: boolean }> {
    const objectId = toObjectIdOrNull(id);
    if (!objectId) return Promise.reject(notFound('Shipment', id, options.field));
    return this.lock.run(shipmentKey(objectId), async () => {
      const current = await this.shipments.findById(objectId, WITHOUT_OUTBOX).lean<ShipmentRecord>();
      if (!current) throw notFound('Shipment', id, options.field);
      if (options.isRepeat?.(current)) return { shipment: current, changed: false };
      assertShipmentTransition(current, to);
      const at = new Date();
      const step = (await options.plan?.(current, at)) ?? {};
      const set = { status: to, ...step.set };
      const next = { ...current, ...set } as ShipmentRecord;
      const event = newEvent(FULFILLMENT_EVENTS.shipmentStatusChanged, 'Shipment', String(current._id), { ...statusPayload(current, to, next), ...step.payload }, actor, at);
      // The status filter makes the update conditional on MongoDB too, where another process could
      // have moved the shipment between the read and this write. (FerretDB v1's findAndModify takes no
      // projection, so the outbox comes back and is dropped here.)
      const updated = await this.shipments
        .findOneAndUpdate({ _id: objectId, status: current.status }, { $set: set, $push: { outbox: event } }, { returnDocument: 'after' })
        .lean<ShipmentRecord>();
      if (!updated) {
        log.warn({ shipmentId: id, from: current.status, to }, 'shipment changed by another writer between read and update');
        throw new OmsError('CONFLICT', `Shipment ${id} changed while it was being updated; retry the request`, { id });
      }
      const { outbox: _outbox, ...shipment } = updated;
      return { shipment: shipment as ShipmentRecord, changed: true };
    });
  }
}

function statusPayload(current: ShipmentRecord, to: ShipmentStatus, next: ShipmentRecord): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    orderId: current.orderId,
    shipmentId: String(current._id),
    locationId: current.locationId,
    from: current.status,
    to,
    lines: current.lines.map(({ sku, quantity }) => ({ sku, quantity })),
  };
  if (next.carrier) payload.carrier = next.carrier;
  if (next.trackingNumber) payload.trackingNumber = next.trackingNumber;
  if (next.trackingUrl) payload.trackingUrl = next.trackingUrl;
  return payload;
}

function parseReason(raw: unknown): string {
  const parsed = reasonSchema.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error, 'reason');
  return parsed.data;
}
