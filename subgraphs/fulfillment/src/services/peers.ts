// The fulfillment subgraph reads orders and locations, takes shipped units off hand, puts returned
// units back and records refunds through their owners' GraphQL APIs over HTTP (never their
// databases), with the typed documents of @oms/contracts (packages/contracts/src/peers/*/fulfillment.graphql).
// Every write it calls is idempotent on a key fulfillment owns (shipment id, return id), so a retry
// after a timeout or a crash changes nothing twice.
import { inventoryOperations as inventoryOps, ordersOperations as ordersOps } from '@oms/contracts';
import { entityOf, GraphqlClient, representations, serviceIdentity } from '@oms/platform';

export type RemoteOrder = Extract<ordersOps.ShipmentOrdersQuery['_entities'][number] & {}, { __typename: 'Order' }>;
export type RemoteRefund = ordersOps.RecordRefundMutation['recordRefund'];

/** What access checks need of an order: its channel and customer. */
export interface OrderScope {
  channel: string;
  customerId: string | null;
}

export interface SkuQuantity {
  sku: string;
  quantity: number;
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
    const data = await this.orders.execute(ordersOps.ShipmentOrdersDocument, { r: representations('Order', [id]) }, { actor });
    return entityOf(data._entities[0], 'Order');
  }

  /** The channel and customer of many orders in one `_entities` call, in `ids` order (null: no such order). */
  async orderScopes(ids: readonly string[]): Promise<Array<OrderScope | null>> {
    const data = await this.orders.execute(ordersOps.ShipmentOrderScopesDocument, { r: representations('Order', ids) });
    return data._entities.map((entity) => {
      const order = entityOf(entity, 'Order');
      return order ? { channel: order.channel, customerId: order.customer?.id ?? null } : null;
    });
  }

  async locationExists(id: string, actor: string): Promise<boolean> {
    const data = await this.inventory.execute(inventoryOps.ShipmentLocationsDocument, { r: representations('Location', [id]) }, { actor });
    return entityOf(data._entities[0], 'Location') !== null;
  }

  /** Takes a shipment's units off hand and out of reserved at its location. Idempotent on shipmentId. */
  async commitShipment(input: inventoryOps.CommitShipmentInput, actor: string): Promise<void> {
    await this.inventory.execute(inventoryOps.CommitShipmentDocument, { input }, { actor });
  }

  /** Puts returned units back on hand. Idempotent on reference. */
  async restock(input: inventoryOps.RestockInput, actor: string): Promise<void> {
    await this.inventory.execute(inventoryOps.RestockDocument, { input }, { actor });
  }

  /** Records the refund of returned units on the order. Idempotent on returnId. */
  async recordRefund(input: ordersOps.RecordRefundInput, actor: string): Promise<RemoteRefund> {
    const data = await this.orders.execute(ordersOps.RecordRefundDocument, { input }, { actor });
    return data.recordRefund;
  }
}
