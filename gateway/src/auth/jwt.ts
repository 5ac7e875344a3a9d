// JWT verification (jose): HS256 with OMS_JWT_SECRET, RS256/ES256 with a JWKS (OMS_JWT_JWKS_URL) or a
// PEM public key (OMS_JWT_PUBLIC_KEY). Claims: `sub`, `exp` (required), `role`, `channels` (PARTNER),
// `customer_id` (CUSTOMER).
import { createLocalJWKSet, createRemoteJWKSet, importSPKI, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { normalizeChannels, ROLES, unauthenticated, type Identity, type Role } from '@oms/platform';
import { gatewayConfig } from '../config';

export interface JwtConfig {
  hs256Secret?: string;
  jwksUrl?: string;
  /** A JWKS document (tests, air-gapped deployments). */
  jwks?: { keys: object[] };
  publicKeyPem?: string;
  issuer?: string;
  audience?: string;
}

/** JWT verification as the gateway's configuration sets it (config.ts). */
export function jwtConfigFromEnv(): JwtConfig {
  const values = gatewayConfig.read();
  return {
    hs256Secret: values.OMS_JWT_SECRET,
    jwksUrl: values.OMS_JWT_JWKS_URL,
    publicKeyPem: values.OMS_JWT_PUBLIC_KEY,
    issuer: values.OMS_JWT_ISSUER,
    audience: values.OMS_JWT_AUDIENCE,
  };
}

export const looksLikeJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);

export class JwtVerifier {
  private readonly keys: Array<Uint8Array | JWTVerifyGetKey | Promise<KeyLike>> = [];

  constructor(private readonly config: JwtConfig) {
    if (config.hs256Secret) this.keys.push(new TextEncoder().encode(config.hs256Secret));
    if (config.jwksUrl) this.keys.push(createRemoteJWKSet(new URL(config.jwksUrl)));
    if (config.jwks) this.keys.push(createLocalJWKSet(config.jwks as Parameters<typeof createLocalJWKSet>[0]));
    if (config.publicKeyPem) this.keys.push(importSPKI(config.publicKeyPem, 'RS256'));
  }

  get enabled(): boolean {
    return this.keys.length > 0;
  }

  async verify(token: string): Promise<Identity> {
    if (!this.enabled) throw unauthenticated('JWTs are not accepted here: no OMS_JWT_SECRET, OMS_JWT_JWKS_URL or OMS_JWT_PUBLIC_KEY is configured');
    let lastError: Error | undefined;
    for (const key of this.keys) {
      try {
        // A token without `exp` would be good forever once leaked: refused.
        const options = { issuer: this.config.issuer, audience: this.config.audience, algorithms: ['HS256', 'RS256', 'ES256', 'PS256'], requiredClaims: ['exp'] };
        const { payload } = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, await key, options);
        return identityFromClaims(payload);
      } catch (error) {
        lastError = error as Error;
      }
    }
    throw unauthenticated(`Invalid token: ${lastError?.message ?? 'no key verifies it'}`);
  }
}

function identityFromClaims(payload: JWTPayload): Identity {
  const role = String(payload.role ?? '').toUpperCase() as Role;
  if (!payload.sub) throw unauthenticated('Invalid token: no `sub` claim');
  if (!ROLES.includes(role) || role === 'SERVICE') throw unauthenticated(`Invalid token: claim \`role\` must be one of ADMIN, STAFF, PARTNER, CUSTOMER (got ${JSON.stringify(payload.role)})`);
  const channels = Array.isArray(payload.channels) ? normalizeChannels(payload.channels.map(String)) : [];
  const customerId = typeof payload.customer_id === 'string' ? payload.customer_id : typeof payload.customerId === 'string' ? payload.customerId : undefined;
  if (role === 'PARTNER' && channels.length === 0) throw unauthenticated('Invalid token: a PARTNER token needs a non-empty `channels` claim');
  if (role === 'CUSTOMER' && !customerId) throw unauthenticated('Invalid token: a CUSTOMER token needs a `customer_id` claim');
  return { subject: `jwt:${payload.sub}`, role, channels, customerId };
}
