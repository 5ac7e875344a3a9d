// Reading back what Amazon shows: getListingsItem with includedData=fulfillmentAvailability per SKU
// (Listings Items has no batch read), the DEFAULT (merchant-fulfilled) channel's quantity; a SKU the
// seller does not list is null.
import { isConnectorError, type CanonicalPublishedStock } from '@oms/connector-kit';
import { callSpApi, type AmazonContext } from '../client';
import type { ListingsItem } from '../types';
import { listingsItemPath } from '../writers/stock';

async function readOne(ctx: AmazonContext, sku: string): Promise<CanonicalPublishedStock> {
  try {
    const response = await callSpApi<ListingsItem>(ctx, 'getListingsItem', {
      method: 'GET',
      path: listingsItemPath(ctx.config.sellerId, sku),
      query: { marketplaceIds: ctx.config.marketplaceId, includedData: 'fulfillmentAvailability' },
    });
    const merchant = response.body?.fulfillmentAvailability?.find((entry) => entry.fulfillmentChannelCode === 'DEFAULT');
    return { sku, quantity: merchant ? (merchant.quantity ?? 0) : null };
  } catch (error) {
    if (isConnectorError(error) && error.details.status === 404) return { sku, quantity: null };
    throw error;
  }
}

export async function publishedStock(ctx: AmazonContext, skus: string[]): Promise<CanonicalPublishedStock[]> {
  const unique = [...new Set(skus)];
  const bySku = new Map((await Promise.all(unique.map((sku) => readOne(ctx, sku)))).map((entry) => [entry.sku, entry]));
  return skus.map((sku) => bySku.get(sku)!);
}
