// Runs orders syncs: one per connection at a time (a lease on the connection document, taken with a
// guarded single-document update and renewed while the run goes), from the saved checkpoint, saving
// the checkpoint and the run's progress after every batch. A failure parks the connection (the channel
// refused credentials or config) or schedules a retry with backoff.
import { randomBytes } from 'node:crypto';
import { runOrdersSync } from '@oms/connector-kit';
import { conflict, createLogger, notFound } from '@oms/platform';
import type { ConnectionRecord } from '../../models/connection.model';
import { EMPTY_PROGRESS, type SyncProgress, type SyncRunModel, type SyncRunRecord, type SyncTrigger } from '../../models/sync-run.model';
import type { ConnectionStore } from '../connection-store';
import type { ConnectorRuntime } from '../connector-runtime';
import type { DeadLetters } from '../dead-letters';
import type { InboxRunner } from '../inbox/inbox-runner';
import { classifyFailure } from './failure';
import { HubUnavailableError, RuntimeSink, type SinkDeps } from './runtime-sink';

const log = createLogger('channels.sync');

/** A lease outlives a stuck process by this much; a live run renews it every third of it. */
export const LEASE_MS = 60_000;
/** Run history kept per connection. */
const KEEP_RUNS = 50;

class LeaseLostError extends Error {}

export interface SyncRunnerDeps {
  store: ConnectionStore;
  runs: SyncRunModel;
  runtime: ConnectorRuntime;
  deadLetters: DeadLetters;
  sink: SinkDeps;
  /** Applies the connection's inbox after its orders (connectors that have one). */
  inbox?: InboxRunner;
  /** Told when a connection's next sync is due (the BullMQ scheduler queues a delayed job). */
  onNextSync(connectionId: string, at: Date): Promise<void>;
}

export class SyncRunner {
  private readonly running = new Map<string, { runId: string; controller: AbortController; done: Promise<void> }>();

  constructor(private readonly deps: SyncRunnerDeps) {}

  /**
   * Takes the lease and stores a RUNNING run; returns it (`started`), or the run already going. With
   * `strict`, an unknown or stopped connection is an error (a person asked); otherwise null.
   */
  async start(connectionId: string, trigger: SyncTrigger, strict = false): Promise<{ run: SyncRunRecord; started: boolean } | null> {
    const connection = await this.deps.store.get(connectionId);
    if (!connection) {
      if (strict) throw notFound('ChannelConnection', connectionId, 'id');
      return null;
    }
    if (connection.status !== 'ACTIVE') {
      if (strict) throw conflict(`Channel connection ${connection.name} is ${connection.status}${connection.statusReason ? ` (${connection.statusReason})` : ''}: resume it before syncing`, { field: 'id' });
      return null;
    }
    const runId = `run_${randomBytes(8).toString('hex')}`;
    if (!(await this.deps.store.acquireLease(connectionId, runId, LEASE_MS))) {
      const holder = await this.deps.store.get(connectionId);
      const current = holder?.lease ? await this.deps.runs.findById(holder.lease.runId).lean<SyncRunRecord>() : null;
      if (current) return { run: current, started: false };
      if (strict) throw conflict(`A sync of ${connection.name} is starting or just finished; try again`, { field: 'id' });
      return null;
    }
    const startCheckpoint = connection.replay ? connection.replay.from : connection.checkpoint;
    if (connection.replay) await this.deps.store.update(connectionId, { $set: { replay: null, checkpoint: startCheckpoint } });
    const run: SyncRunRecord = {
      _id: runId,
      connectionId,
      stream: 'orders',
      trigger,
      status: 'RUNNING',
      startedAt: new Date(),
      finishedAt: null,
      startCheckpoint,
      progress: { ...EMPTY_PROGRESS, checkpoint: startCheckpoint },
      error: null,
      errorKind: null,
    };
    await this.deps.runs.create(run);
    return { run, started: true };
  }

