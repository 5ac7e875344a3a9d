// The orders subgraph's only way to read and change other domains: their public GraphQL APIs over
// HTTP, batched into one call per question (never their databases). Every write called here is
// declarative or idempotent on the order id, so the workflow may repeat it after a failure.
import { GraphqlClient, OmsError, serviceIdentity } from '@oms/platform';
import type { CustomerTier } from '../models/order.model';
import { CoalescedCall } from './coalesced-call';

export interface RemoteItem {
  sku: string;
  name: string | null;
  /** The catalogue's self-service price of one unit (minor units of listPriceCurrency), if any. */
  listPrice?: number | null;
  listPriceCurrency?: string | null;
}

export interface RemoteCustomer {
  id: string;
  email: string;
  tier?: CustomerTier | null;
}

export interface SkuQuantity {
  sku: string;
  quantity: number;
}

export interface RemoteAllocation {
  lines: Array<{ sku: string; locationId: string; reserved: number; shipped: number }>;
  unallocated: SkuQuantity[];
  complete: boolean;
}

export interface RemoteShipment {
  status: string;
  lines: SkuQuantity[];
}

export interface RemoteReturn {
  id: string;
  orderId: string;
  status: string;
  lines: Array<{ sku: string; receivedQuantity: number }>;
}

export interface RemoteEvent {
  type: string;
  aggregateId: string;
  payload: Record<string, unknown> | null;
}

export interface RemoteEventPage {
  events: RemoteEvent[];
  cursor: string | null;
  hasMore: boolean;
}

const ITEMS = `query OrderItems($r: [_Any!]!) { _entities(representations: $r) { ... on InventoryItem { sku name listPrice listPriceCurrency } } }`;
const CUSTOMERS = `query OrderCustomers($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id email tier } } }`;
const UPSERT_CUSTOMER = `mutation OrderCustomer($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { id email tier } }`;

const ALLOCATION_FIELDS = `lines { sku locationId reserved shipped } unallocated { sku quantity } complete`;
const ALLOCATE = `mutation OrderAllocate($input: AllocateOrderInput!) { allocateOrder(input: $input) { ${ALLOCATION_FIELDS} } }`;
const ALLOCATE_MANY = `mutation OrderAllocateMany($input: [AllocateOrderInput!]!) { allocateOrders(input: $input) { ${ALLOCATION_FIELDS} } }`;
const RELEASE = `mutation OrderRelease($input: ReleaseAllocationInput!) { releaseAllocation(input: $input) { ${ALLOCATION_FIELDS} } }`;
const STRATEGIES = `query OrderStrategies { allocationStrategies }`;
const INVENTORY_EVENTS = `query OrderInventoryEvents($after: String, $first: Int, $types: [String!]) {
  inventoryEvents(after: $after, first: $first, types: $types) { events { type aggregateId payload } cursor hasMore } }`;

const SYNC_SHIPMENTS = `mutation OrderSyncShipments($input: SyncOrderShipmentsInput!) { syncOrderShipments(input: $input) { id } }`;
const SYNC_SHIPMENTS_MANY = `mutation OrderSyncShipmentsMany($input: [SyncOrderShipmentsInput!]!) { syncOrdersShipments(input: $input) { id } }`;
const CANCEL_SHIPMENTS = `mutation OrderCancelShipments($orderId: ID!, $reason: String!) { cancelOrderShipments(orderId: $orderId, reason: $reason) { id } }`;
const SHIPMENTS = `query OrderShipments($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id shipments { status lines { sku quantity } } } } }`;
const RETURNS = `query OrderReturns($r: [_Any!]!) { _entities(representations: $r) { ... on Return { id status order { id } lines { sku receivedQuantity } } } }`;
const FULFILLMENT_EVENTS = `query OrderFulfillmentEvents($after: String, $first: Int, $types: [String!]) {
  fulfillmentEvents(after: $after, first: $first, types: $types) { events { type aggregateId payload } cursor hasMore } }`;

const PEER_TIMEOUT_MS = 30_000;
/** Concurrent allocations and shipment syncs share requests (see CoalescedCall): this many in flight, each this big at most. */
const COALESCE_IN_FLIGHT = 2;
const COALESCE_MAX = 100;
/** Orders calls its peers as itself; the user it acts for travels in `x-oms-actor` (see actorHeader). */
const ORDERS_SERVICE = serviceIdentity('orders');

