// Whether the API key that registered an endpoint still stands. Revoking a key stops everything done
// on its behalf: its endpoints are deactivated and their open deliveries given up, seen by the
// follower before it creates deliveries and by the sender before each attempt. Asked of the access
// subgraph (ApiKey entities, one request for many keys); a revocation is final and remembered, a
// standing key is trusted for `recheckMs` (as the gateway trusts a cached key).
import { accessOperations as accessOps } from '@oms/contracts';
import { entityOf, GraphqlClient, representations, serviceIdentity } from '@oms/platform';

export class OwnerKeys {
  private readonly access: GraphqlClient;
  private readonly revoked = new Set<string>();
  private readonly standing = new Map<string, number>();

  constructor(
    accessUrl: () => string,
    private readonly recheckMs: number,
  ) {
    this.access = new GraphqlClient({ service: 'access', url: accessUrl, identity: serviceIdentity('webhooks'), timeoutMs: 5_000 });
  }

  /** The ids among `keyIds` that are revoked or gone. Throws when the access subgraph cannot say (nothing is sent meanwhile). */
  async revokedAmong(keyIds: ReadonlyArray<string | null | undefined>): Promise<Set<string>> {
    const now = Date.now();
    const ids = [...new Set(keyIds.filter((id): id is string => !!id))];
    const unknown = ids.filter((id) => !this.revoked.has(id) && !((this.standing.get(id) ?? 0) > now));
    if (unknown.length > 0) {
      const { _entities } = await this.access.execute(accessOps.WebhookOwnerKeysDocument, { r: representations('ApiKey', unknown) });
      unknown.forEach((id, index) => {
        const key = entityOf(_entities[index], 'ApiKey');
        if (!key || key.revokedAt) {
          this.revoked.add(id);
          this.standing.delete(id);
        } else this.standing.set(id, now + this.recheckMs);
      });
    }
    return new Set(ids.filter((id) => this.revoked.has(id)));
  }

  async isRevoked(keyId: string | null | undefined): Promise<boolean> {
    return !!keyId && (await this.revokedAmong([keyId])).has(keyId);
  }
}

/** Why an endpoint's deliveries were given up. */
export function revokedReason(keyId: string): string {
  return `the API key that registered this endpoint (${keyId}) was revoked`;
}
