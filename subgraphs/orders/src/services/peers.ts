// The orders subgraph's only way to read and change other domains: their public GraphQL APIs over
// HTTP, batched into one call per question (never their databases). Every write called here is
// declarative or idempotent on the order id, so the workflow may repeat it after a failure.
import { customersOperations as customersOps, fulfillmentOperations as fulfillmentOps, inventoryOperations as inventoryOps } from '@oms/contracts';
import { entityOf, GraphqlClient, OmsError, representations, serviceIdentity } from '@oms/platform';
import { CoalescedCall } from './coalesced-call';

// Result types are the generated ones (@oms/contracts, from packages/contracts/src/peers/*/orders.graphql).
export type RemoteItem = Extract<inventoryOps.OrderItemsQuery['_entities'][number] & {}, { __typename: 'InventoryItem' }>;
export type RemoteCustomer = customersOps.OrderCustomerMutation['upsertCustomer'];
export type RemoteAllocation = inventoryOps.OrderAllocationFieldsFragment;
export type RemoteShipment = Extract<fulfillmentOps.OrderShipmentsQuery['_entities'][number] & {}, { __typename: 'Order' }>['shipments'][number];
export type RemoteEvent = RemoteEventPage['events'][number];
export type RemoteEventPage = inventoryOps.OrderInventoryEventsQuery['inventoryEvents'];

export interface SkuQuantity {
  sku: string;
  quantity: number;
}

export interface RemoteReturn {
  id: string;
  orderId: string;
  status: string;
  lines: Array<{ sku: string; receivedQuantity: number }>;
}

const PEER_TIMEOUT_MS = 30_000;
/** Concurrent allocations and shipment syncs share requests (see CoalescedCall): this many in flight, each this big at most. */
const COALESCE_IN_FLIGHT = 2;
const COALESCE_MAX = 100;
/** Orders calls its peers as itself; the user it acts for travels in `x-oms-actor` (GraphqlClient.execute's `actor`). */
const ORDERS_SERVICE = serviceIdentity('orders');

type AllocateInput = inventoryOps.AllocateOrderInput;
type SyncShipmentsInput = fulfillmentOps.SyncOrderShipmentsInput;

export class OrderPeers {
  private readonly allocations: CoalescedCall<AllocateInput, RemoteAllocation>;
  private readonly shipmentSyncs: CoalescedCall<SyncShipmentsInput, void>;

  constructor(
    private readonly inventory: GraphqlClient,
    private readonly customers: GraphqlClient,
    private readonly fulfillment: GraphqlClient,
  ) {
    this.allocations = new CoalescedCall({
      maxInFlight: COALESCE_IN_FLIGHT,
      maxBatch: COALESCE_MAX,
      one: async (input, actor) => (await this.inventory.execute(inventoryOps.OrderAllocateDocument, { input }, { actor })).allocateOrder,
      many: async (input, actor) => (await this.inventory.execute(inventoryOps.OrderAllocateManyDocument, { input }, { actor })).allocateOrders,
    });
    this.shipmentSyncs = new CoalescedCall({
      maxInFlight: COALESCE_IN_FLIGHT,
      maxBatch: COALESCE_MAX,
      one: async (input, actor) => void (await this.fulfillment.execute(fulfillmentOps.OrderSyncShipmentsDocument, { input }, { actor })),
      many: async (input, actor) => {
        await this.fulfillment.execute(fulfillmentOps.OrderSyncShipmentsManyDocument, { input }, { actor });
        return input.map(() => undefined);
      },
    });
  }

  static fromUrls(urls: { inventory: () => string; customers: () => string; fulfillment: () => string }): OrderPeers {
    // Allocation queues behind other orders' reservations of the same stock when many orders arrive
    // at once; a longer wait costs less than a timeout and a retry (which queues again). A peer that
    // is down or not started yet still fails at once (UNAVAILABLE).
    return new OrderPeers(
      new GraphqlClient({ service: 'inventory', url: urls.inventory, timeoutMs: PEER_TIMEOUT_MS, identity: ORDERS_SERVICE }),
      new GraphqlClient({ service: 'customers', url: urls.customers, identity: ORDERS_SERVICE }),
      new GraphqlClient({ service: 'fulfillment', url: urls.fulfillment, timeoutMs: PEER_TIMEOUT_MS, identity: ORDERS_SERVICE }),
    );
  }

