// Who may see and change which orders: the orders subgraph's object- and field-level rules in one
// place (the role scopes themselves live in @oms/platform auth/identity.ts; this applies them).
//
//   ADMIN, STAFF, SERVICE   everything.
//   PARTNER                 orders on its channels: read (every field), list, place, cancel.
//   CUSTOMER                its own orders: read, list, place (for itself only), cancel; the
//                           back-office fields (INTERNAL_FIELDS) are FORBIDDEN.
//   Everything else is back office only: hold rules, channel settings, recording payments and
//   refunds, releaseHold, refreshOrderStatus, orderEvents.
// Out of scope is FORBIDDEN, never an empty answer, except in lists, which are narrowed.
import { assertChannelAccess, canAccessOrder, forbidden, isInternal, OmsError, requireInternal, type Identity } from '@oms/platform';
import type { OrderFilterArgs } from './order.service';

/** What the scope checks need of an order. */
export interface ScopedOrder {
  channel: string;
  customerId?: string | null;
}

/**
 * Back-office fields of Order a CUSTOMER may not select (FORBIDDEN naming the field): payment
 * provider records, the hold rules that matched (fraud and risk rules), and the warehouses holding
 * its stock. The customer still sees paymentStatus, the amounts, totals, history and shipments.
 */
export const INTERNAL_FIELDS = ['payments', 'holdReasons', 'allocations'] as const;
export type InternalField = (typeof INTERNAL_FIELDS)[number];

/** Matches nothing: a list narrowed to no channel or no customer (printable: FerretDB's PostgreSQL backend rejects NUL). */
const NOTHING = '!out-of-scope';

/** For placeOrder: the customer a CUSTOMER caller may place orders for (itself); undefined for others. */
export interface Placement {
  customerId?: string;
}

export class OrderAccess {
  readonly identity: Identity;

  constructor(identity: Identity) {
    // Orders store channels trimmed and lower-cased; compare partner scopes the same way.
    this.identity = { ...identity, channels: identity.channels.map(normaliseChannel) };
  }

  get internal(): boolean {
    return isInternal(this.identity);
  }

  requireInternal(action: string): void {
    requireInternal(this.identity, action);
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
   * placeOrder: a partner only on its channels; a customer only for itself (customerId is forced to
   * its own; another customerId is FORBIDDEN, and so is `customer.email` other than its own, checked
   * by the service once the customer record is read).
   */
  placement(input: { channel: string; customerId?: string | null }): Placement {
    if (this.internal) return {};
    if (this.identity.role === 'PARTNER') {
      try {
        assertChannelAccess(this.identity, normaliseChannel(input.channel));
      } catch (error) {
        throw new OmsError('FORBIDDEN', (error as Error).message, { field: 'input.channel' });
      }
      return {};
    }
    if (this.identity.role === 'CUSTOMER' && this.identity.customerId) {
      if (input.customerId && input.customerId.trim() !== this.identity.customerId) {
        throw new OmsError('FORBIDDEN', 'A CUSTOMER may place orders only for itself', { field: 'input.customerId' });
      }
      return { customerId: this.identity.customerId };
    }
    throw forbidden(`${this.identity.role} may not place orders`);
  }

  /** Field level: FORBIDDEN for a CUSTOMER selecting a back-office field of its order. */
  assertField(field: InternalField): void {
    if (this.identity.role === 'CUSTOMER') {
      throw new OmsError('FORBIDDEN', `Order.${field} is back-office data; a CUSTOMER may not select it`, { field: `Order.${field}` });
    }
  }

  private refusal(order: ScopedOrder): OmsError {
    const scope = this.identity.role === 'PARTNER' ? `channel ${JSON.stringify(order.channel)}` : 'another customer';
    return forbidden(`${this.identity.role} ${this.identity.subject} may not access this order (it belongs to ${scope})`);
  }
}

function normaliseChannel(channel: string): string {
  return channel.trim().toLowerCase();
}
