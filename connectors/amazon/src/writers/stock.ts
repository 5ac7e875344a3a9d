// Publishing merchant-fulfilled quantities: one Listings Items PATCH per SKU replacing
// /attributes/fulfillment_availability. Amazon answers each with the SKU's own status and issues, so
// every SKU's result is known at once (see the README for why not JSON_LISTINGS_FEED).
import { ConnectorError, isConnectorError, type CanonicalStockLevel, type WriteResult } from '@oms/connector-kit';
import { callSpApi, type AmazonContext } from '../client';
import type { ListingsPatchResponse } from '../types';

/** One SKU's outcome, as reported in the writer's result and errors. */
export interface SkuStockResult {
  sku: string;
  quantity: number;
  status: 'ACCEPTED' | 'INVALID' | 'NOT_LISTED';
  submissionId?: string;
  issues: string[];
}

export function listingsItemPath(sellerId: string, sku: string): string {
  return `listings/2021-08-01/items/${encodeURIComponent(sellerId)}/${encodeURIComponent(sku)}`;
}

async function patchQuantity(ctx: AmazonContext, sku: string, quantity: number): Promise<SkuStockResult> {
  try {
    const response = await callSpApi<ListingsPatchResponse>(ctx, 'patchListingsItem', {
      method: 'PATCH',
      path: listingsItemPath(ctx.config.sellerId, sku),
      query: { marketplaceIds: ctx.config.marketplaceId, issueLocale: 'en_US' },
      json: {
        productType: ctx.config.productType,
        patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity, marketplace_id: ctx.config.marketplaceId }] }],
      },
      // Replacing a quantity with the same quantity is harmless.
      idempotent: true,
    });
    const body = response.body;
    const errors = (body?.issues ?? []).filter((issue) => issue.severity === 'ERROR');
    const status = body?.status === 'INVALID' || errors.length ? 'INVALID' : 'ACCEPTED';
    return { sku, quantity, status, submissionId: body?.submissionId, issues: (body?.issues ?? []).map((issue) => `${issue.severity} ${issue.code}: ${issue.message}`) };
  } catch (error) {
    if (isConnectorError(error) && error.kind === 'BAD_RECORD' && error.details.status === 404) return { sku, quantity, status: 'NOT_LISTED', issues: [error.message] };
    if (isConnectorError(error) && error.kind === 'BAD_RECORD') return { sku, quantity, status: 'INVALID', issues: [error.message] };
    throw error;
  }
}

export async function setStock(ctx: AmazonContext, levels: CanonicalStockLevel[]): Promise<WriteResult> {
  // The last quantity given for a SKU wins; an Amazon seller account has one merchant-fulfilled quantity per SKU.
  const wanted = new Map<string, number>();
  for (const level of levels) {
    if (!Number.isSafeInteger(level.quantity) || level.quantity < 0) throw new ConnectorError('BAD_RECORD', `stock for SKU ${level.sku}: quantity must be a whole number ≥ 0, got ${level.quantity}`);
    if (level.channelLocationId !== undefined) ctx.log.warn({ sku: level.sku, channelLocationId: level.channelLocationId }, 'Amazon has one merchant-fulfilled quantity per SKU: channelLocationId ignored');
    wanted.set(level.sku, level.quantity);
  }
  // In parallel: the patchListingsItem quota (5/s) paces them; an outage or AUTH stops the batch.
  const results = await Promise.all([...wanted].map(([sku, quantity]) => patchQuantity(ctx, sku, quantity)));
  for (const result of results) {
    if (result.status === 'ACCEPTED') ctx.log.info({ sku: result.sku, quantity: result.quantity, submissionId: result.submissionId }, 'Amazon accepted the quantity');
    else ctx.log.warn({ sku: result.sku, status: result.status, issues: result.issues }, 'Amazon did not take the quantity');
  }
  const refused = results.filter((result) => result.status === 'INVALID');
  if (refused.length) {
    throw new ConnectorError('BAD_RECORD', `Amazon refused stock for ${refused.length} SKU(s): ${refused.map((result) => `${result.sku} (${result.issues.join('; ')})`).join('; ')}`, { body: { results } });
  }
  const accepted = results.filter((result) => result.status === 'ACCEPTED');
  return accepted.length ? { reference: accepted.map((result) => `${result.sku}:${result.submissionId ?? ''}`).join(',') } : {};
}
