// Reading orders: getOrders by LastUpdatedAfter (oldest change first, NextToken pages), then
// getOrderItems for each order of the page (its own, faster quota), mapped into canonical orders.
// Each page is a batch whose checkpoint lets a stopped sync resume without gaps.
import type { CanonicalOrder, ChannelRecord, StreamBatch, StreamReader } from '@oms/connector-kit';
import { isConnectorError } from '@oms/connector-kit';
import { ORDERS_PII } from '../auth/restricted-data-token';
import { callSpApi, type AmazonContext } from '../client';
import type { AmazonConfig } from '../manifest';
import { mapAmazonOrder } from '../mappers/order';
import type { AmazonOrder, AmazonOrderItem, GetOrderItemsResponse, GetOrdersResponse } from '../types';
import { advance, decodeOrdersCheckpoint, encodeOrdersCheckpoint, type OrdersCursor } from './checkpoint';

/** How far back the first read of a new connection reaches. */
export const FIRST_READ_LOOKBACK_DAYS = 30;

async function orderItems(ctx: AmazonContext, orderId: string): Promise<AmazonOrderItem[]> {
  const items: AmazonOrderItem[] = [];
  let nextToken: string | undefined;
  do {
    const response = await callSpApi<GetOrderItemsResponse>(ctx, 'getOrderItems', {
      method: 'GET',
      path: `orders/v0/orders/${encodeURIComponent(orderId)}/orderItems`,
      query: { NextToken: nextToken },
    });
    items.push(...(response.body?.payload?.OrderItems ?? []));
    nextToken = response.body?.payload?.NextToken;
  } while (nextToken);
  return items;
}

async function mapWithItems(ctx: AmazonContext, order: AmazonOrder): Promise<ChannelRecord<CanonicalOrder>> {
  try {
    return mapAmazonOrder(order, await orderItems(ctx, order.AmazonOrderId), ctx.config);
  } catch (error) {
    // Amazon cannot find this order's items: only this order is unusable.
    if (isConnectorError(error) && error.kind === 'BAD_RECORD') return { ok: false, channelId: order.AmazonOrderId, reason: `order ${order.AmazonOrderId}: getOrderItems: ${error.message}`, raw: order };
    throw error;
  }
}

function firstPageQuery(config: AmazonConfig, cursor: OrdersCursor | undefined) {
  const from = cursor?.at ?? new Date(Date.now() - FIRST_READ_LOOKBACK_DAYS * 86_400_000).toISOString();
  return { MarketplaceIds: config.marketplaceId, LastUpdatedAfter: from, MaxResultsPerPage: config.pageSize };
}

export const ordersStream: StreamReader<AmazonConfig, CanonicalOrder> = {
  name: 'orders',
  async *read(ctx: AmazonContext, checkpoint: string | null): AsyncIterable<StreamBatch<CanonicalOrder>> {
    const start = decodeOrdersCheckpoint(checkpoint);
    let cursor: OrdersCursor | undefined = start && { at: start.at, seen: new Set(start.seen) };
    let nextToken: string | undefined;
    do {
      const response = await callSpApi<GetOrdersResponse>(ctx, 'getOrders', {
        method: 'GET',
        path: 'orders/v0/orders',
        query: nextToken ? { MarketplaceIds: ctx.config.marketplaceId, NextToken: nextToken } : firstPageQuery(ctx.config, cursor),
        restricted: ctx.config.restrictedData ? ORDERS_PII : undefined,
      });
      const orders = (response.body?.payload?.Orders ?? []).filter((order) => !(start && order.LastUpdateDate && new Date(order.LastUpdateDate).toISOString() === start.at && start.seen.has(order.AmazonOrderId)));
      nextToken = response.body?.payload?.NextToken;
      if (!orders.length) continue;
      // Items per order in parallel; the getOrderItems quota paces them.
      const records = await Promise.all(orders.map((order) => mapWithItems(ctx, order)));
      for (const order of orders) {
        // An order without a readable LastUpdateDate is dead-lettered by the mapper and does not move the cursor.
        if (typeof order.AmazonOrderId !== 'string' || Number.isNaN(Date.parse(order.LastUpdateDate ?? ''))) continue;
        // The checkpoint relies on Amazon's oldest-change-first order (observed, not documented): say so if it breaks.
        if (cursor && new Date(order.LastUpdateDate).toISOString() < cursor.at) ctx.log.warn({ orderId: order.AmazonOrderId, lastUpdateDate: order.LastUpdateDate, cursor: cursor.at }, 'Amazon returned an order older than one read before it');
        cursor = advance(cursor, order.AmazonOrderId, order.LastUpdateDate);
      }
      yield { records, checkpoint: cursor ? encodeOrdersCheckpoint(cursor) : (checkpoint ?? '') };
    } while (nextToken);
  },
};