  /** Runs a started run to its end (never throws: the outcome is in the run and the connection). */
  execute(runId: string): Promise<void> {
    const work = this.executeRun(runId).catch((error) => log.error({ err: error, runId }, 'sync run crashed'));
    return work;
  }

  /** Stops the connection's running sync after its current batch (pause). */
  abort(connectionId: string): void {
    this.running.get(connectionId)?.controller.abort();
  }

  isRunning(connectionId: string): boolean {
    return this.running.has(connectionId);
  }

  async stop(): Promise<void> {
    for (const entry of this.running.values()) entry.controller.abort();
    await Promise.all([...this.running.values()].map((entry) => entry.done));
  }

  /** Runs left RUNNING by a process that died (their lease expired or moved on): marked ABORTED. */
  async sweepStale(): Promise<number> {
    const stale = await this.deps.runs.find({ status: 'RUNNING' }).lean<SyncRunRecord[]>();
    if (!stale.length) return 0;
    const connections = new Map((await this.deps.store.many([...new Set(stale.map((run) => run.connectionId))])).map((c) => [c._id, c]));
    const now = Date.now();
    let swept = 0;
    for (const run of stale) {
      const lease = connections.get(run.connectionId)?.lease;
      if (lease?.runId === run._id && new Date(lease.until).getTime() > now) continue;
      if (this.running.get(run.connectionId)?.runId === run._id) continue;
      await this.finish(run, 'ABORTED', { error: 'the process running it stopped before it finished' });
      swept += 1;
    }
    return swept;
  }

  private async executeRun(runId: string): Promise<void> {
    const run = await this.deps.runs.findById(runId).lean<SyncRunRecord>();
    if (!run || run.status !== 'RUNNING') return;
    const connection = await this.deps.store.get(run.connectionId);
    if (!connection || connection.lease?.runId !== runId) {
      await this.finish(run, 'ABORTED', { error: 'the run lost its lease before it started' });
      return;
    }
    const controller = new AbortController();
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    this.running.set(connection._id, { runId, controller, done });
    const renew = setInterval(() => {
      void this.deps.store.renewLease(connection._id, runId, LEASE_MS).then((held) => {
        if (!held) controller.abort();
      });
    }, LEASE_MS / 3);
    renew.unref();
    try {
      await this.sync(connection, run, controller);
    } finally {
      clearInterval(renew);
      this.running.delete(connection._id);
      resolveDone();
      await this.deps.deadLetters.reopenRetrying(connection._id, 'ORDERS', run.startedAt).catch(() => undefined);
      await this.prune(connection._id).catch(() => undefined);
    }
  }

  private async sync(connection: ConnectionRecord, run: SyncRunRecord, controller: AbortController): Promise<void> {
    const progress: SyncProgress = { ...run.progress };
    let replayFrom = run.startCheckpoint;
    try {
      const connector = this.deps.runtime.connector(connection);
      const ctx = this.deps.runtime.context(connection, controller.signal);
      const sink = new RuntimeSink(this.deps.sink, connection, () => replayFrom);
      const result = await runOrdersSync({
        connector,
        ctx,
        checkpoint: run.startCheckpoint,
        sink,
        signal: controller.signal,
        onBatch: async (report) => {
          const counts = { imported: report.outcomes.CREATED, unchanged: report.outcomes.UNCHANGED, cancelled: report.outcomes.CANCELLED };
          if (!(await this.deps.store.saveCheckpoint(connection._id, run._id, report.checkpoint, counts, LEASE_MS))) throw new LeaseLostError('another run took over this connection');
          replayFrom = report.checkpoint;
          progress.batches = report.batch;
          progress.read += report.imported + report.deadLettered;
          progress.imported += report.imported;
          progress.created += report.outcomes.CREATED;
          progress.unchanged += report.outcomes.UNCHANGED;
          progress.cancelled += report.outcomes.CANCELLED;
          progress.deadLettered += report.deadLettered;
          progress.checkpoint = report.checkpoint;
          await this.deps.runs.updateOne({ _id: run._id }, { $set: { progress } }).exec();
        },
      });
      const now = new Date();
      if (result.aborted) {
        await this.finish(run, 'ABORTED', { progress, error: 'stopped: the connection was paused or parked, or the service is stopping' });
        await this.deps.store.releaseLease(connection._id, run._id, { $set: { lastSyncAt: now } });
        return;
      }
      // Orders first: a shipment confirmation may be about an order dropped in the same round.
      await this.deps.inbox?.run(connection, controller.signal);
      await this.finish(run, 'SUCCEEDED', { progress });
      const next = new Date(now.getTime() + connection.syncIntervalSeconds * 1000);
      await this.deps.store.releaseLease(connection._id, run._id, {
        $set: { lastSyncAt: now, lastSuccessAt: now, syncFailures: 0, nextSyncAt: next, health: { ok: true, lastCheckAt: now, message: null } },
      });
      await this.deps.onNextSync(connection._id, next);
    } catch (error) {
      await this.failed(connection, run, progress, error);
    }
  }

