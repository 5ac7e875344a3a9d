// The conformance suite's view of the hub, through its public graph only: inventory for the simulator's
// SKUs, and the imported orders of one channel.
import type { ConformanceHub } from './types';

async function data<T = any>(hub: ConformanceHub, query: string, variables?: object): Promise<T> {
  const result = await hub.gql(query, variables);
  if (result?.errors?.length) throw new Error(`hub GraphQL errors: ${JSON.stringify(result.errors)}`);
  return (result?.data ?? result) as T;
}

export interface HubOrderSnapshot {
  id: string;
  channelOrderId: string;
  status: string;
  updatedAt: string;
}

/** One warehouse and plenty of stock for every SKU (idempotent: items and location are upserts). */
export async function ensureInventory(hub: ConformanceHub, skus: string[], onHand = 1_000_000): Promise<string> {
  const location = await data<{ upsertLocation: { id: string } }>(
    hub,
    `mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id } }`,
    { input: { code: 'CONFORMANCE-WH', name: 'Conformance warehouse', kind: 'WAREHOUSE', priority: 1, address: { line1: '1 Depot Way', city: 'Berlin', countryCode: 'DE', lat: 52.52, lng: 13.405 } } },
  );
  const locationId = location.upsertLocation.id;
  for (const sku of skus) {
    await data(hub, `mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name: `Conformance ${sku}` } });
    await data(hub, `mutation($input: SetStockInput!) { setStock(input: $input) { onHand } }`, { input: { sku, locationId, onHand, safetyStock: 0, reason: 'conformance setup' } });
  }
  return locationId;
}

/** Every order the hub holds for the channel (paged), and the total the hub reports. */
export async function hubOrders(hub: ConformanceHub, channel: string): Promise<{ totalCount: number; orders: HubOrderSnapshot[] }> {
  const orders: HubOrderSnapshot[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (;;) {
    const page: any = await data(
      hub,
      `query($channel: [String!], $after: String) { orders(filter: { channel: $channel }, first: 100, after: $after) {
         totalCount edges { node { id channelOrderId status updatedAt } } pageInfo { hasNextPage endCursor } } }`,
      { channel: [channel], after },
    );
    totalCount = page.orders.totalCount;
    orders.push(...page.orders.edges.map((edge: { node: HubOrderSnapshot }) => edge.node));
    if (!page.orders.pageInfo.hasNextPage) return { totalCount, orders };
    after = page.orders.pageInfo.endCursor;
  }
}

/** The hub's order for each channel order id (null when missing), in one aliased query. */
export async function ordersByChannel(hub: ConformanceHub, channel: string, channelOrderIds: string[]): Promise<Array<{ id: string; status: string; lines: Array<{ sku: string; quantity: number }> } | null>> {
  if (!channelOrderIds.length) return [];
  const variables: Record<string, string> = { channel };
  const fields = channelOrderIds.map((id, index) => {
    variables[`i${index}`] = id;
    return `o${index}: orderByChannel(channel: $channel, channelOrderId: $i${index}) { id status lines { sku quantity } }`;
  });
  const definitions = channelOrderIds.map((_, index) => `$i${index}: String!`).join(', ');
  const result = await data<Record<string, any>>(hub, `query($channel: String!, ${definitions}) { ${fields.join(' ')} }`, variables);
  return channelOrderIds.map((_, index) => result[`o${index}`] ?? null);
}

export async function availableInHub(hub: ConformanceHub, sku: string): Promise<number> {
  const result = await data<{ inventoryItem: { available: number } | null }>(hub, `query($sku: String!) { inventoryItem(sku: $sku) { available } }`, { sku });
  if (!result.inventoryItem) throw new Error(`hub has no inventory item ${sku}`);
  return result.inventoryItem.available;
}
