// Publishing stock: SKU → its stock_available row (stock-lookup.ts), then `PUT /api/stock_availables/{id}`
// per changed quantity. PUT replaces the whole object, so every field read is sent back with only the
// quantity changed. SKUs the shop cannot take (no such reference, no stock row, a quantity driven by
// advanced stock management, a refused write) are reported per SKU, the others published.
import { ConnectorError, type CanonicalStockLevel, type WriteResult } from '@oms/connector-kit';
import { isFilterSafe, scalarFields, writeResource, type PsContext } from '../client';
import { resolveSkus, rowFor, stockRows, UNLOOKABLE_REASON } from '../stock-lookup';

type Rejected = NonNullable<WriteResult['rejected']>;

export async function setStock(ctx: PsContext, levels: CanonicalStockLevel[]): Promise<WriteResult> {
  // The last level given for a SKU and shop wins. channelLocationId is a PrestaShop shop id (multistore);
  // without it the SKU's first stock row is the one the shop sells from.
  const wanted = new Map<string, CanonicalStockLevel>();
  const rejected: Rejected = [];
  const reject = (level: CanonicalStockLevel, reason: string) => rejected.push({ sku: level.sku, ...(level.channelLocationId !== undefined ? { channelLocationId: level.channelLocationId } : {}), reason });
  for (const level of levels) {
    if (!Number.isSafeInteger(level.quantity) || level.quantity < 0) {
      throw new ConnectorError('BAD_RECORD', `stock for SKU ${level.sku}: quantity must be a whole number ≥ 0, got ${level.quantity}`);
    }
    wanted.set(`${level.sku}\u0000${level.channelLocationId ?? ''}`, level);
  }
  if (!wanted.size) return {};

  for (const level of wanted.values()) if (!isFilterSafe(level.sku)) reject(level, UNLOOKABLE_REASON);
  const skus = [...new Set([...wanted.values()].map((level) => level.sku))];
  const targets = await resolveSkus(ctx, skus);
  const rows = await stockRows(ctx, targets.values());
  const updated: string[] = [];
  for (const level of wanted.values()) {
    if (!isFilterSafe(level.sku)) continue;
    const target = targets.get(level.sku);
    if (!target) {
      reject(level, `PrestaShop has no product or combination with reference "${level.sku}"`);
      continue;
    }
    const stock = rowFor(rows, target, level.channelLocationId);
    if (!stock) {
      reject(level, `PrestaShop has no stock row for "${level.sku}"${level.channelLocationId !== undefined ? ` in shop ${level.channelLocationId}` : ''}`);
      continue;
    }
    if (String(stock.depends_on_stock) === '1') {
      reject(level, `the quantity of "${level.sku}" follows advanced stock management (depends_on_stock=1): PrestaShop would overwrite it`);
      continue;
    }
    if (Number(stock.quantity) === level.quantity) continue;
    try {
      await writeResource(ctx, 'PUT', 'stock_availables', 'stock_available', { ...scalarFields(stock), quantity: level.quantity });
      updated.push(String(stock.id));
    } catch (error) {
      // One refused SKU must not hold back the others; anything else (auth, outage) stops the batch.
      if (!(error instanceof ConnectorError) || error.kind !== 'BAD_RECORD') throw error;
      reject(level, `PrestaShop refused the stock update: ${error.message}`);
    }
  }
  if (rejected.length) ctx.log.warn({ rejected }, 'PrestaShop could not take the stock of some SKUs');
  return { ...(updated.length ? { reference: `stock_availables:${updated.join(',')}` } : {}), ...(rejected.length ? { rejected } : {}) };
}
