// The gateway-signed identity: a short-lived HS256 JWS in `x-oms-identity`, signed with the internal
// secret only the gateway and hub services hold. Subgraphs trust nothing else, so a request that
// bypasses the gateway (or forges a header) is refused.
import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { ROLES, type Identity, type Role } from './identity';

export const IDENTITY_HEADER = 'x-oms-identity';
const ISSUER = 'oms-hub';
const TOKEN_TTL_SECONDS = 120;
/** Re-sign a little before expiry so a token never expires in flight. */
const REUSE_MS = 60_000;

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

export async function signIdentity(identity: Identity): Promise<string> {
  const key = JSON.stringify(identity);
  const cached = cache.get(key);
  if (cached && cached.until > Date.now()) return cached.token;
  const token = await new SignJWT({ role: identity.role, channels: identity.channels, customerId: identity.customerId, keyId: identity.keyId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
    .sign(internalSecret());
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { token, until: Date.now() + REUSE_MS });
  return token;
}

/** Headers that make a direct call to a subgraph (or the gateway) as `identity`. */
export async function internalHeaders(identity: Identity): Promise<Record<string, string>> {
  return { [IDENTITY_HEADER]: await signIdentity(identity) };
}

/** The identity in a signed token, or null when it is missing, forged or expired. */
export async function verifySignedIdentity(token: string | undefined): Promise<Identity | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, internalSecret(), { issuer: ISSUER, algorithms: ['HS256'] });
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
