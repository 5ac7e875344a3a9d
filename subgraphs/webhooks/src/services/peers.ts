// The webhooks subgraph reads other domains only through their graphs, with the typed documents of
// @oms/contracts (packages/contracts/src/peers/*/webhooks.graphql): event logs page by page, and the
// channel of orders named by fulfillment events (one batched `_entities` call per page, cached: an
// order's channel never changes).
import { fulfillmentOperations as fulfillmentOps, inventoryOperations as inventoryOps, ordersOperations as ordersOps } from '@oms/contracts';
import { entityOf, GraphqlClient, representations, serviceIdentity, type PeerName } from '@oms/platform';
import type { EventLogName } from './event-catalog';

/** The three logs are read with the same selection; each document is checked against its own subgraph. */
export type RemoteEventPage = ordersOps.WebhookOrderEventsQuery['orderEvents'];
export type RemoteEvent = RemoteEventPage['events'][number];

const CHANNEL_CACHE_SIZE = 20_000;

const WEBHOOKS_SERVICE = serviceIdentity('webhooks');

type PageReader = (client: GraphqlClient, after: string | null, first: number) => Promise<RemoteEventPage>;

const READ_PAGE: Record<EventLogName, PageReader> = {
  orders: async (client, after, first) => (await client.execute(ordersOps.WebhookOrderEventsDocument, { after, first })).orderEvents,
  fulfillment: async (client, after, first) => (await client.execute(fulfillmentOps.WebhookFulfillmentEventsDocument, { after, first })).fulfillmentEvents,
  inventory: async (client, after, first) => (await client.execute(inventoryOps.WebhookInventoryEventsDocument, { after, first })).inventoryEvents,
};

export class WebhookPeers {
  private readonly clients: Record<EventLogName, GraphqlClient>;
  private readonly channels = new Map<string, string>();

  constructor(peers: Record<PeerName, () => string>) {
    const client = (name: EventLogName) => new GraphqlClient({ service: name, url: peers[name], identity: WEBHOOKS_SERVICE });
    this.clients = { orders: client('orders'), fulfillment: client('fulfillment'), inventory: client('inventory') };
  }

  readEvents(log: EventLogName, after: string | null, first: number): Promise<RemoteEventPage> {
    return READ_PAGE[log](this.clients[log], after, first);
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
    const data = await this.clients.orders.execute(ordersOps.WebhookOrderChannelsDocument, { r: representations('Order', missing) });
    for (const entity of data._entities) {
      const order = entityOf(entity, 'Order');
      if (!order) continue;
      result.set(order.id, order.channel);
      if (this.channels.size >= CHANNEL_CACHE_SIZE) this.channels.delete(this.channels.keys().next().value!);
      this.channels.set(order.id, order.channel);
    }
    return result;
  }
}
