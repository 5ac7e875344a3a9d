// Who may see and change which orders: the orders subgraph's object- and field-level rules in one
// place (the role scopes themselves live in @oms/platform auth/identity.ts; this applies them).
//
//   ADMIN, STAFF, SERVICE   everything.
//   PARTNER                 orders on its channels: read (every field), list, place, cancel.
//   CUSTOMER                its own orders: read, list, place (for itself only), cancel; the
//                           back-office fields (payments, holdReasons, allocations) are FORBIDDEN.
//   Everything else is back office only: hold rules, channel settings, recording payments and
//   refunds, releaseHold, refreshOrderStatus, orderEvents. Those role rules, and the back-office
//   fields of Order a CUSTOMER may not select, are the policy map's (../policies.ts).
// Out of scope is FORBIDDEN, never an empty answer, except in lists, which are narrowed.
import { assertChannelAccess, canAccessOrder, forbidden, isInternal, OmsError, type Identity } from '@oms/platform';
import type { OrderFilterArgs } from './order.service';
import { ORDER_EVENTS } from './order-events';
import { BACK_OFFICE_PLACEMENT, selfServiceChannel, type Placement } from './placement-policy';

/** What the scope checks need of an order. */
export interface ScopedOrder {
  channel: string;
  customerId?: string | null;
}

/** Events whose note is the reason their actor gave (the cancel reason), not the hub's own words. */
const CALLER_WORDED_EVENTS: readonly string[] = [ORDER_EVENTS.cancelled, ORDER_EVENTS.cancellationRequested, ORDER_EVENTS.linesCancelled];

/** Matches nothing: a list narrowed to no channel or no customer (printable: FerretDB's PostgreSQL backend rejects NUL). */
const NOTHING = '!out-of-scope';

export type { Placement } from './placement-policy';

export class OrderAccess {
  readonly identity: Identity;

  constructor(identity: Identity) {
    // Orders store channels trimmed and lower-cased; compare partner scopes the same way.
    this.identity = { ...identity, channels: identity.channels.map(normaliseChannel) };
  }

  get internal(): boolean {
    return isInternal(this.identity);
  }

  /** A refund without a received return is a person's decision: ADMIN or STAFF, never a hub service. */
  get mayRefundManually(): boolean {
    return this.identity.role === 'ADMIN' || this.identity.role === 'STAFF';
  }

  /** The order when the caller may see it, null when there is none; FORBIDDEN otherwise. */
  visible<T extends ScopedOrder>(order: T | null | undefined): T | null {
    if (!order) return null;
    if (!canAccessOrder(this.identity, order)) throw this.refusal(order);
    return order;
  }

  /** The order a mutation returned (an idempotent repeat may be someone else's): FORBIDDEN when out of scope. */
  returned<T extends ScopedOrder>(order: T): T {
    if (!canAccessOrder(this.identity, order)) throw this.refusal(order);
    return order;
  }

  /**
   * Before changing order `id`: FORBIDDEN unless the caller may see it. A missing order passes, so
   * the service answers NOT_FOUND as it does for everyone. Back office skips the read.
   */
  async assertCanChange(id: string, load: (id: string) => Promise<ScopedOrder | null>): Promise<void> {
    if (this.internal) return;
    this.visible(await load(id));
  }

  /** orderByChannel: a partner asking about another channel is refused before anything is read. */
  assertChannelReadable(channel: string): void {
    if (this.identity.role === 'PARTNER' && !this.identity.channels.includes(normaliseChannel(channel))) {
      throw new OmsError('FORBIDDEN', `PARTNER ${this.identity.subject} may not read orders of channel ${JSON.stringify(channel)}`, { field: 'channel' });
    }
  }

  /**
   * The `orders` filter narrowed to the caller's scope: a partner's channels (intersected with the
   * channels asked for), a customer's own id (another id matches nothing).
   */
  narrowFilter(filter: OrderFilterArgs | null | undefined): OrderFilterArgs {
    const narrowed: OrderFilterArgs = { ...(filter ?? {}) };
    if (this.internal) return narrowed;
    // Where an order is allocated is back-office information (Order.allocations): not a filter either.
    if (narrowed.locationId) throw new OmsError('FORBIDDEN', `${this.identity.role} ${this.identity.subject} may not filter orders by location`, { field: 'filter.locationId' });
    if (this.identity.role === 'PARTNER') {
      const own = this.identity.channels;
      const asked = narrowed.channel?.length ? narrowed.channel.map(normaliseChannel).filter((channel) => own.includes(channel)) : own;
      narrowed.channel = asked.length ? asked : [NOTHING];
      return narrowed;
    }
    const self = this.identity.role === 'CUSTOMER' ? this.identity.customerId : undefined;
    narrowed.customerId = self && (!narrowed.customerId || narrowed.customerId === self) ? self : NOTHING;
    return narrowed;
  }

