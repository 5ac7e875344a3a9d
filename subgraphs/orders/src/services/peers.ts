// The orders subgraph's only way to read other domains: their public GraphQL APIs over HTTP,
// batched into one `_entities` call per question (never their databases).
import { GraphqlClient } from '@oms/platform';

export interface RemoteItem {
  sku: string;
  name: string | null;
}

export interface RemoteCustomer {
  id: string;
  email: string;
}

const ITEMS = `query OrderItems($r: [_Any!]!) { _entities(representations: $r) { ... on InventoryItem { sku name } } }`;
const CUSTOMERS = `query OrderCustomers($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id email } } }`;
const UPSERT_CUSTOMER = `mutation OrderCustomer($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { id email } }`;

export class OrderPeers {
  constructor(
    private readonly inventory: GraphqlClient,
    private readonly customers: GraphqlClient,
  ) {}

  static fromUrls(urls: { inventory: () => string; customers: () => string }): OrderPeers {
    return new OrderPeers(new GraphqlClient({ service: 'inventory', url: urls.inventory }), new GraphqlClient({ service: 'customers', url: urls.customers }));
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

  /** Finds the customer with this email or creates one (the customers subgraph serialises per email). */
  async upsertCustomer(input: { email: string; name?: string | null; phone?: string | null }, actor: string): Promise<RemoteCustomer> {
    const data = await this.customers.request<{ upsertCustomer: RemoteCustomer }>(UPSERT_CUSTOMER, { input }, actorHeader(actor));
    return data.upsertCustomer;
  }
}

function actorHeader(actor: string): Record<string, string> {
  return { 'x-oms-actor': actor };
}