type AllocateInput = { orderId: string; lines: SkuQuantity[]; destination: { lat: number; lng: number } | null; strategy: string };
type SyncShipmentsInput = { orderId: string; lines: Array<{ sku: string; locationId: string; quantity: number }>; shipBy?: Date | null; deliverBy?: Date | null };

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
      one: async (input, actor) => (await this.inventory.request<{ allocateOrder: RemoteAllocation }>(ALLOCATE, { input }, actorHeader(actor))).allocateOrder,
      many: async (input, actor) => (await this.inventory.request<{ allocateOrders: RemoteAllocation[] }>(ALLOCATE_MANY, { input }, actorHeader(actor))).allocateOrders,
    });
    this.shipmentSyncs = new CoalescedCall({
      maxInFlight: COALESCE_IN_FLIGHT,
      maxBatch: COALESCE_MAX,
      one: async (input, actor) => void (await this.fulfillment.request(SYNC_SHIPMENTS, { input }, actorHeader(actor))),
      many: async (input, actor) => {
        await this.fulfillment.request(SYNC_SHIPMENTS_MANY, { input }, actorHeader(actor));
        return input.map(() => undefined);
      },
    });
  }

  static fromUrls(urls: { inventory: () => string; customers: () => string; fulfillment: () => string }): OrderPeers {
    // Allocation queues behind other orders' reservations of the same stock when many orders arrive
    // at once; a longer wait costs less than a timeout and a retry (which queues again). A peer that
    // is down still fails at once (connection refused).
    return new OrderPeers(
      new GraphqlClient({ service: 'inventory', url: guarded('inventory', urls.inventory), timeoutMs: PEER_TIMEOUT_MS, identity: ORDERS_SERVICE }),
      new GraphqlClient({ service: 'customers', url: guarded('customers', urls.customers), identity: ORDERS_SERVICE }),
      new GraphqlClient({ service: 'fulfillment', url: guarded('fulfillment', urls.fulfillment), timeoutMs: PEER_TIMEOUT_MS, identity: ORDERS_SERVICE }),
    );
  }

  /** The known items among `skus`, by SKU; one request whatever the number of SKUs. */
  async findItems(skus: string[], actor: string): Promise<Map<string, RemoteItem>> {
    const representations = skus.map((sku) => ({ __typename: 'InventoryItem', sku }));
    const data = await this.inventory.request<{ _entities: Array<RemoteItem | null> }>(ITEMS, { r: representations }, actorHeader(actor));
    return new Map(data._entities.filter((item): item is RemoteItem => item !== null).map((item) => [item.sku, item]));
  }

  async findCustomer(id: string, actor: string): Promise<RemoteCustomer | null> {
    const data = await this.customers.request<{ _entities: Array<RemoteCustomer | null> }>(CUSTOMERS, { r: [{ __typename: 'Customer', id }] }, actorHeader(actor));
    return data._entities[0] ?? null;
  }

  /**
   * Finds the customer with this email or creates one (the customers subgraph serialises per email);
   * with keepExisting an existing customer is returned unchanged.
   */
  async upsertCustomer(input: { email: string; name?: string | null; phone?: string | null; keepExisting?: boolean }, actor: string): Promise<RemoteCustomer> {
    const data = await this.customers.request<{ upsertCustomer: RemoteCustomer }>(UPSERT_CUSTOMER, { input }, actorHeader(actor));
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
      const data = await this.inventory.request<{ releaseAllocation: RemoteAllocation | null }>(RELEASE, { input }, actorHeader(actor));
      return data.releaseAllocation;
    } catch (error) {
      if (error instanceof OmsError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  async allocationStrategies(actor: string): Promise<string[]> {
    const data = await this.inventory.request<{ allocationStrategies: string[] }>(STRATEGIES, {}, actorHeader(actor));
    return data.allocationStrategies;
  }

  async inventoryEvents(after: string | null, first: number): Promise<RemoteEventPage> {
    const data = await this.inventory.request<{ inventoryEvents: RemoteEventPage }>(INVENTORY_EVENTS, { after, first }, actorHeader(SYSTEM));
    return data.inventoryEvents;
  }

  /** Declarative: makes non-cancelled shipments cover the allocated units per SKU and location. */
  syncOrderShipments(input: SyncShipmentsInput, actor: string): Promise<void> {
    return this.shipmentSyncs.call(input, actor);
  }

  /** Cancels every shipment of the order that has not shipped. Idempotent. */
  async cancelOrderShipments(orderId: string, reason: string, actor: string): Promise<void> {
    try {
      await this.fulfillment.request(CANCEL_SHIPMENTS, { orderId, reason }, actorHeader(actor));
    } catch (error) {
      // An order fulfillment never heard of has no shipments to cancel.
      if (!(error instanceof OmsError && error.code === 'NOT_FOUND')) throw error;
    }
  }

  /** Shipments of many orders in one `_entities` call, by order id. */
  async shipmentsOf(orderIds: string[], actor: string): Promise<Map<string, RemoteShipment[]>> {
    if (orderIds.length === 0) return new Map();
    const data = await this.fulfillment.request<{ _entities: Array<{ id: string; shipments: RemoteShipment[] } | null> }>(
      SHIPMENTS,
      { r: orderIds.map((id) => ({ __typename: 'Order', id })) },
      actorHeader(actor),
    );
    const found = new Map<string, RemoteShipment[]>();
    data._entities.forEach((entity, index) => found.set(orderIds[index], entity?.shipments ?? []));
    return found;
  }

  /** A return (RMA) with the units received, or null when Fulfillment has none with this id. */
  async findReturn(id: string, actor: string): Promise<RemoteReturn | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const data = await this.fulfillment.request<{ _entities: Array<{ id: string; status: string; order: { id: string }; lines: RemoteReturn['lines'] } | null> }>(
      RETURNS,
      { r: [{ __typename: 'Return', id }] },
      actorHeader(actor),
    );
    const found = data._entities[0];
    return found ? { id: found.id, orderId: found.order.id, status: found.status, lines: found.lines } : null;
  }

  async fulfillmentEvents(after: string | null, first: number, types: string[] | null): Promise<RemoteEventPage> {
    const data = await this.fulfillment.request<{ fulfillmentEvents: RemoteEventPage }>(FULFILLMENT_EVENTS, { after, first, types }, actorHeader(SYSTEM));
    return data.fulfillmentEvents;
  }
}

/** The actor recorded for work the subgraph does on its own (recovery, consumers). */
export const SYSTEM = 'system:orders';

function actorHeader(actor: string): Record<string, string> {
  return { 'x-oms-actor': actor };
}

/** A peer whose URL is not known yet (still starting) is unavailable, like one that does not answer. */
function guarded(service: string, url: () => string): () => string {
  return () => {
    try {
      return url();
    } catch {
      // GraphqlClient turns a refused connection into UNAVAILABLE (port 1: refused at once, no lookup).
      return `http://127.0.0.1:1/${service}-not-started`;
    }
  };
}
