// Publishes the hub's stock to Magento MSI: one `POST /V1/inventory/source-items` per chunk of levels
// (quantities arrive already buffered by the kit). Zero sellable units mark the item out of stock.
import type { CanonicalStockLevel, ConnectorContext, WriteResult } from '@oms/connector-kit';
import { MagentoClient } from '../client';
import type { MagentoConfig } from '../manifest';
import type { MagentoSourceItem } from '../types';

/** MSI saves a request's items in one transaction; very large bodies are split to stay well under request limits. */
const CHUNK = 500;

export function toSourceItems(config: MagentoConfig, levels: CanonicalStockLevel[]): MagentoSourceItem[] {
  // The last level given for a SKU at a source wins (the kit may hand over a level and its correction).
  const bySource = new Map<string, MagentoSourceItem>();
  for (const level of levels) {
    const quantity = Math.max(0, Math.floor(level.quantity));
    const source = level.channelLocationId ?? config.sourceCode;
    bySource.set(`${source}\u0000${level.sku}`, { sku: level.sku, source_code: source, quantity, status: quantity > 0 ? 1 : 0 });
  }
  return [...bySource.values()];
}

export async function setStock(ctx: ConnectorContext<MagentoConfig>, levels: CanonicalStockLevel[]): Promise<WriteResult> {
  const items = toSourceItems(ctx.config, levels);
  if (items.length === 0) return {};
  const client = new MagentoClient(ctx);
  for (let start = 0; start < items.length; start += CHUNK) await client.saveSourceItems(items.slice(start, start + CHUNK));
  ctx.log.info({ items: items.length }, 'published stock to Magento source items');
  return { reference: `source-items:${items.length}` };
}
