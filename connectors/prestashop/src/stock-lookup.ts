// Where a SKU's quantity lives on a PrestaShop shop: SKU (product or combination reference) → product
// id → its stock_available rows, looked up in batches (one filtered list per resource and 50 values).
// Shared by the stock writer and the published-stock reader, so both look at the same row.
import { isFilterSafe, listByValues, type PsContext, type PsRecord } from './client';

export interface StockTarget {
  sku: string;
  productId: string;
  /** 0 for a simple product, the combination id otherwise. */
  attributeId: string;
}

/** SKU → the product or combination carrying it as reference (products first: that is what orders carry most). */
export async function resolveSkus(ctx: PsContext, skus: string[]): Promise<Map<string, StockTarget>> {
  const targets = new Map<string, StockTarget>();
  const lookable = skus.filter(isFilterSafe);
  if (!lookable.length) return targets;
  const byReference = (records: PsRecord[]) => {
    const found = new Map<string, PsRecord[]>();
    for (const record of records) {
      // The Webservice matches case-insensitively; a SKU is case-sensitive for the hub.
      const reference = String(record.reference ?? '');
      found.set(reference, [...(found.get(reference) ?? []), record]);
    }
    return found;
  };
  const products = byReference(await listByValues(ctx, 'products', 'reference', lookable, { display: ['id', 'reference'] }));
  for (const sku of lookable) {
    const matches = products.get(sku) ?? [];
    if (matches.length > 1) ctx.log.warn({ sku, products: matches.map((product) => product.id) }, 'several PrestaShop products share this reference: using the first');
    if (matches.length) targets.set(sku, { sku, productId: String(matches[0].id), attributeId: '0' });
  }
  const rest = lookable.filter((sku) => !targets.has(sku));
  if (rest.length) {
    const combinations = byReference(await listByValues(ctx, 'combinations', 'reference', rest, { display: ['id', 'id_product', 'reference'] }));
    for (const sku of rest) {
      const match = combinations.get(sku)?.[0];
      if (match) targets.set(sku, { sku, productId: String(match.id_product), attributeId: String(match.id) });
    }
  }
  return targets;
}

/** Every stock_available row of these products, oldest first. */
export function stockRows(ctx: PsContext, targets: Iterable<StockTarget>): Promise<PsRecord[]> {
  const productIds = [...new Set([...targets].map((target) => target.productId))];
  if (!productIds.length) return Promise.resolve([]);
  return listByValues(ctx, 'stock_availables', 'id_product', productIds, { display: 'full', sort: ['id_ASC'] });
}

/** The row a SKU's quantity is read from and written to: its shop's (`id_shop`), else the first one. */
export function rowFor(rows: PsRecord[], target: StockTarget, shopId?: string): PsRecord | undefined {
  return rows.find((record) => String(record.id_product) === target.productId && String(record.id_product_attribute) === target.attributeId && (shopId === undefined || String(record.id_shop) === shopId));
}

export const UNLOOKABLE_REASON = 'the SKU cannot be looked up through the PrestaShop Webservice filter syntax ([ ] | % or surrounding spaces)';
