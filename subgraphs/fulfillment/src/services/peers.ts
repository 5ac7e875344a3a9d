// The fulfillment subgraph reads orders and locations through their owners' GraphQL APIs over HTTP,
// one `_entities` call per owner (never their databases).
import { GraphqlClient } from '@oms/platform';

export interface RemoteOrder {
  id: string;
  status: string;
  lines: Array<{ sku: string; quantity: number }>;
}

const ORDERS = `query ShipmentOrders($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id status lines { sku quantity } } } }`;
const LOCATIONS = `query ShipmentLocations($r: [_Any!]!) { _entities(representations: $r) { ... on Location { id } } }`;

export class FulfillmentPeers {
  constructor(
    private readonly orders: GraphqlClient,
    private readonly inventory: GraphqlClient,
  ) {}

  static fromUrls(urls: { orders: () => string; inventory: () => string }): FulfillmentPeers {
    return new FulfillmentPeers(new GraphqlClient({ service: 'orders', url: urls.orders }), new GraphqlClient({ service: 'inventory', url: urls.inventory }));
  }

  async findOrder(id: string, actor: string): Promise<RemoteOrder | null> {
    const data = await this.orders.request<{ _entities: Array<RemoteOrder | null> }>(ORDERS, { r: [{ __typename: 'Order', id }] }, actorHeader(actor));
    return data._entities[0] ?? null;
  }

  async locationExists(id: string, actor: string): Promise<boolean> {
    const data = await this.inventory.request<{ _entities: Array<{ id: string } | null> }>(LOCATIONS, { r: [{ __typename: 'Location', id }] }, actorHeader(actor));
    return Boolean(data._entities[0]);
  }
}

function actorHeader(actor: string): Record<string, string> {
  return { 'x-oms-actor': actor };
}
