// What a PrestaShop shop shows for SKUs, for stock reconciliation: the same stock_available rows the
// writer updates, read with the same batched look-ups (products, combinations, then stock_availables
// filtered by product: one request per resource and 50 values).
import type { CanonicalPublishedStock } from '@oms/connector-kit';
import type { PsContext } from '../client';
import { resolveSkus, rowFor, stockRows } from '../stock-lookup';

export async function publishedStock(ctx: PsContext, skus: string[]): Promise<CanonicalPublishedStock[]> {
  const targets = await resolveSkus(ctx, [...new Set(skus)]);
  const rows = await stockRows(ctx, targets.values());
  return skus.map((sku) => {
    const target = targets.get(sku);
    const row = target ? rowFor(rows, target) : undefined;
    return row ? { sku, channelLocationId: String(row.id_shop), quantity: Number(row.quantity) } : { sku, quantity: null };
  });
}
