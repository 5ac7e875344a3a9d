// The hub-signed identity: a short-lived HS256 JWS in `x-oms-identity`, signed with the internal
// secret only the gateway and hub services hold. Each token names the one service it is for (`aud`:
// a subgraph's name, or `gateway` for a hub service calling the graph), carries a unique id (`jti`)
// and lives 60 s. A service accepts only tokens for itself, so a token that leaves its path (seen by a
// subgraph, a log, a proxy) cannot be replayed against another service or the public gateway, and
// a request that bypasses the gateway (or forges a header) is refused.
import { randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { ROLES, type Identity, type Role } from './identity';

export const IDENTITY_HEADER = 'x-oms-identity';
/** The audience of tokens hub services send to the gateway (its /graphql and graphql-ws). */
export const GATEWAY_AUDIENCE = 'gateway';
/** Who a token is for: one service's name (a list only for tools that call several directly, e.g. tests). */
export type Audience = string | readonly string[];
const ISSUER = 'oms-hub';
export const SIGNED_IDENTITY_TTL_SECONDS = 60;
/** Re-sign well before expiry so a token never expires in flight. */
const REUSE_MS = 30_000;
/** Clocks of services on different hosts may differ this much. */
const CLOCK_TOLERANCE_SECONDS = 5;

let generatedSecret: string | undefined;

/**
 * `OMS_INTERNAL_SECRET`; when unset, one random secret for this process (the embedded stack runs
 * every service in one process; separate deployments must share the variable).
 */
export function internalSecret(): Uint8Array {
  const configured = process.env.OMS_INTERNAL_SECRET;
  if (configured) return new TextEncoder().encode(configured);
  generatedSecret ??= randomBytes(32).toString('base64url');
  process.env.OMS_INTERNAL_SECRET = generatedSecret;
  return new TextEncoder().encode(generatedSecret);
}

/** Whether the internal secret was made up by this process (not configured): it dies with the process. */
export function internalSecretIsGenerated(): boolean {
  return generatedSecret !== undefined && process.env.OMS_INTERNAL_SECRET === generatedSecret;
}

const cache = new Map<string, { token: string; until: number }>();

/** A token for `audience` as `identity` (reused for a while: signing on every request costs time). */
export async function signIdentity(identity: Identity, audience: Audience): Promise<string> {
  const key = JSON.stringify([identity, audience]);
  const cached = cache.get(key);
  if (cached && cached.until > Date.now()) return cached.token;
  const token = await new SignJWT({ role: identity.role, channels: identity.channels, customerId: identity.customerId, keyId: identity.keyId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer(ISSUER)
    .setAudience(typeof audience === 'string' ? audience : [...audience])
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${SIGNED_IDENTITY_TTL_SECONDS}s`)
    .sign(internalSecret());
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { token, until: Date.now() + REUSE_MS });
  return token;
}

/** Headers that make a call to `audience` (default: the gateway) as `identity`. */
export async function internalHeaders(identity: Identity, audience: Audience = GATEWAY_AUDIENCE): Promise<Record<string, string>> {
  return { [IDENTITY_HEADER]: await signIdentity(identity, audience) };
}

/**
 * The identity in a token signed for `audience`, or null when it is missing, forged, expired, older
 * than a token may live, or for another service. Anything that acts on the identity names its own
 * service as the audience; without one, a token for any hub service passes (only for showing
 * internal details to a hub service, such as a readiness report's).
 */
export async function verifySignedIdentity(token: string | undefined, audience?: string): Promise<Identity | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, internalSecret(), {
      issuer: ISSUER,
      audience,
      algorithms: ['HS256'],
      requiredClaims: ['aud', 'exp', 'iat', 'jti'],
      maxTokenAge: SIGNED_IDENTITY_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    const role = payload.role as Role;
    if (!payload.sub || !ROLES.includes(role)) return null;
    return {
      subject: payload.sub,
      role,
      channels: Array.isArray(payload.channels) ? payload.channels.map(String) : [],
      customerId: typeof payload.customerId === 'string' ? payload.customerId : undefined,
      keyId: typeof payload.keyId === 'string' ? payload.keyId : undefined,
    };
  } catch {
    return null;
  }
}
