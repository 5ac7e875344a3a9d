// Who may call what in the access subgraph (enforced by @oms/platform when the schema is built).
import type { PolicyMap } from '@oms/platform';
import type { Resolvers } from './__generated__/resolvers-types';

export const policies: PolicyMap<Resolvers> = {
  Query: {
    viewer: 'ANY_ROLE',
    apiKeys: 'ADMIN',
    // Only hub services (the gateway) resolve keys; a client must not probe keys through a subgraph.
    apiKeyIdentity: 'ADMIN_OR_SERVICE',
  },
  Mutation: {
    createApiKey: 'ADMIN',
    revokeApiKey: 'ADMIN',
  },
  // Hub services too: the gateway checks whether the key behind a signed identity was revoked.
  ApiKey: { __resolveReference: 'ADMIN_OR_SERVICE' },
};
