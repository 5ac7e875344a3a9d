// Who may call what in the channels subgraph (enforced by @oms/platform when the schema is built).
// A partner reads the connections of its own channels only: resolvers/access.ts narrows the rows.
import type { PolicyMap } from '@oms/platform';
import type { Resolvers } from './__generated__/resolvers-types';

export const policies: PolicyMap<Resolvers> = {
  Query: {
    channelConnections: 'INTERNAL_OR_PARTNER',
    channelConnection: 'INTERNAL_OR_PARTNER',
    channelConnectors: 'INTERNAL_OR_PARTNER',
  },
  Mutation: {
    addChannelConnection: 'INTERNAL',
    updateChannelConnection: 'INTERNAL',
    pauseChannelConnection: 'INTERNAL',
    resumeChannelConnection: 'INTERNAL',
    triggerChannelSync: 'INTERNAL',
    retryDeadLetters: 'INTERNAL',
    reconcileChannelStock: 'INTERNAL',
    configureStockReconciliation: 'INTERNAL',
  },
  ChannelConnection: { __resolveReference: 'INTERNAL_OR_PARTNER' },
};
