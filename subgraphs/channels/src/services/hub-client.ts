// The runtime's only way into the rest of the hub: the public graph at the gateway, as the service
// identity `channels` (never another subgraph's collections). One request per question, batched.
import { GraphqlClient, internalHeaders, serviceIdentity, unavailable } from '@oms/platform';

export const CHANNELS_SERVICE = serviceIdentity('channels');

export interface HubEvent {
  type: string;
  aggregateId: string;
  payload: Record<string, unknown> | null;
}

export interface HubEventPage {
  events: HubEvent[];
  cursor: string | null;
  hasMore: boolean;
}

export interface HubStock {
  sku: string;
  available: number;
  /** Available units by hub location id. */
  byLocation: Map<string, number>;
  /** When the hub last changed any of its levels (null: it has none). */
  changedAt: Date | null;
}

export interface HubShipment {
  id: string;
  status: string;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  shippedAt: string | null;
  lines: Array<{ sku: string; quantity: number }>;
  order: { id: string; channel: string; channelOrderId: string } | null;
}

const EVENT_FIELDS = 'events { type aggregateId payload } cursor hasMore';
const INVENTORY_EVENTS = `query ChannelsInventoryEvents($after: String, $first: Int, $types: [String!]) { inventoryEvents(after: $after, first: $first, types: $types) { ${EVENT_FIELDS} } }`;
const FULFILLMENT_EVENTS = `query ChannelsFulfillmentEvents($after: String, $first: Int, $types: [String!]) { fulfillmentEvents(after: $after, first: $first, types: $types) { ${EVENT_FIELDS} } }`;
const STOCK = `query ChannelsStock($skus: [String!], $first: Int) { inventoryItems(filter: { skus: $skus }, first: $first) {
  edges { node { sku available stock { location { id } available updatedAt } } } } }`;
const SHIPMENT_FIELDS = 'id status carrier trackingNumber trackingUrl shippedAt lines { sku quantity } order { id channel channelOrderId }';

/** inventoryItems pages hold at most 100 items. */
const STOCK_PAGE = 100;

export class HubClient {
  private readonly client: GraphqlClient;

  constructor(private readonly gatewayUrl: () => string) {
    this.client = new GraphqlClient({ service: 'gateway', url: () => this.url(), identity: CHANNELS_SERVICE, timeoutMs: 30_000 });
  }

  url(): string {
    try {
      return this.gatewayUrl();
    } catch (error) {
      throw unavailable('gateway', (error as Error).message);
    }
  }

  /** Headers for the kit's GraphHubSink (signed tokens expire: ask again for every batch). */
  headers(): Promise<Record<string, string>> {
    return internalHeaders(CHANNELS_SERVICE);
  }

  async inventoryEvents(after: string | null, first: number): Promise<HubEventPage> {
    return (await this.client.request<{ inventoryEvents: HubEventPage }>(INVENTORY_EVENTS, { after, first })).inventoryEvents;
  }

  async fulfillmentEvents(after: string | null, first: number, types: string[]): Promise<HubEventPage> {
    return (await this.client.request<{ fulfillmentEvents: HubEventPage }>(FULFILLMENT_EVENTS, { after, first, types })).fulfillmentEvents;
  }

  /** Current availability of these SKUs (absent: the hub has no such item), one request per 100 SKUs. */
  async stock(skus: string[]): Promise<Map<string, HubStock>> {
    const found = new Map<string, HubStock>();
    const unique = [...new Set(skus)];
    for (let start = 0; start < unique.length; start += STOCK_PAGE) {
      const chunk = unique.slice(start, start + STOCK_PAGE);
      const data = await this.client.request<{ inventoryItems: { edges: Array<{ node: { sku: string; available: number; stock: Array<{ location: { id: string }; available: number; updatedAt: string }> } }> } }>(STOCK, {
        skus: chunk,
        first: chunk.length,
      });
      for (const { node } of data.inventoryItems.edges) {
        const changed = node.stock.map((level) => Date.parse(level.updatedAt)).filter((time) => Number.isFinite(time));
        found.set(node.sku, {
          sku: node.sku,
          available: node.available,
          byLocation: new Map(node.stock.map((level) => [level.location.id, level.available])),
          changedAt: changed.length ? new Date(Math.max(...changed)) : null,
        });
      }
    }
    return found;
  }

  /** Shipments by id in one aliased query (null for unknown ids). */
  async shipments(ids: string[]): Promise<Map<string, HubShipment | null>> {
    const found = new Map<string, HubShipment | null>();
    if (!ids.length) return found;
    const variables: Record<string, string> = {};
    const fields = ids.map((id, index) => {
      variables[`s${index}`] = id;
      return `s${index}: shipment(id: $s${index}) { ${SHIPMENT_FIELDS} }`;
    });
    const definitions = ids.map((_, index) => `$s${index}: ID!`).join(', ');
    const data = await this.client.request<Record<string, HubShipment | null>>(`query ChannelsShipments(${definitions}) { ${fields.join(' ')} }`, variables);
    ids.forEach((id, index) => found.set(id, data[`s${index}`] ?? null));
    return found;
  }
}
