// The simulator's OAuth side: one application (client id/secret), the seller's refresh tokens and the
// user access tokens minted from them, answering like eBay's `POST /identity/v1/oauth2/token`.
import { randomBytes } from 'node:crypto';

export interface OAuthAnswer {
  status: number;
  body: Record<string, unknown>;
}

export class SimulatedOAuth {
  readonly refreshTokens = new Set<string>();
  private readonly accessTokens = new Map<string, { expiresAt: number; scopes: string[] }>();
  /** Token requests received (granted or not). */
  requests = 0;

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    refreshToken: string,
    readonly grantableScopes: string[],
    /** Lifetime of minted access tokens (eBay: 7200 s). */
    public lifetimeSeconds = 7200,
  ) {
    this.refreshTokens.add(refreshToken);
  }

  token(authorization: string | undefined, form: URLSearchParams): OAuthAnswer {
    this.requests += 1;
    const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '')?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    if (id !== this.clientId || secret !== this.clientSecret) return { status: 401, body: { error: 'invalid_client', error_description: 'client authentication failed' } };
    if (form.get('grant_type') !== 'refresh_token') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant type in request is not supported by the authorization server' } };
    const refreshToken = form.get('refresh_token') ?? '';
    if (!this.refreshTokens.has(refreshToken)) {
      return { status: 400, body: { error: 'invalid_grant', error_description: 'the provided authorization refresh token is invalid or was issued to another client' } };
    }
    const scopes = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
    if (scopes.some((scope) => !this.grantableScopes.includes(scope))) {
      return { status: 400, body: { error: 'invalid_scope', error_description: 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client' } };
    }
    const value = `v^1.1#i^1#sim#${randomBytes(24).toString('base64url')}`;
    this.accessTokens.set(value, { expiresAt: Date.now() + this.lifetimeSeconds * 1000, scopes: scopes.length ? scopes : this.grantableScopes });
    return { status: 200, body: { access_token: value, expires_in: this.lifetimeSeconds, token_type: 'User Access Token' } };
  }

  /** The scopes of a valid bearer token, or undefined when eBay would answer 401. */
  scopesOf(authorization: string | undefined): string[] | undefined {
    const value = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
    const token = value ? this.accessTokens.get(value) : undefined;
    if (!token || token.expiresAt <= Date.now()) return undefined;
    return token.scopes;
  }

  /** eBay invalidates every access token (a password change, a revoked consent): the next call gets 401. */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  revokeRefreshToken(refreshToken: string): void {
    this.refreshTokens.delete(refreshToken);
  }
}
