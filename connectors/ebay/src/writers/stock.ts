// Publishes the hub's stock to eBay: bulkUpdatePriceQuantity
// (`POST /sell/inventory/v1/bulk_update_price_quantity`), 25 SKUs per call, the quantity in
// shipToLocationAvailability (per merchant location when the levels name one). eBay answers per SKU
// (HTTP 200, or 207 when some failed): refused SKUs come back in `rejected` with eBay's reason while
// the others count as published.
import { ConnectorError, type CanonicalStockLevel, type WriteResult } from '@oms/connector-kit';
import { ebayCall, type EbayContext } from '../client';
import { describeEbayErrors, type EbayErrorDetail } from '../classify';

/** eBay's maximum of requests per bulkUpdatePriceQuantity call. */
export const BULK_LIMIT = 25;

interface PriceQuantityRequest {
  sku: string;
  shipToLocationAvailability: { quantity: number; availabilityDistributions?: Array<{ merchantLocationKey: string; quantity: number }> };
}

interface PriceQuantityResponse {
  sku?: string;
  offerId?: string;
  statusCode: number;
  errors?: EbayErrorDetail[];
  warnings?: EbayErrorDetail[];
}

/** One request per SKU: the last level given per location wins; locations add up to the SKU's quantity. */
export function toPriceQuantityRequests(levels: CanonicalStockLevel[]): PriceQuantityRequest[] {
  const bySku = new Map<string, Map<string | undefined, number>>();
  for (const level of levels) {
    if (!Number.isSafeInteger(level.quantity) || level.quantity < 0) {
      throw new ConnectorError('BAD_RECORD', `stock for SKU ${level.sku}: quantity must be a whole number ≥ 0, got ${level.quantity}`);
    }
    const locations = bySku.get(level.sku) ?? new Map<string | undefined, number>();
    locations.set(level.channelLocationId, level.quantity);
    bySku.set(level.sku, locations);
  }
  return [...bySku.entries()].map(([sku, locations]) => {
    const keyed = [...locations.entries()].filter((entry): entry is [string, number] => entry[0] !== undefined);
    if (!keyed.length) return { sku, shipToLocationAvailability: { quantity: locations.get(undefined) ?? 0 } };
    const distributions = keyed.map(([merchantLocationKey, quantity]) => ({ merchantLocationKey, quantity }));
    return { sku, shipToLocationAvailability: { quantity: distributions.reduce((sum, entry) => sum + entry.quantity, 0), availabilityDistributions: distributions } };
  });
}

export async function setStock(ctx: EbayContext, levels: CanonicalStockLevel[]): Promise<WriteResult> {
  const requests = toPriceQuantityRequests(levels);
  const rejected: NonNullable<WriteResult['rejected']> = [];
  const failing: string[] = [];
  let published = 0;
  for (let start = 0; start < requests.length; start += BULK_LIMIT) {
    const chunk = requests.slice(start, start + BULK_LIMIT);
    const response = await ebayCall<{ responses?: PriceQuantityResponse[] }>(ctx, {
      method: 'POST',
      path: '/sell/inventory/v1/bulk_update_price_quantity',
      headers: { 'content-language': ctx.config.contentLanguage },
      json: { requests: chunk },
      // Absolute quantities: sending them twice is harmless.
      idempotent: true,
    });
    const answers = response.body?.responses ?? [];
    for (const request of chunk) {
      // eBay answers once per SKU (per offer when the SKU has several); any failing answer fails the SKU.
      const mine = answers.filter((answer) => answer.sku === request.sku);
      const failed = mine.filter((answer) => answer.statusCode >= 300);
      if (!mine.length) failing.push(`${request.sku} (no answer from eBay)`);
      else if (failed.some((answer) => answer.statusCode >= 500)) failing.push(`${request.sku} (${describeEbayErrors(failed.flatMap((answer) => answer.errors ?? [])) || `HTTP ${failed[0].statusCode}`})`);
      else if (failed.length) {
        const reason = describeEbayErrors(failed.flatMap((answer) => answer.errors ?? [])) || `eBay answered HTTP ${failed[0].statusCode}`;
        ctx.log.warn({ sku: request.sku, reason }, 'eBay refused a stock update');
        rejected.push({ sku: request.sku, reason, ...locationOf(levels, request.sku) });
      } else published += 1;
    }
  }
  // eBay failing on its side for a SKU is worth another try of the whole write (quantities are absolute).
  if (failing.length) throw new ConnectorError('TRANSIENT', `eBay could not update stock for ${failing.length} SKU(s): ${failing.join('; ')}`);
  ctx.log.info({ published, rejected: rejected.length }, 'published stock to eBay');
  return { reference: `bulk_update_price_quantity:${published}`, ...(rejected.length ? { rejected } : {}) };
}

function locationOf(levels: CanonicalStockLevel[], sku: string): { channelLocationId?: string } {
  const located = levels.filter((level) => level.sku === sku && level.channelLocationId !== undefined);
  return located.length === 1 ? { channelLocationId: located[0].channelLocationId } : {};
}
