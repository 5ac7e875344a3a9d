// Who is calling the gateway: an API key (resolved by the access subgraph, cached briefly), a JWT, or
// a hub service's signed identity. Anonymous requests get null; bad credentials get UNAUTHENTICATED.
// A signed identity counts only when it was signed for the gateway itself (audience `gateway`, by a hub
// service holding the internal secret); any other `x-oms-identity` (forged, expired, or one the gateway
// signed for a subgraph and a client got hold of) is ignored as if it had not been sent.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { GATEWAY_AUDIENCE, GraphqlClient, IDENTITY_HEADER, serviceIdentity, unauthenticated, verifySignedIdentity, type Identity } from '@oms/platform';
import { JwtVerifier, looksLikeJwt, type JwtConfig } from './jwt';

/** A revoked key keeps working at most this long on a gateway that had it cached. */
const KEY_CACHE_TTL_MS = 5_000;
/**
 * An unknown key is remembered as unknown this long: keys are random and never looked up before they
 * exist, so only guesses are cached, and a repeated guess costs the access subgraph nothing.
 */
const UNKNOWN_KEY_TTL_MS = 60_000;
/** Longer credentials are no key this hub issues (nor a sensible JWT): refused without a lookup. */
const MAX_CREDENTIAL_LENGTH = 4096;

export interface AuthenticatedIdentity extends Identity {
  rateLimitPerMinute?: number | null;
}

export type Authenticate = (headers: Record<string, string | string[] | undefined>) => Promise<AuthenticatedIdentity | null>;

const API_KEY_IDENTITY = `query GatewayApiKeyIdentity($key: String!) {
  apiKeyIdentity(key: $key) { subject role channels customerId keyId rateLimitPerMinute } }`;

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The credential in `Authorization: Bearer …` (or `x-api-key`), if any. */
export function credentialOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  // An empty `Bearer ` (the IDE's header template before a key is pasted) counts as no credential.
  const authorization = header(headers, 'authorization')?.trim();
  if (authorization && authorization.toLowerCase() !== 'bearer') {
    const match = /^Bearer\s+(.+)$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be `Bearer <API key or JWT>`');
    return match[1].trim();
  }
  return header(headers, 'x-api-key')?.trim() || undefined;
}

export function createAuthenticator(options: { accessUrl: () => string; jwt: JwtConfig }): { authenticate: Authenticate; forgetKeys(): void } {
  const access = new GraphqlClient({ service: 'access', url: options.accessUrl, identity: serviceIdentity('gateway'), timeoutMs: 5_000 });
  const jwt = new JwtVerifier(options.jwt);
  const keys = new LRUCache<string, AuthenticatedIdentity | false>({ max: 10_000, ttl: KEY_CACHE_TTL_MS });
  const pending = new Map<string, Promise<AuthenticatedIdentity | null>>();

  const resolveKey = async (key: string): Promise<AuthenticatedIdentity | null> => {
    const cacheKey = createHash('sha256').update(key).digest('base64url');
    const cached = keys.get(cacheKey);
    if (cached !== undefined) return cached || null;
    // Many requests with the same new key share one lookup.
    let lookup = pending.get(cacheKey);
    if (!lookup) {
      lookup = access
        .request<{ apiKeyIdentity: AuthenticatedIdentity | null }>(API_KEY_IDENTITY, { key })
        .then(({ apiKeyIdentity }) => {
          const identity = apiKeyIdentity ? { ...apiKeyIdentity, customerId: apiKeyIdentity.customerId ?? undefined } : null;
          keys.set(cacheKey, identity ?? false, identity ? undefined : { ttl: UNKNOWN_KEY_TTL_MS });
          return identity;
        })
        .finally(() => pending.delete(cacheKey));
      pending.set(cacheKey, lookup);
    }
    return lookup;
  };

  const authenticate: Authenticate = async (headers) => {
    const signed = await verifySignedIdentity(header(headers, IDENTITY_HEADER), GATEWAY_AUDIENCE);
    if (signed) return signed;
    const credential = credentialOf(headers);
    if (!credential) return null;
    if (credential.length > MAX_CREDENTIAL_LENGTH) throw unauthenticated(`Unknown credential: longer than ${MAX_CREDENTIAL_LENGTH} characters`);
    if (looksLikeJwt(credential)) return jwt.verify(credential);
    const identity = await resolveKey(credential);
    if (!identity) throw unauthenticated('Unknown or revoked API key');
    return identity;
  };

  return { authenticate, forgetKeys: () => keys.clear() };
}
