// Who may receive which events: a partner its channels' orders, a customer its own orders (the
// platform's canAccessOrder). Events that do not carry the order's channel and customer (shipment
// events name only the order) are scoped by the order, looked up once per order id and cached:
// neither changes during an order's life.
import { canAccessOrder, GraphqlClient, isInternal, OmsError, serviceIdentity, type Identity } from '@oms/platform';
import { LRUCache } from 'lru-cache';
import { normaliseChannel } from './topics';

export interface OrderScope {
  channel: string;
  customerId: string | null;
}

const ORDER_SCOPE = `query GatewayOrderScope($id: ID!) { order(id: $id) { channel customer { id } } }`;

export class OrderScopes {
  private readonly cache = new LRUCache<string, Promise<OrderScope | null>>({ max: 50_000 });
  private readonly client: GraphqlClient;

  constructor(ordersUrl: () => string) {
    this.client = new GraphqlClient({ service: 'orders', url: ordersUrl, identity: serviceIdentity('gateway'), timeoutMs: 5_000 });
  }

  /** The order's channel and customer; null when there is no such order. */
  get(orderId: string): Promise<OrderScope | null> {
    let scope = this.cache.get(orderId);
    if (!scope) {
      scope = this.load(orderId);
      // A failed lookup is not remembered: the next event retries it.
      scope.catch(() => this.cache.delete(orderId));
      this.cache.set(orderId, scope);
    }
    return scope;
  }

  /** Remembers what an order event says about its order (saves the lookup for later shipment events). */
  remember(orderId: string, scope: OrderScope): void {
    if (!this.cache.has(orderId)) this.cache.set(orderId, Promise.resolve(scope));
  }

  private async load(orderId: string): Promise<OrderScope | null> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const { order } = await this.client.request<{ order: { channel: string; customer: { id: string } | null } | null }>(ORDER_SCOPE, { id: orderId });
        return order ? { channel: order.channel, customerId: order.customer?.id ?? null } : null;
      } catch (error) {
        if (error instanceof OmsError && (error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT')) return null;
        lastError = error;
        await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
      }
    }
    throw lastError;
  }
}

/** canAccessOrder with channels compared the way orders stores them (trimmed, lower case). */
export function canReceive(identity: Identity, scope: OrderScope | null): boolean {
  if (isInternal(identity)) return true;
  if (!scope) return false;
  return canAccessOrder({ ...identity, channels: identity.channels.map(normaliseChannel) }, { channel: normaliseChannel(scope.channel), customerId: scope.customerId });
}

/** Identities that see exactly the same events and fields share fetches. */
export function scopeKey(identity: Identity): string {
  return `${identity.role}|${identity.channels.map(normaliseChannel).sort().join(',')}|${identity.customerId ?? ''}`;
}
