// Calling SP-API over the kit's HTTP client: the regional endpoint as base URL, the LWA access token
// (or a Restricted Data Token) in `x-amz-access-token`, each operation within its own quota, and one
// retry with fresh tokens when Amazon refuses a cached token before its expiry.
import { ConnectorError, isConnectorError, type ChannelRequest, type ChannelResponse, type ConnectorContext, type ConnectorHttpOptions } from '@oms/connector-kit';
import { forgetLwaAccessToken, lwaAccessToken } from './auth/lwa-token';
import { forgetRestrictedDataTokens, restrictedDataToken, type RestrictedResource } from './auth/restricted-data-token';
import { CHANNEL_NAME, classifyAmazon, CREDENTIAL } from './classify';
import type { AmazonConfig } from './manifest';
import { withinQuota, type AmazonOperation } from './rate-limits';

export type AmazonContext = ConnectorContext<AmazonConfig>;

export function amazonHttpOptions(config: AmazonConfig): ConnectorHttpOptions {
  return { baseUrl: `${config.endpoint}/`, classify: classifyAmazon, channelName: CHANNEL_NAME, credential: CREDENTIAL };
}

/** Quotas are the selling partner's per region: one key per endpoint and seller. */
const connectionKey = (config: AmazonConfig) => `${config.endpoint}\u0000${config.sellerId}`;

export interface SpApiCall extends Omit<ChannelRequest, 'headers' | 'signal'> {
  /** Send a Restricted Data Token for this resource instead of the LWA token. */
  restricted?: RestrictedResource;
}

async function tokenFor(ctx: AmazonContext, restricted: RestrictedResource | undefined): Promise<string> {
  if (!restricted) return lwaAccessToken(ctx);
  return restrictedDataToken(ctx, restricted, async (restrictedResources) => {
    const response = await callSpApi<{ restrictedDataToken?: string; expiresIn?: number }>(ctx, 'createRestrictedDataToken', {
      method: 'POST',
      path: 'tokens/2021-03-01/restrictedDataToken',
      json: { restrictedResources },
      // Creating another token changes nothing on Amazon's side.
      idempotent: true,
    });
    const { restrictedDataToken: value, expiresIn } = response.body ?? {};
    if (typeof value !== 'string' || !Number.isFinite(expiresIn)) throw new ConnectorError('CONFIG', `${CHANNEL_NAME} answered createRestrictedDataToken without a token: check the connection's endpoint`);
    return { restrictedDataToken: value, expiresIn: expiresIn! };
  });
}

export async function callSpApi<T>(ctx: AmazonContext, operation: AmazonOperation, call: SpApiCall): Promise<ChannelResponse<T>> {
  const { restricted, ...request } = call;
  for (let attempt = 1; ; attempt++) {
    const token = await tokenFor(ctx, restricted);
    try {
      return await withinQuota(connectionKey(ctx.config), operation, () => ctx.http.request<T>({ ...request, headers: { 'x-amz-access-token': token }, signal: ctx.signal }), ctx.signal);
    } catch (error) {
      // A 403 on a token we cached may mean it was revoked or our clock drifted: one retry with new tokens.
      if (attempt === 1 && isConnectorError(error) && error.kind === 'AUTH' && error.details.status === 403) {
        forgetLwaAccessToken(ctx.config);
        forgetRestrictedDataTokens(ctx.config);
        ctx.log.warn({ operation }, 'Amazon refused the access token: retrying once with a fresh one');
        continue;
      }
      throw error;
    }
  }
}