  private async failed(connection: ConnectionRecord, run: SyncRunRecord, progress: SyncProgress, error: unknown): Promise<void> {
    if (error instanceof LeaseLostError) {
      await this.finish(run, 'ABORTED', { progress, error: error.message });
      return;
    }
    const now = new Date();
    const failures = connection.syncFailures + 1;
    const action = classifyFailure(error, failures, connection.syncIntervalSeconds * 1000);
    const hubDown = error instanceof HubUnavailableError;
    const connectorName = this.deps.runtime.registry.get(connection.kind)?.manifest.displayName ?? connection.kind;
    if (action.park && !hubDown) {
      const reason = `${connectorName}: ${action.reason}`;
      await this.finish(run, 'FAILED', { progress, error: reason, errorKind: action.kind });
      await this.deps.store.releaseLease(connection._id, run._id, { $set: { lastSyncAt: now } });
      await this.deps.store.park(connection._id, reason);
      return;
    }
    const retryIn = action.park ? 5_000 : action.retryInMs;
    const reason = hubDown ? `the hub did not take the orders: ${action.reason}` : action.reason;
    const next = new Date(now.getTime() + retryIn);
    log.warn({ connectionId: connection._id, channel: connection.channel, kind: hubDown ? 'HUB' : action.kind, failures, retryInMs: retryIn, reason }, 'sync failed; retrying with backoff');
    await this.finish(run, 'FAILED', { progress, error: reason, errorKind: hubDown ? 'HUB_UNAVAILABLE' : action.kind });
    await this.deps.store.releaseLease(connection._id, run._id, {
      $set: { lastSyncAt: now, nextSyncAt: next, health: { ok: false, lastCheckAt: now, message: reason } },
      $inc: { syncFailures: 1 },
    });
    await this.deps.onNextSync(connection._id, next);
  }

  private async finish(run: SyncRunRecord, status: SyncRunRecord['status'], fields: { progress?: SyncProgress; error?: string; errorKind?: string }): Promise<void> {
    await this.deps.runs
      .updateOne({ _id: run._id, status: 'RUNNING' }, { $set: { status, finishedAt: new Date(), ...(fields.progress ? { progress: fields.progress } : {}), error: fields.error ?? null, errorKind: fields.errorKind ?? null } })
      .exec();
  }

  private async prune(connectionId: string): Promise<void> {
    const old = await this.deps.runs.find({ connectionId }, { _id: 1 }).sort({ startedAt: -1 }).skip(KEEP_RUNS).lean<Array<{ _id: string }>>();
    if (old.length) await this.deps.runs.deleteMany({ _id: { $in: old.map((run) => run._id) }, status: { $ne: 'RUNNING' } }).exec();
  }
}
