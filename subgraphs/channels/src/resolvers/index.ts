// Channels resolvers: thin calls into the runtime's services and loaders; who may call them is in
// ../policies.ts, which connections a partner sees in ./access.ts.
import { DateTimeScalar, JsonScalar } from '@oms/platform';
import type { Resolvers } from '../__generated__/resolvers-types';
import { inboxRaw, refusedStockCountOf, refusedStockCounts } from '../services/inbox/inbox-letters';
import { effectiveListing, lagOf, redactedConfig, webhookPathOf } from '../services/connection-view';
import { mayTargetPrivateAddresses } from '../services/connection-address';
import { configFields, configJsonSchema } from '../services/connector-config-fields';
import { scopeFilter, visible } from './access';
import { connectionReconciliationFields, reconciliationMutations, reconciliationTypes } from './reconciliation';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSON: JsonScalar,
  Query: {
    channelConnections: async (_parent, { status, kind }, ctx) => {
      const filter = { ...scopeFilter(ctx.identity), ...(status ? { status } : {}), ...(kind ? { kind } : {}) };
      const connections = await ctx.channels.store.model.find(filter).lean().exec();
      return connections.sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
    },
    channelConnection: async (_parent, { id }, ctx) => visible(ctx.identity, await ctx.loaders.connectionById.load(id)),
    channelConnectors: (_parent, _args, ctx) => ctx.channels.runtime.registry.all(),
  },
  Mutation: {
    addChannelConnection: (_parent, { input }, ctx) =>
      ctx.channels.connections.add(input as Parameters<typeof ctx.channels.connections.add>[0], ctx.actor, mayTargetPrivateAddresses(ctx.identity)),
    updateChannelConnection: (_parent, { id, input }, ctx) =>
      ctx.channels.connections.update(id, input as Parameters<typeof ctx.channels.connections.update>[1], mayTargetPrivateAddresses(ctx.identity)),
    pauseChannelConnection: (_parent, { id, reason }, ctx) => ctx.channels.connections.pause(id, reason, ctx.actor),
    resumeChannelConnection: (_parent, { id }, ctx) => ctx.channels.connections.resume(id),
    triggerChannelSync: (_parent, { id }, ctx) => ctx.channels.triggerSync(id),
    retryDeadLetters: (_parent, { connectionId, ids }, ctx) => ctx.channels.retries.retry(connectionId, ids),
    ...reconciliationMutations,
  },
  ChannelConnector: {
    kind: (connector) => connector.manifest.id,
    displayName: (connector) => connector.manifest.displayName,
    version: (connector) => connector.manifest.version,
    capabilities: (connector) => connector.manifest.capabilities,
    secretFields: (connector) => connector.manifest.secretFields,
    webhooks: (connector) => !!connector.webhooks,
    configFields: (connector) => configFields(connector),
    configSchema: (connector) => configJsonSchema(connector),
  },
  ChannelConnection: {
    __resolveReference: async (reference, ctx) => visible(ctx.identity, await ctx.loaders.connectionById.load(reference.id)),
    id: (connection) => connection._id,
    parkedReason: (connection) => (connection.status === 'PARKED' ? connection.statusReason : null),
    capabilities: (connection, _args, ctx) => ctx.channels.runtime.registry.get(connection.kind)?.manifest.capabilities ?? [],
    config: (connection) => redactedConfig(connection),
    listedSkus: (connection) => effectiveListing(connection),
    webhookPath: (connection, _args, ctx) => webhookPathOf(connection, ctx.channels.runtime.registry.get(connection.kind)),
    lag: async (connection, _args, ctx) => lagOf(connection, await ctx.loaders.outboundPending.load(connection._id)),
    counts: async (connection, _args, ctx) => ({ ...connection.counts, deadLetters: await ctx.loaders.deadLetterCount.load(connection._id) }),
    currentRun: (connection, _args, ctx) => (connection.lease ? ctx.loaders.runById.load(connection.lease.runId) : null),
    runs: async (connection, { first }, ctx) => (await ctx.loaders.runsByConnection.load(connection._id)).slice(0, Math.max(0, Math.min(first ?? 10, 50))),
    deadLetters: (connection, { first, after, status }, ctx) => ctx.channels.deadLetters.page(connection._id, status, { first, after }),
    refusedStockCounts: (connection, { first }, ctx) => refusedStockCounts(ctx.channels.deadLetters, connection._id, first ?? 20),
    ...connectionReconciliationFields,
  },
  ...reconciliationTypes,
  SyncRun: {
    id: (run) => run._id,
    connection: async (run, _args, ctx) => visible(ctx.identity, await ctx.loaders.connectionById.load(run.connectionId))!,
  },
  DeadLetter: {
    id: (letter) => letter._id,
    connection: async (letter, _args, ctx) => visible(ctx.identity, await ctx.loaders.connectionById.load(letter.connectionId))!,
    file: (letter) => inboxRaw(letter)?.file ?? null,
    row: (letter) => inboxRaw(letter)?.row ?? null,
    column: (letter) => inboxRaw(letter)?.column ?? null,
    stockCountRefusal: (letter) => refusedStockCountOf(letter),
  },
};
