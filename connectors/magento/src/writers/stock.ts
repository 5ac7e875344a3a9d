// Publishes the hub's stock to Magento MSI: one `POST /V1/inventory/source-items` per chunk of levels
// (quantities arrive already buffered by the kit). Zero sellable units mark the item out of stock.
// MSI validates every item before saving any: a SKU the catalogue lacks fails the whole request, so
// the chunk is sent again without the SKUs Magento named, and those are reported as rejected.
import { isConnectorError, type CanonicalStockLevel, type ConnectorContext, type WriteResult } from '@oms/connector-kit';
import { MagentoClient } from '../client';
import type { MagentoConfig } from '../manifest';
import { unknownSkusOf, type MagentoSourceItem } from '../types';

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

/** Saves one chunk; SKUs Magento does not know are taken out and the rest saved. Returns the refused SKUs. */
async function saveChunk(client: MagentoClient, items: MagentoSourceItem[]): Promise<NonNullable<WriteResult['rejected']>> {
  try {
    await client.saveSourceItems(items);
    return [];
  } catch (error) {
    if (!isConnectorError(error) || error.kind !== 'BAD_RECORD') throw error;
    const unknown = unknownSkusOf(error.details.body);
    // Only a refusal that names every culprit can be narrowed; anything else is the chunk's problem.
    if (!unknown.size || !items.some((item) => unknown.has(item.sku))) throw error;
    const rejected = items.filter((item) => unknown.has(item.sku)).map((item) => ({ sku: item.sku, channelLocationId: item.source_code, reason: `Magento has no product with SKU "${item.sku}"` }));
    const rest = items.filter((item) => !unknown.has(item.sku));
    return rest.length ? [...rejected, ...(await saveChunk(client, rest))] : rejected;
  }
}

export async function setStock(ctx: ConnectorContext<MagentoConfig>, levels: CanonicalStockLevel[]): Promise<WriteResult> {
  const items = toSourceItems(ctx.config, levels);
  if (items.length === 0) return {};
  const client = new MagentoClient(ctx);
  const rejected: NonNullable<WriteResult['rejected']> = [];
  for (let start = 0; start < items.length; start += CHUNK) rejected.push(...(await saveChunk(client, items.slice(start, start + CHUNK))));
  const saved = items.length - rejected.length;
  ctx.log.info({ items: saved, rejected: rejected.map((entry) => entry.sku) }, 'published stock to Magento source items');
  return { ...(saved ? { reference: `source-items:${saved}` } : {}), ...(rejected.length ? { rejected } : {}) };
}
