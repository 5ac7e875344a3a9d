// Stock reconciliation in the graph: the on-demand run, the schedule's settings, and each
// connection's last report and standing drift. Who may call them: ../policies.ts.
import { fromZodError, notFound } from '@oms/platform';
import { z } from 'zod';
import type { ChannelConnectionResolvers, MutationResolvers, StockDriftResolvers, StockReconciliationResolvers } from '../__generated__/resolvers-types';
import type { ConnectionRecord } from '../models/connection.model';
import type { StockDriftView, StockReconciliationRecord, StockReconciliationView } from '../models/stock-reconciliation.model';
import { canReadStock } from '../services/reconciliation/reconciliation.service';
import { ReconciliationStore } from '../services/reconciliation/reconciliation-store';
import type { ChannelsContext } from '../context';
import { visible } from './access';

const settingsInput = z.object({
  intervalSeconds: z.number().int('must be a whole number').min(60, 'must be at least 60 seconds').max(604_800, 'must be at most 604800 (a week)'),
  correct: z.boolean().nullish(),
});

const view = (connectionId: string, record: StockReconciliationRecord | null): StockReconciliationView | null => (record?.last ? { ...record.last, connectionId } : null);

export const reconciliationMutations: Pick<MutationResolvers<ChannelsContext>, 'reconcileChannelStock' | 'configureStockReconciliation'> = {
  reconcileChannelStock: async (_parent, { id, dryRun }, ctx) => {
    const report = await ctx.channels.reconciliation.reconcile(id, { dryRun: dryRun ?? false, trigger: 'MANUAL' });
    return { ...report, connectionId: id };
  },
  configureStockReconciliation: async (_parent, { id, input }, ctx) => {
    const parsed = settingsInput.safeParse(input);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const connection = await ctx.channels.store.get(id);
    if (!connection) throw notFound('ChannelConnection', id, 'id');
    ctx.channels.reconciliation.requireReadable(connection);
    await ctx.channels.reconciliationReports.configure(id, { intervalSeconds: parsed.data.intervalSeconds, correct: parsed.data.correct ?? true });
    ctx.channels.reconciliationSchedule.wake();
    return connection;
  },
};

export const connectionReconciliationFields: Pick<ChannelConnectionResolvers<ChannelsContext>, 'stockReconciliation' | 'lastStockReconciliation' | 'stockDrift'> = {
  stockReconciliation: async (connection, _args, ctx) => {
    if (!canReadStock(ctx.channels.runtime.registry.get(connection.kind))) return null;
    const record = await ctx.loaders.reconciliationByConnection.load(connection._id);
    return { ...ReconciliationStore.settingsOf(record), nextRunAt: record?.nextRunAt ?? ReconciliationStore.firstRunAt(connection) };
  },
  lastStockReconciliation: async (connection, _args, ctx) => view(connection._id, await ctx.loaders.reconciliationByConnection.load(connection._id)),
  stockDrift: async (connection, _args, ctx) => {
    const last = (await ctx.loaders.reconciliationByConnection.load(connection._id))?.last;
    if (!last) return [];
    return last.drift.filter((row) => row.outcome !== 'CORRECTED').map((row) => ({ ...row, reconciledAt: last.startedAt }));
  },
};

export const reconciliationTypes: { StockReconciliation: StockReconciliationResolvers<ChannelsContext>; StockDrift: StockDriftResolvers<ChannelsContext> } = {
  StockReconciliation: {
    id: (report) => report.runId,
    connection: async (report, _args, ctx) => visible(ctx.identity, await ctx.loaders.connectionById.load(report.connectionId)) as ConnectionRecord,
    drift: (report) => report.drift.map((row) => ({ ...row, reconciledAt: report.startedAt })),
  },
  StockDrift: {
    hubChangedSecondsAgo: (row: StockDriftView) => (row.hubChangedAt ? Math.max(0, Math.round((new Date(row.reconciledAt).getTime() - new Date(row.hubChangedAt).getTime()) / 1000)) : null),
  },
};
