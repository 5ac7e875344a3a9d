// Per-request context of the channels subgraph: who is calling, the runtime's services and the
// request's loaders (every entity and list field loads through one batched query).
import type { IncomingMessage } from 'node:http';
import DataLoader from 'dataloader';
import { findByKeys, actorOf, groupedLoader, keyedLoader, type Identity } from '@oms/platform';
import type { ConnectionRecord } from './models/connection.model';
import type { FulfillmentPushRecord, StockPushRecord } from './models/outbound.model';
import type { StockReconciliationRecord } from './models/stock-reconciliation.model';
import type { SyncRunRecord } from './models/sync-run.model';
import type { ChannelsRuntime } from './services/runtime';

export interface OutboundPending {
  stockSkus: number;
  fulfillments: number;
  /** The oldest waiting change; null when nothing waits. */
  oldest: Date | null;
}

export interface ChannelsContext {
  identity: Identity;
  actor: string;
  channels: ChannelsRuntime;
  loaders: {
    connectionById: DataLoader<string, ConnectionRecord | null, string>;
    runById: DataLoader<string, SyncRunRecord | null, string>;
    runsByConnection: DataLoader<string, SyncRunRecord[], string>;
    deadLetterCount: DataLoader<string, number, string>;
    outboundPending: DataLoader<string, OutboundPending, string>;
    reconciliationByConnection: DataLoader<string, StockReconciliationRecord | null, string>;
  };
}

/** Runs kept per connection; `runs(first)` slices these. */
const RUNS_LOADED = 50;

export function createContextFactory(channels: ChannelsRuntime) {
  return (req: IncomingMessage, identity: Identity): ChannelsContext => ({
    identity,
    actor: actorOf(req, identity),
    channels,
    loaders: {
      connectionById: keyedLoader<string, ConnectionRecord>((ids) => channels.store.many(ids), (connection) => connection._id),
      runById: keyedLoader<string, SyncRunRecord>((ids) => findByKeys<SyncRunRecord>(channels.runs, '_id', ids), (run) => run._id),
      runsByConnection: groupedLoader<string, SyncRunRecord>(
        async (ids) => {
          const runs = await channels.runs.find({ connectionId: { $in: [...ids] } }).sort({ startedAt: -1 }).lean<SyncRunRecord[]>().exec();
          const kept = new Map<string, number>();
          return runs.filter((run) => {
            const seen = kept.get(run.connectionId) ?? 0;
            kept.set(run.connectionId, seen + 1);
            return seen < RUNS_LOADED;
          });
        },
        (run) => run.connectionId,
      ),
      deadLetterCount: new DataLoader<string, number, string>(async (ids) => {
        const counts = await channels.deadLetters.countUnresolved(ids);
        return ids.map((id) => counts.get(id) ?? 0);
      }),
      reconciliationByConnection: keyedLoader<string, StockReconciliationRecord>((ids) => channels.reconciliationReports.many(ids), (record) => record._id),
      outboundPending: new DataLoader<string, OutboundPending, string>(async (ids) => {
        const [stock, fulfillments] = await Promise.all([
          channels.stockQueue.forConnections(ids),
          channels.pushes.find({ connectionId: { $in: [...ids] }, status: 'PENDING' }, { connectionId: 1, createdAt: 1 }).lean<Array<Pick<FulfillmentPushRecord, 'connectionId' | 'createdAt'>>>().exec(),
        ]);
        return ids.map((id) => pendingOf(stock.filter((entry) => entry.connectionId === id), fulfillments.filter((push) => push.connectionId === id)));
      }),
    },
  });
}

function pendingOf(stock: StockPushRecord[], fulfillments: Array<Pick<FulfillmentPushRecord, 'createdAt'>>): OutboundPending {
  const times = [...stock.map((entry) => new Date(entry.since).getTime()), ...fulfillments.map((push) => new Date(push.createdAt).getTime())];
  return { stockSkus: stock.length, fulfillments: fulfillments.length, oldest: times.length ? new Date(Math.min(...times)) : null };
}
