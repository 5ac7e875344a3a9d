// The fulfillment subgraph reads orders and locations, takes shipped units off hand, puts returned
// units back and records refunds through their owners' GraphQL APIs over HTTP (never their
// databases). Every write it calls is idempotent on a key fulfillment owns (shipment id, return id),
// so a retry after a timeout or a crash changes nothing twice.
import { GraphqlClient, serviceIdentity } from '@oms/platform';

export interface RemoteOrder {
  id: string;
  status: string;
  lines: Array<{ sku: string; quantity: number }>;
}

const ORDERS = `query ShipmentOrders($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id status lines { sku quantity } } } }`;
const ORDER_SCOPES = `query ShipmentOrderScopes($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id channel customer { id } } } }`;
const LOCATIONS = `query ShipmentLocations($r: [_Any!]!) { _entities(representations: $r) { ... on Location { id } } }`;
const COMMIT_SHIPMENT = `mutation CommitShipment($input: CommitShipmentInput!) { commitShipment(input: $input) { orderId } }`;
const RESTOCK = `mutation Restock($input: RestockInput!) { restock(input: $input) { onHand } }`;
const RECORD_REFUND = `mutation RecordRefund($input: RecordRefundInput!) { recordRefund(input: $input) { id amount { amount currency } } }`;

/** What access checks need of an order: its channel and customer. */
export interface OrderScope {
  channel: string;
  customerId: string | null;
}

export interface SkuQuantity {
  sku: string;
  quantity: number;
}

export interface RemoteRefund {
  id: string;
  amount: { amount: number; currency: string };
}

export class FulfillmentPeers {
  constructor(
    private readonly orders: GraphqlClient,
    private readonly inventory: GraphqlClient,
  ) {}

  static fromUrls(urls: { orders: () => string; inventory: () => string }): FulfillmentPeers {
    const identity = serviceIdentity('fulfillment');
    return new FulfillmentPeers(new GraphqlClient({ service: 'orders', url: urls.orders, identity }), new GraphqlClient({ service: 'inventory', url: urls.inventory, identity }));
  }

  async findOrder(id: string, actor: string): Promise<RemoteOrder | null> {
    const data = await this.orders.request<{ _entities: Array<RemoteOrder | null> }>(ORDERS, { r: [{ __typename: 'Order', id }] }, actorHeader(actor));
    return data._entities[0] ?? null;
  }

  /** The channel and customer of many orders in one `_entities` call, in `ids` order (null: no such order). */
  async orderScopes(ids: readonly string[]): Promise<Array<OrderScope | null>> {
    const data = await this.orders.request<{ _entities: Array<{ id: string; channel: string; customer: { id: string } | null } | null> }>(ORDER_SCOPES, {
      r: ids.map((id) => ({ __typename: 'Order', id })),
    });
    return data._entities.map((order) => (order ? { channel: order.channel, customerId: order.customer?.id ?? null } : null));
  }

  async locationExists(id: string, actor: string): Promise<boolean> {
    const data = await this.inventory.request<{ _entities: Array<{ id: string } | null> }>(LOCATIONS, { r: [{ __typename: 'Location', id }] }, actorHeader(actor));
    return Boolean(data._entities[0]);
  }

  /** Takes a shipment's units off hand and out of reserved at its location. Idempotent on shipmentId. */
  async commitShipment(input: { orderId: string; shipmentId: string; locationId: string; lines: SkuQuantity[] }, actor: string): Promise<void> {
    await this.inventory.request(COMMIT_SHIPMENT, { input }, actorHeader(actor));
  }

  /** Puts returned units back on hand. Idempotent on reference. */
  async restock(input: { sku: string; locationId: string; quantity: number; reference: string; reason: string }, actor: string): Promise<void> {
    await this.inventory.request(RESTOCK, { input }, actorHeader(actor));
  }

  /** Records the refund of returned units on the order. Idempotent on returnId. */
  async recordRefund(input: { orderId: string; returnId: string; lines: SkuQuantity[]; includeShipping: boolean; reason: string }, actor: string): Promise<RemoteRefund> {
    const data = await this.orders.request<{ recordRefund: RemoteRefund }>(RECORD_REFUND, { input }, actorHeader(actor));
    return data.recordRefund;
  }
}

function actorHeader(actor: string): Record<string, string> {
  return { 'x-oms-actor': actor };
}
