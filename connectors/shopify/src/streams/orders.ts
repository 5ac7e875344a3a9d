// Orders changed since a checkpoint, oldest change first: `orders(sortKey: UPDATED_AT, query:
// "updated_at:>='…'")` paged by cursor. The checkpoint is the last order's updatedAt plus its id: Shopify
// times have one-second resolution, so the next read asks for `>=` that second and skips the orders of
// that second it already delivered (ids at or below the checkpoint's).
import { mapRecord, type CanonicalOrder, type ChannelRecord, type ConnectorContext, type StreamBatch, type StreamReader } from '@oms/connector-kit';
import { isMaxCostExceeded, ShopifyClient } from '../client';
import type { ShopifyConfig } from '../manifest';
import { legacyId, mapShopifyOrder, type ShopifyLineItem, type ShopifyOrderNode } from '../mappers/order';

/** Line items fetched with each order; longer orders get the rest in follow-up queries. */
const LINES_PER_ORDER = 5;
/** Shopify's single-query cost limit, and what one order of ORDERS_QUERY costs against it. */
const MAX_QUERY_COST = 1000;
const ORDER_NODE_COST = 10 + 6 * LINES_PER_ORDER;

const LINE_FIELDS = `id sku name quantity originalUnitPriceSet { shopMoney { amount currencyCode } } taxLines { priceSet { shopMoney { amount } } }`;
const ADDRESS_FIELDS = `name firstName lastName company address1 address2 city province provinceCode zip country countryCodeV2 phone`;

export const ORDERS_QUERY = /* GraphQL */ `
  query OmsOrders($first: Int!, $after: String, $query: String, $lines: Int!) {
    orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id name email phone createdAt processedAt updatedAt cancelledAt currencyCode
        customer { email firstName lastName phone }
        shippingAddress { ${ADDRESS_FIELDS} }
        billingAddress { ${ADDRESS_FIELDS} }
        totalShippingPriceSet { shopMoney { amount currencyCode } }
        totalDiscountsSet { shopMoney { amount currencyCode } }
        lineItems(first: $lines) { pageInfo { hasNextPage endCursor } nodes { ${LINE_FIELDS} } }
      }
    }
  }`;

const ORDER_LINES_QUERY = /* GraphQL */ `
  query OmsOrderLines($id: ID!, $after: String) {
    order(id: $id) { lineItems(first: 50, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${LINE_FIELDS} } } }
  }`;

type Page<T> = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: T[] };
type OrderNode = Omit<ShopifyOrderNode, 'lineItems'> & { lineItems: Page<ShopifyLineItem> };

export interface OrdersCheckpoint {
  updatedAt: string;
  id: string;
}

export const encodeOrdersCheckpoint = (checkpoint: OrdersCheckpoint): string => `${checkpoint.updatedAt}|${checkpoint.id}`;

export function decodeOrdersCheckpoint(checkpoint: string | null): OrdersCheckpoint | null {
  if (!checkpoint) return null;
  const [updatedAt, id] = checkpoint.split('|');
  if (Number.isNaN(Date.parse(updatedAt)) || !/^\d+$/.test(id ?? '')) throw new Error(`not a Shopify orders checkpoint: ${JSON.stringify(checkpoint)}`);
  return { updatedAt, id };
}

/** Numeric ids of any length, compared without floating point. */
const idAtOrBelow = (id: string, limit: string) => id.length < limit.length || (id.length === limit.length && id <= limit);

async function completeLines(client: ShopifyClient, node: OrderNode): Promise<ShopifyOrderNode> {
  const nodes = [...node.lineItems.nodes];
  let pageInfo = node.lineItems.pageInfo;
  while (pageInfo.hasNextPage) {
    const data = await client.graphql<{ order: { lineItems: Page<ShopifyLineItem> } | null }>('OmsOrderLines', ORDER_LINES_QUERY, { id: node.id, after: pageInfo.endCursor });
    if (!data.order) break;
    nodes.push(...data.order.lineItems.nodes);
    pageInfo = data.order.lineItems.pageInfo;
  }
  return { ...node, lineItems: { nodes } };
}

export const ordersStream: StreamReader<ShopifyConfig, CanonicalOrder> = {
  name: 'orders',
  async *read(ctx: ConnectorContext<ShopifyConfig>, checkpoint: string | null): AsyncIterable<StreamBatch<CanonicalOrder>> {
    const client = new ShopifyClient(ctx);
    const since = decodeOrdersCheckpoint(checkpoint);
    const query = since ? `updated_at:>='${since.updatedAt}'` : null;
    let pageSize = Math.max(1, Math.min(ctx.config.pageSize, Math.floor((MAX_QUERY_COST - 2) / ORDER_NODE_COST)));
    let after: string | null = null;
    let last = since;
    for (;;) {
      let page: Page<OrderNode>;
      try {
        page = (await client.graphql<{ orders: Page<OrderNode> }>('OmsOrders', ORDERS_QUERY, { first: pageSize, after, query, lines: LINES_PER_ORDER })).orders;
      } catch (error) {
        // A shop may price fields differently than we estimate: halve the page until it fits.
        if (isMaxCostExceeded(error) && pageSize > 1) {
          pageSize = Math.floor(pageSize / 2);
          ctx.log.warn({ pageSize }, 'Shopify query cost over the limit: smaller pages');
          continue;
        }
        throw error;
      }
      const records: Array<ChannelRecord<CanonicalOrder>> = [];
      for (const node of page.nodes) {
        const id = legacyId(node.id);
        if (since && Date.parse(node.updatedAt) === Date.parse(since.updatedAt) && idAtOrBelow(id, since.id)) continue;
        const complete = await completeLines(client, node);
        records.push(mapRecord(id, complete, () => mapShopifyOrder(complete)));
        last = { updatedAt: node.updatedAt, id };
      }
      if (records.length && last) yield { records, checkpoint: encodeOrdersCheckpoint(last) };
      if (!page.pageInfo.hasNextPage) return;
      after = page.pageInfo.endCursor;
    }
  },
};
