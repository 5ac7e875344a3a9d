// What Magento shows for SKUs at the connection's MSI source, for stock reconciliation: one
// `GET /V1/inventory/source-items` per chunk of SKUs (OR-ed `eq` filters on sku, so a SKU with a comma
// stays one value, AND the source), paged until total_count is read.
import type { CanonicalPublishedStock, ConnectorContext } from '@oms/connector-kit';
import { MagentoClient, type SearchFilter } from '../client';
import type { MagentoConfig } from '../manifest';

/** SKUs per request: keeps the query string far below the 8 KB URL limits of common front servers. */
const SKUS_PER_REQUEST = 50;
const PAGE_SIZE = 100;

export async function publishedStock(ctx: ConnectorContext<MagentoConfig>, skus: string[]): Promise<CanonicalPublishedStock[]> {
  const client = new MagentoClient(ctx);
  const source = ctx.config.sourceCode;
  const unique = [...new Set(skus)];
  const found = new Map<string, number>();
  for (let start = 0; start < unique.length; start += SKUS_PER_REQUEST) {
    const chunk = unique.slice(start, start + SKUS_PER_REQUEST);
    const skuGroup: SearchFilter[] = chunk.map((sku) => ({ field: 'sku', value: sku, conditionType: 'eq' }));
    for (let page = 1, read = 0; ; page++) {
      const result = await client.searchSourceItems({ filterGroups: [skuGroup, [{ field: 'source_code', value: source, conditionType: 'eq' }]], pageSize: PAGE_SIZE, currentPage: page });
      for (const item of result.items) found.set(item.sku, Number(item.quantity));
      read += result.items.length;
      // Magento answers a page past the end with the last page again: stop on total_count.
      if (read >= result.total_count || result.items.length === 0) break;
    }
  }
  return skus.map((sku) => ({ sku, channelLocationId: source, quantity: found.has(sku) ? found.get(sku)! : null }));
}
