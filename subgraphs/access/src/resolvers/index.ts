// Access resolvers: thin calls into the key service, with the role checks the graph promises.
import { DateTimeScalar, requireRole } from '@oms/platform';
import type { Resolvers } from '../__generated__/resolvers-types';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    viewer: (_parent, _args, { identity }) => ({ subject: identity.subject, role: identity.role, channels: identity.channels, customerId: identity.customerId ?? null }),
    apiKeys: (_parent, { includeRevoked }, ctx) => {
      requireRole(ctx.identity, [], 'list API keys');
      return ctx.apiKeys.list(includeRevoked ?? false);
    },
    apiKeyIdentity: (_parent, { key }, ctx) => {
      // Only hub services (the gateway) resolve keys; a client must not probe keys through a subgraph.
      requireRole(ctx.identity, ['SERVICE'], 'resolve API keys');
      return ctx.apiKeys.resolve(key);
    },
  },
  Mutation: {
    createApiKey: (_parent, { input }, ctx) => {
      requireRole(ctx.identity, [], 'create API keys');
      return ctx.apiKeys.create(input, ctx.actor);
    },
    revokeApiKey: (_parent, { id }, ctx) => {
      requireRole(ctx.identity, [], 'revoke API keys');
      return ctx.apiKeys.revoke(id);
    },
  },
  ApiKey: {
    __resolveReference: (reference, ctx) => {
      // Hub services too: the gateway checks whether the key behind a signed identity was revoked.
      requireRole(ctx.identity, ['SERVICE'], 'read API keys');
      return ctx.loaders.apiKeyById.load(reference.id);
    },
    id: (key) => key._id,
  },
  ApiKeyIdentity: {
    keyId: (identity) => identity.keyId,
  },
};
