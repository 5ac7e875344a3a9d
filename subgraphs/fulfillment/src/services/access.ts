// Who may see and change which shipments and returns: the fulfillment subgraph's object-level rules
// in one place (role scopes come from @oms/platform auth/identity.ts).
//
// Shipments and returns belong to an order, and an order's channel and customer decide who sees it:
//   ADMIN, STAFF, SERVICE   everything.
//   PARTNER, CUSTOMER       shipments and returns of orders they may see (a partner's channels, a
//                           customer's own orders): shipment(id), return(id), returnByRma, the
//                           Shipment / Return references, Order.shipments, Order.returns, and
//                           `shipments` filtered by such an order (an unfiltered list is FORBIDDEN:
//                           fulfillment keeps no channel of its own to narrow it by).
//                           requestReturn for such an order.
//   Back office only: creating, syncing and moving shipments (pick, pack, ship, deliver, cancel,
//   exceptions), approving, rejecting, receiving and refunding returns, fulfillmentEvents; those
//   role rules are the policy map's (../policies.ts), enforced before any resolver runs.
// Fulfillment documents know only their orderId; the order's channel and customer are asked of the
// orders subgraph through a per-request DataLoader (one call per batch), and only for callers that
// are not back office, so internal traffic costs nothing extra.
import { canAccessOrder, forbidden, isInternal, OmsError, type Identity } from '@oms/platform';
import type { OrderScope } from './peers';

export class FulfillmentAccess {
  readonly identity: Identity;

  constructor(
    identity: Identity,
    private readonly scopeOf: (orderId: string) => Promise<OrderScope | null>,
  ) {
    // Orders store channels trimmed and lower-cased; compare partner scopes the same way.
    this.identity = { ...identity, channels: identity.channels.map((channel) => channel.trim().toLowerCase()) };
  }

  get internal(): boolean {
    return isInternal(this.identity);
  }

  /** FORBIDDEN unless the caller may see order `orderId` (an unknown order is out of anyone's scope). */
  async assertOrder(orderId: string): Promise<void> {
    if (this.internal) return;
    const order = await this.scopeOf(orderId);
    if (!order || !canAccessOrder(this.identity, order)) throw forbidden(`${this.identity.role} ${this.identity.subject} may not access the shipments and returns of order ${orderId}`);
  }

  /** A shipment or return when its order is the caller's to see, null when there is none; FORBIDDEN otherwise. */
  async visible<T extends { orderId: string }>(record: T | null | undefined): Promise<T | null> {
    return record ? this.returned(record) : null;
  }

  /** The record a mutation returned (an idempotent repeat may be someone else's): FORBIDDEN when out of scope. */
  async returned<T extends { orderId: string }>(record: T): Promise<T> {
    await this.assertOrder(record.orderId);
    return record;
  }

  /** Order.shipments / Order.returns: the list once the order is known to be the caller's. */
  async ofOrder<T>(orderId: string, load: () => Promise<T>): Promise<T> {
    await this.assertOrder(orderId);
    return load();
  }

  /** `shipments(filter)`: outside the back office it must name an order the caller may see. */
  async assertListable(filter: { orderId?: string | null } | null | undefined): Promise<void> {
    if (this.internal) return;
    if (!filter?.orderId) {
      throw new OmsError('FORBIDDEN', `${this.identity.role} may list shipments only of one of its orders: give filter.orderId (or select Order.shipments)`, { field: 'filter.orderId' });
    }
    await this.assertOrder(filter.orderId);
  }
}
