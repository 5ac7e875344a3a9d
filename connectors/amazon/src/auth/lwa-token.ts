// Login with Amazon: the seller's refresh token is exchanged for an access token (about an hour),
// cached per connection and refreshed a minute before it expires, with one exchange in flight at a
// time however many calls need a token at once.
import { createHash } from 'node:crypto';
import { ConnectorError, type ConnectorContext } from '@oms/connector-kit';
import type { AmazonConfig } from '../manifest';
import type { LwaTokenResponse } from '../types';

/** Refresh this long before Amazon's expiry, so no call goes out with a token about to lapse. */
const REFRESH_MARGIN_MS = 60_000;

interface CachedToken {
  value: string;
  expiresAt: number;
}

const cache = new Map<string, CachedToken>();
const inFlight = new Map<string, Promise<CachedToken>>();

function cacheKey(config: AmazonConfig): string {
  // Hashed: the cache key must not keep the secrets readable in memory dumps and logs.
  return createHash('sha256').update([config.tokenEndpoint, config.clientId, config.clientSecret, config.refreshToken].join('\u0000')).digest('hex');
}

async function exchange(ctx: ConnectorContext<AmazonConfig>): Promise<CachedToken> {
  const { config } = ctx;
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: config.refreshToken, client_id: config.clientId, client_secret: config.clientSecret });
  const response = await ctx.http.request<LwaTokenResponse>({
    method: 'POST',
    path: config.tokenEndpoint,
    rawBody: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    // A second exchange only issues another access token: safe to repeat after a network error.
    idempotent: true,
    signal: ctx.signal,
  });
  const body = response.body;
  if (typeof body?.access_token !== 'string' || !body.access_token || !Number.isFinite(body.expires_in)) {
    throw new ConnectorError('CONFIG', `Login with Amazon answered without an access token: check the connection's tokenEndpoint`, { status: response.status });
  }
  const lifetimeMs = body.expires_in * 1000;
  // Short-lived tokens (a simulator's) still get half their life before being refreshed.
  const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
  ctx.log.debug({ expiresIn: body.expires_in }, 'Login with Amazon issued an access token');
  return { value: body.access_token, expiresAt: Date.now() + lifetimeMs - margin };
}

/** The connection's access token, from the cache while it is fresh, else from one shared exchange. */
export async function lwaAccessToken(ctx: ConnectorContext<AmazonConfig>): Promise<string> {
  const key = cacheKey(ctx.config);
  const cached = cache.get(key);
  if (cached && cached.expiresAt > Date.now()) return cached.value;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = exchange(ctx)
      .then((token) => {
        cache.set(key, token);
        return token;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return (await pending).value;
}

/** Drops the cached token (Amazon refused it before its time: revoked, or the clock was off). */
export function forgetLwaAccessToken(config: AmazonConfig): void {
  cache.delete(cacheKey(config));
}