  /** The known items among `skus`, by SKU; one request whatever the number of SKUs. */
  async findItems(skus: string[], actor: string): Promise<Map<string, RemoteItem>> {
    const data = await this.inventory.execute(inventoryOps.OrderItemsDocument, { r: representations('InventoryItem', skus, 'sku') }, { actor });
    const items = data._entities.map((entity) => entityOf(entity, 'InventoryItem')).filter((item): item is RemoteItem => item !== null);
    return new Map(items.map((item) => [item.sku, item]));
  }

  async findCustomer(id: string, actor: string): Promise<RemoteCustomer | null> {
    const data = await this.customers.execute(customersOps.OrderCustomersDocument, { r: representations('Customer', [id]) }, { actor });
    return entityOf(data._entities[0], 'Customer');
  }

  /**
   * Finds the customer with this email or creates one (the customers subgraph serialises per email);
   * with keepExisting an existing customer is returned unchanged.
   */
  async upsertCustomer(input: { email: string; name?: string | null; phone?: string | null; keepExisting?: boolean }, actor: string): Promise<RemoteCustomer> {
    const data = await this.customers.execute(customersOps.OrderCustomerDocument, { input }, { actor });
    return data.upsertCustomer;
  }

  /**
   * Declarative: `lines` are the order's wanted totals; Inventory reserves only what is missing.
   * Concurrent calls share one allocateOrders request.
   */
  allocateOrder(input: AllocateInput, actor: string): Promise<RemoteAllocation> {
    return this.allocations.call(input, actor);
  }

  /** Releases reserved units (all of them without `lines`). An order never allocated has nothing to release. */
  async releaseAllocation(input: { orderId: string; lines?: SkuQuantity[]; reason: string }, actor: string): Promise<RemoteAllocation | null> {
    try {
      const data = await this.inventory.execute(inventoryOps.OrderReleaseDocument, { input }, { actor });
      return data.releaseAllocation;
    } catch (error) {
      if (error instanceof OmsError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  async allocationStrategies(actor: string): Promise<string[]> {
    const data = await this.inventory.execute(inventoryOps.OrderStrategiesDocument, {}, { actor });
    return data.allocationStrategies;
  }

  async inventoryEvents(after: string | null, first: number): Promise<RemoteEventPage> {
    const data = await this.inventory.execute(inventoryOps.OrderInventoryEventsDocument, { after, first }, { actor: SYSTEM });
    return data.inventoryEvents;
  }

  /** Declarative: makes non-cancelled shipments cover the allocated units per SKU and location. */
  syncOrderShipments(input: SyncShipmentsInput, actor: string): Promise<void> {
    return this.shipmentSyncs.call(input, actor);
  }

  /** Cancels every shipment of the order that has not shipped. Idempotent. */
  async cancelOrderShipments(orderId: string, reason: string, actor: string): Promise<void> {
    try {
      await this.fulfillment.execute(fulfillmentOps.OrderCancelShipmentsDocument, { orderId, reason }, { actor });
    } catch (error) {
      // An order fulfillment never heard of has no shipments to cancel.
      if (!(error instanceof OmsError && error.code === 'NOT_FOUND')) throw error;
    }
  }

  /** Shipments of many orders in one `_entities` call, by order id. */
  async shipmentsOf(orderIds: string[], actor: string): Promise<Map<string, RemoteShipment[]>> {
    if (orderIds.length === 0) return new Map();
    const data = await this.fulfillment.execute(fulfillmentOps.OrderShipmentsDocument, { r: representations('Order', orderIds) }, { actor });
    const found = new Map<string, RemoteShipment[]>();
    data._entities.forEach((entity, index) => found.set(orderIds[index], entityOf(entity, 'Order')?.shipments ?? []));
    return found;
  }

  /** A return (RMA) with the units received, or null when Fulfillment has none with this id. */
  async findReturn(id: string, actor: string): Promise<RemoteReturn | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const data = await this.fulfillment.execute(fulfillmentOps.OrderReturnsDocument, { r: representations('Return', [id]) }, { actor });
    const found = entityOf(data._entities[0], 'Return');
    return found ? { id: found.id, orderId: found.order.id, status: found.status, lines: found.lines } : null;
  }

  async fulfillmentEvents(after: string | null, first: number, types: string[] | null): Promise<RemoteEventPage> {
    const data = await this.fulfillment.execute(fulfillmentOps.OrderFulfillmentEventsDocument, { after, first, types }, { actor: SYSTEM });
    return data.fulfillmentEvents;
  }
}

/** The actor recorded for work the subgraph does on its own (recovery, consumers). */
export const SYSTEM = 'system:orders';

