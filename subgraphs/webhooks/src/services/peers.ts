// The webhooks subgraph reads other domains only through their graphs: event logs page by page, and
// the channel of orders named by fulfillment events (one batched `_entities` call per page, cached:
// an order's channel never changes).
import { GraphqlClient, serviceIdentity, type PeerName } from '@oms/platform';
import type { EventLogName } from './event-catalog';

export interface RemoteEvent {
  cursor: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  at: string;
  actor: string;
  payload: Record<string, unknown> | null;
}

export interface RemoteEventPage {
  events: RemoteEvent[];
  cursor: string | null;
  hasMore: boolean;
}

const EVENT_FIELDS = 'events { cursor type aggregateType aggregateId at actor payload } cursor hasMore';
const QUERY_FIELD: Record<EventLogName, string> = { orders: 'orderEvents', fulfillment: 'fulfillmentEvents', inventory: 'inventoryEvents' };
const ORDER_CHANNELS = `query WebhookOrderChannels($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id channel } } }`;
const CHANNEL_CACHE_SIZE = 20_000;

const WEBHOOKS_SERVICE = serviceIdentity('webhooks');

export class WebhookPeers {
  private readonly clients: Record<EventLogName, GraphqlClient>;
  private readonly channels = new Map<string, string>();

  constructor(peers: Record<PeerName, () => string>) {
    const client = (name: EventLogName) => new GraphqlClient({ service: name, url: peers[name], identity: WEBHOOKS_SERVICE });
    this.clients = { orders: client('orders'), fulfillment: client('fulfillment'), inventory: client('inventory') };
  }

  async readEvents(log: EventLogName, after: string | null, first: number): Promise<RemoteEventPage> {
    const field = QUERY_FIELD[log];
    const query = `query WebhookEvents($after: String, $first: Int) { ${field}(after: $after, first: $first) { ${EVENT_FIELDS} } }`;
    const data = await this.clients[log].request<Record<string, RemoteEventPage>>(query, { after, first });
    return data[field];
  }

  /** Channel of each order (absent: no such order). */
  async orderChannels(orderIds: string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    const missing: string[] = [];
    for (const id of new Set(orderIds)) {
      const channel = this.channels.get(id);
      if (channel) result.set(id, channel);
      else missing.push(id);
    }
    if (missing.length === 0) return result;
    const data = await this.clients.orders.request<{ _entities: Array<{ id: string; channel: string } | null> }>(ORDER_CHANNELS, {
      r: missing.map((id) => ({ __typename: 'Order', id })),
    });
    for (const order of data._entities) {
      if (!order) continue;
      result.set(order.id, order.channel);
      if (this.channels.size >= CHANNEL_CACHE_SIZE) this.channels.delete(this.channels.keys().next().value!);
      this.channels.set(order.id, order.channel);
    }
    return result;
  }
}
