// `check`: proves a connection works before it is saved: Login with Amazon exchanges the refresh
// token, SP-API accepts the access token, and the seller sells on the configured marketplace.
import { ConnectorError } from '@oms/connector-kit';
import { callSpApi, type AmazonContext } from './client';
import type { MarketplaceParticipation } from './types';

export async function checkAmazon(ctx: AmazonContext): Promise<{ ok: true; details?: Record<string, unknown> }> {
  const response = await callSpApi<{ payload?: MarketplaceParticipation[] }>(ctx, 'getMarketplaceParticipations', { method: 'GET', path: 'sellers/v1/marketplaceParticipations' });
  const participations = response.body?.payload ?? [];
  const entry = participations.find((candidate) => candidate.marketplace?.id === ctx.config.marketplaceId);
  if (!entry || !entry.participation?.isParticipating) {
    const known = participations.filter((candidate) => candidate.participation?.isParticipating).map((candidate) => `${candidate.marketplace.id} (${candidate.marketplace.domainName})`);
    throw new ConnectorError('CONFIG', `the seller does not sell on marketplace ${ctx.config.marketplaceId}: set marketplaceId to one of ${known.join(', ') || '(none)'}`);
  }
  return { ok: true, details: { marketplace: entry.marketplace.domainName, currency: entry.marketplace.defaultCurrencyCode, hasSuspendedListings: entry.participation.hasSuspendedListings } };
}
