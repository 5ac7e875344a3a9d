// Publishing stock: SKU (product or combination reference) → product id → stock_available, looked up
// in batches, then `PUT /api/stock_availables/{id}` per changed quantity. PUT replaces the whole
// object, so every field read is sent back with only the quantity changed.
import { ConnectorError, type CanonicalStockLevel, type WriteResult } from '@oms/connector-kit';
import { isFilterSafe, listByValues, scalarFields, writeResource, type PsContext, type PsRecord } from '../client';

interface StockTarget {
  sku: string;
  productId: string;
  /** 0 for a simple product, the combination id otherwise. */
  attributeId: string;
}

/** SKU → the product or combination carrying it as reference (products first: that is what orders carry most). */
async function resolveSkus(ctx: PsContext, skus: string[]): Promise<Map<string, StockTarget>> {
  const targets = new Map<string, StockTarget>();
  const byReference = (records: PsRecord[]) => {
    const found = new Map<string, PsRecord[]>();
    for (const record of records) {
      // The Webservice matches case-insensitively; a SKU is case-sensitive for the hub.
      const reference = String(record.reference ?? '');
      found.set(reference, [...(found.get(reference) ?? []), record]);
    }
    return found;
  };
  const products = byReference(await listByValues(ctx, 'products', 'reference', skus, { display: ['id', 'reference'] }));
  for (const sku of skus) {
    const matches = products.get(sku) ?? [];
    if (matches.length > 1) ctx.log.warn({ sku, products: matches.map((product) => product.id) }, 'several PrestaShop products share this reference: updating the first');
    if (matches.length) targets.set(sku, { sku, productId: String(matches[0].id), attributeId: '0' });
  }
  const rest = skus.filter((sku) => !targets.has(sku));
  if (rest.length) {
    const combinations = byReference(await listByValues(ctx, 'combinations', 'reference', rest, { display: ['id', 'id_product', 'reference'] }));
    for (const sku of rest) {
      const match = combinations.get(sku)?.[0];
      if (match) targets.set(sku, { sku, productId: String(match.id_product), attributeId: String(match.id) });
    }
  }
  return targets;
}

export async function setStock(ctx: PsContext, levels: CanonicalStockLevel[]): Promise<WriteResult> {
  // The last level given for a SKU and shop wins. channelLocationId is a PrestaShop shop id (multistore);
  // without it the SKU's first stock row is the one the shop sells from.
  const wanted = new Map<string, CanonicalStockLevel>();
  for (const level of levels) {
    if (!Number.isSafeInteger(level.quantity) || level.quantity < 0) {
      throw new ConnectorError('BAD_RECORD', `stock for SKU ${level.sku}: quantity must be a whole number ≥ 0, got ${level.quantity}`);
    }
    if (!isFilterSafe(level.sku)) {
      ctx.log.warn({ sku: level.sku }, 'SKU cannot be looked up through the PrestaShop Webservice filter syntax ([ ] | % or surrounding spaces): skipped');
      continue;
    }
    wanted.set(`${level.sku}\u0000${level.channelLocationId ?? ''}`, level);
  }
  if (!wanted.size) return {};

  const skus = [...new Set([...wanted.values()].map((level) => level.sku))];
  const targets = await resolveSkus(ctx, skus);
  const unknown = skus.filter((sku) => !targets.has(sku));
  if (unknown.length) ctx.log.info({ skus: unknown }, 'SKUs not sold on this PrestaShop shop: skipped');

  const stocks = await listByValues(ctx, 'stock_availables', 'id_product', [...new Set([...targets.values()].map((target) => target.productId))], { display: 'full', sort: ['id_ASC'] });
  const updated: string[] = [];
  const refused: string[] = [];
  for (const level of wanted.values()) {
    const target = targets.get(level.sku);
    if (!target) continue;
    const stock = stocks.find(
      (record) =>
        String(record.id_product) === target.productId &&
        String(record.id_product_attribute) === target.attributeId &&
        (level.channelLocationId === undefined || String(record.id_shop) === level.channelLocationId),
    );
    if (!stock) {
      ctx.log.warn({ sku: target.sku, productId: target.productId, attributeId: target.attributeId, shopId: level.channelLocationId }, 'no stock_available row for this SKU: skipped');
      continue;
    }
    if (String(stock.depends_on_stock) === '1') {
      ctx.log.warn({ sku: target.sku, stockAvailableId: stock.id }, 'quantity follows advanced stock management (depends_on_stock=1): PrestaShop would overwrite it, skipped');
      continue;
    }
    if (Number(stock.quantity) === level.quantity) continue;
    try {
      await writeResource(ctx, 'PUT', 'stock_availables', 'stock_available', { ...scalarFields(stock), quantity: level.quantity });
      updated.push(String(stock.id));
    } catch (error) {
      // One refused SKU must not hold back the others; anything else (auth, outage) stops the batch.
      if (!(error instanceof ConnectorError) || error.kind !== 'BAD_RECORD') throw error;
      ctx.log.warn({ sku: target.sku, error: error.message }, 'PrestaShop refused a stock update');
      refused.push(`${target.sku} (${error.message})`);
    }
  }
  if (refused.length) throw new ConnectorError('BAD_RECORD', `PrestaShop refused stock for ${refused.length} SKU(s): ${refused.join('; ')}`, { body: { updated } });
  return updated.length ? { reference: `stock_availables:${updated.join(',')}` } : {};
}