  /** Customer.orders: whether any of that customer's orders can be visible (not another customer's). */
  canListOrdersOf(customerId: string): boolean {
    return this.identity.role !== 'CUSTOMER' || this.identity.customerId === customerId;
  }

  /** The extra filter of every Customer.orders page of this request: a partner's channels. */
  customerOrdersFilter(): Record<string, unknown> {
    return this.identity.role === 'PARTNER' ? { channel: { $in: this.identity.channels } } : {};
  }

  /**
   * placeOrder: a partner only on its channels, linking only customers of its channels (checked by
   * the service); a customer only for itself (customerId is forced to its own; another customerId is
   * FORBIDDEN, and so is `customer.email` other than its own, checked by the service once the
   * customer record is read), only on the self-service channel and without a channel order id (those
   * belong to the channel's connector and partners). Neither changes an existing customer's details,
   * and each has idempotency keys of its own.
   */
  placement(input: { channel: string; channelOrderId?: string | null; customerId?: string | null }): Placement {
    if (this.internal) return BACK_OFFICE_PLACEMENT;
    const channel = normaliseChannel(typeof input.channel === 'string' ? input.channel : '');
    if (this.identity.role === 'PARTNER') {
      try {
        assertChannelAccess(this.identity, channel);
      } catch (error) {
        throw new OmsError('FORBIDDEN', (error as Error).message, { field: 'input.channel' });
      }
      return { partnerChannels: this.identity.channels, idempotencyNamespace: `partner:${channel}`, mayChangeCustomer: false };
    }
    if (this.identity.role === 'CUSTOMER' && this.identity.customerId) {
      if (input.customerId && input.customerId.trim() !== this.identity.customerId) {
        throw new OmsError('FORBIDDEN', 'A CUSTOMER may place orders only for itself', { field: 'input.customerId' });
      }
      if (channel !== selfServiceChannel()) {
        throw new OmsError('FORBIDDEN', `A CUSTOMER places orders only on the self-service channel ${JSON.stringify(selfServiceChannel())}`, { field: 'input.channel' });
      }
      if (input.channelOrderId !== null && input.channelOrderId !== undefined) {
        throw new OmsError('FORBIDDEN', 'A CUSTOMER may not choose a channel order id; the hub numbers self-service orders', { field: 'input.channelOrderId' });
      }
      const customerId = this.identity.customerId;
      return { customerId, selfService: true, idempotencyNamespace: `customer:${customerId}`, mayChangeCustomer: false };
    }
    throw forbidden(`${this.identity.role} may not place orders`);
  }

  /**
   * Order.history notes: the back office reads every note; a partner or customer only the reasons it
   * gave itself (its own cancellations). Every other note is internal (hold reasons, staff remarks,
   * decisions the hub made while the caller was acting) and reads as null.
   */
  canReadNote(event: { type: string; actor: string }, self: string): boolean {
    return this.internal || (event.actor === self && CALLER_WORDED_EVENTS.includes(event.type));
  }

  /**
   * Order.history actors: the back office sees who acted (`staff:key_…`); a partner or customer sees
   * itself in full and anyone else by role only (`staff`, `system`), never the back office's key ids.
   */
  actorSeen(eventActor: string, self: string): string {
    if (this.internal || eventActor === self) return eventActor;
    return eventActor.split(':')[0];
  }

  private refusal(order: ScopedOrder): OmsError {
    const scope = this.identity.role === 'PARTNER' ? `channel ${JSON.stringify(order.channel)}` : 'another customer';
    return forbidden(`${this.identity.role} ${this.identity.subject} may not access this order (it belongs to ${scope})`);
  }
}

function normaliseChannel(channel: string): string {
  return channel.trim().toLowerCase();
}
