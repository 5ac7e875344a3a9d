// Access resolvers: thin calls into the key service; who may call them is in ../policies.ts.
import { DateTimeScalar } from '@oms/platform';
import type { Resolvers } from '../__generated__/resolvers-types';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    viewer: (_parent, _args, { identity }) => ({ subject: identity.subject, role: identity.role, channels: identity.channels, customerId: identity.customerId ?? null }),
    apiKeys: (_parent, { includeRevoked }, ctx) => ctx.apiKeys.list(includeRevoked ?? false),
    apiKeyIdentity: (_parent, { key }, ctx) => ctx.apiKeys.resolve(key),
  },
  Mutation: {
    createApiKey: (_parent, { input }, ctx) => ctx.apiKeys.create(input, ctx.actor),
    revokeApiKey: (_parent, { id }, ctx) => ctx.apiKeys.revoke(id),
  },
  ApiKey: {
    __resolveReference: (reference, ctx) => ctx.loaders.apiKeyById.load(reference.id),
    id: (key) => key._id,
  },
  ApiKeyIdentity: {
    keyId: (identity) => identity.keyId,
  },
};
