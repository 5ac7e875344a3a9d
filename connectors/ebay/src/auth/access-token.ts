// eBay user access tokens, minted from the connection's refresh token
// (`POST /identity/v1/oauth2/token`, grant_type=refresh_token, client id/secret in Basic auth).
// One token per connection in this process, shared by every call: refreshed a little before it
// expires, one refresh in flight at a time, dropped when eBay says it is no longer valid.
import { createHash } from 'node:crypto';
import { ConnectorError, type ConnectorContext } from '@oms/connector-kit';
import { tokenUrlOf, type EbayConfig } from '../manifest';

interface CachedToken {
  value: string;
  /** Epoch ms after which the token is refreshed before use (ahead of its real expiry). */
  refreshAt: number;
  expiresAt: number;
}

interface Slot {
  token?: CachedToken;
  refreshing?: Promise<CachedToken>;
}

const slots = new Map<string, Slot>();

/** Refresh this long before expiry (eBay tokens live two hours), or a tenth of the lifetime when shorter. */
const EARLY_MS = 5 * 60_000;

function slotKey(config: EbayConfig): string {
  // The refresh token is hashed: the key may show up in heap dumps, the credential should not.
  const secret = createHash('sha256').update(`${config.clientSecret}\u0000${config.refreshToken}`).digest('hex');
  return [tokenUrlOf(config), config.clientId, [...config.scopes].sort().join(' '), secret].join('|');
}

function slotFor(config: EbayConfig): Slot {
  const key = slotKey(config);
  let slot = slots.get(key);
  if (!slot) slots.set(key, (slot = {}));
  return slot;
}

interface TokenResponse {
  access_token?: unknown;
  expires_in?: unknown;
  token_type?: unknown;
}

async function refresh(ctx: ConnectorContext<EbayConfig>): Promise<CachedToken> {
  const { config } = ctx;
  const basic = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64');
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: config.refreshToken, scope: config.scopes.join(' ') });
  const started = Date.now();
  const response = await ctx.http.request<TokenResponse>({
    method: 'POST',
    path: tokenUrlOf(config),
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    rawBody: form.toString(),
    signal: ctx.signal,
    // Minting another access token from the same refresh token is harmless: safe to retry.
    idempotent: true,
  });
  const { access_token: value, expires_in: expiresIn } = response.body ?? {};
  if (typeof value !== 'string' || !value || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
    throw new ConnectorError('CONFIG', `eBay's token endpoint answered without access_token/expires_in: check the connection's tokenUrl (${tokenUrlOf(config)})`, { status: response.status });
  }
  const lifetimeMs = expiresIn * 1000;
  ctx.log.info({ expiresIn }, 'eBay access token refreshed');
  return { value, expiresAt: started + lifetimeMs, refreshAt: started + lifetimeMs - Math.min(EARLY_MS, lifetimeMs / 10) };
}

/** A valid access token for the connection: the cached one, or one refresh shared by all callers. */
export async function accessToken(ctx: ConnectorContext<EbayConfig>): Promise<string> {
  const slot = slotFor(ctx.config);
  if (slot.token && Date.now() < slot.token.refreshAt) return slot.token.value;
  if (!slot.refreshing) {
    const refreshing = refresh(ctx).then(
      (token) => {
        slot.token = token;
        return token;
      },
      (error: unknown) => {
        // A refused refresh token must not leave an older access token in use.
        if (error instanceof ConnectorError && error.kind === 'AUTH') slot.token = undefined;
        throw error;
      },
    );
    slot.refreshing = refreshing;
    void refreshing.finally(() => {
      if (slot.refreshing === refreshing) slot.refreshing = undefined;
    }).catch(() => undefined);
  }
  return (await slot.refreshing).value;
}

/** eBay refused this token (revoked, expired early): the next call refreshes, unless another already did. */
export function invalidateAccessToken(config: EbayConfig, token: string): void {
  const slot = slotFor(config);
  if (slot.token?.value === token) slot.token = undefined;
}

/** Forgets every cached token (tests, credential rotation). */
export function clearAccessTokens(): void {
  slots.clear();
}
