// Which API keys have been revoked, asked of the access subgraph by key id. A connection opened with
// a hub-signed identity carries the id of the key it acts for (keyId), not the key itself, so it is
// re-checked this way: revoking the key ends what was opened on its behalf, whoever signed for it.
import { GraphqlClient, serviceIdentity } from '@oms/platform';

const API_KEY_STATUS = `query GatewayApiKeyStatus($r: [_Any!]!) { _entities(representations: $r) { ... on ApiKey { id revokedAt } } }`;

export class RevokedKeys {
  private readonly access: GraphqlClient;

  constructor(accessUrl: () => string) {
    this.access = new GraphqlClient({ service: 'access', url: accessUrl, identity: serviceIdentity('gateway'), timeoutMs: 5_000 });
  }

  /** The ids among `keyIds` that are revoked or no longer exist (one request, whatever the count). */
  async among(keyIds: readonly string[]): Promise<Set<string>> {
    const ids = [...new Set(keyIds)];
    if (ids.length === 0) return new Set();
    const { _entities } = await this.access.request<{ _entities: Array<{ id: string; revokedAt: string | null } | null> }>(API_KEY_STATUS, {
      r: ids.map((id) => ({ __typename: 'ApiKey', id })),
    });
    return new Set(ids.filter((id, index) => !_entities[index] || _entities[index]!.revokedAt));
  }
}
