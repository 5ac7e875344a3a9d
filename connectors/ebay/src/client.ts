// The eBay REST calls the connector makes, over the kit's HTTP client: the connection's API root, a
// user access token on every call (refreshed once and the call repeated when eBay rejects it), and
// eBay's error bodies classified (classify.ts).
import { isConnectorError, type ChannelHttpClientOptions, type ChannelRequest, type ChannelResponse, type ConnectorContext, type ConnectorHttpOptions, type KitLogger } from '@oms/connector-kit';
import { accessToken, invalidateAccessToken } from './auth/access-token';
import { classifyEbayResponse, classifyTokenResponse } from './classify';
import { ebayManifest, tokenUrlOf, type EbayConfig } from './manifest';

/** What the runtime's HTTP client for a connection needs (Connector.httpOptions). */
export function ebayHttpOptions(config: EbayConfig): ConnectorHttpOptions {
  const tokenUrl = tokenUrlOf(config);
  return {
    baseUrl: config.apiBaseUrl,
    channelName: 'eBay',
    credential: { label: 'refresh token', field: 'refreshToken' },
    classify: (response, request) => (request.path === tokenUrl ? classifyTokenResponse(response) : classifyEbayResponse(response, request)),
  };
}

/** Full options for the kit's `createChannelHttpClient` (for callers building a client themselves). */
export function ebayHttpClientOptions(config: EbayConfig, log?: KitLogger): ChannelHttpClientOptions {
  return { ...ebayHttpOptions(config), rateLimit: ebayManifest.rateLimit, log };
}

export type EbayContext = ConnectorContext<EbayConfig>;

const rejectedToken = (error: unknown) => isConnectorError(error) && error.kind === 'AUTH' && error.details.status === 401;

/** Sends one eBay API call with the connection's access token. */
export async function ebayCall<T>(ctx: EbayContext, request: ChannelRequest): Promise<ChannelResponse<T>> {
  const send = (token: string) => ctx.http.request<T>({ ...request, signal: request.signal ?? ctx.signal, headers: { ...request.headers, authorization: `Bearer ${token}` } });
  const token = await accessToken(ctx);
  try {
    return await send(token);
  } catch (error) {
    if (!rejectedToken(error)) throw error;
    // eBay revoked or expired the token before its time: one fresh token, one more try.
    invalidateAccessToken(ctx.config, token);
    ctx.log.warn({ path: request.path }, 'eBay rejected the access token: refreshing it once');
    return send(await accessToken(ctx));
  }
}
