// What eBay shows now per SKU, for stock reconciliation: bulkGetInventoryItem
// (`POST /sell/inventory/v1/bulk_get_inventory_item`, 25 SKUs per call). A SKU eBay does not know
// (per-SKU 404, errorId 25710) is reported with quantity null.
import { ConnectorError, type CanonicalPublishedStock } from '@oms/connector-kit';
import { ebayCall, type EbayContext } from '../client';
import { describeEbayErrors, type EbayErrorDetail } from '../classify';
import type { EbayInventoryItem } from '../types';
import { BULK_LIMIT } from '../writers/stock';

interface InventoryItemResponse {
  sku?: string;
  statusCode: number;
  inventoryItem?: EbayInventoryItem;
  errors?: EbayErrorDetail[];
}

export async function publishedStock(ctx: EbayContext, skus: string[]): Promise<CanonicalPublishedStock[]> {
  const unique = [...new Set(skus)];
  const found = new Map<string, CanonicalPublishedStock>();
  for (let start = 0; start < unique.length; start += BULK_LIMIT) {
    const chunk = unique.slice(start, start + BULK_LIMIT);
    const response = await ebayCall<{ responses?: InventoryItemResponse[] }>(ctx, {
      method: 'POST',
      path: '/sell/inventory/v1/bulk_get_inventory_item',
      json: { requests: chunk.map((sku) => ({ sku })) },
      // A read sent as POST: repeating it is harmless.
      idempotent: true,
    });
    for (const answer of response.body?.responses ?? []) {
      if (!answer.sku) continue;
      if (answer.statusCode === 404) found.set(answer.sku, { sku: answer.sku, quantity: null });
      else if (answer.statusCode >= 300) throw new ConnectorError(answer.statusCode >= 500 ? 'TRANSIENT' : 'CONFIG', `eBay could not read inventory item ${answer.sku}: ${describeEbayErrors(answer.errors ?? []) || `HTTP ${answer.statusCode}`}`);
      else found.set(answer.sku, { sku: answer.sku, quantity: answer.inventoryItem?.availability?.shipToLocationAvailability?.quantity ?? 0 });
    }
  }
  return skus.map((sku) => found.get(sku) ?? { sku, quantity: null });
}
