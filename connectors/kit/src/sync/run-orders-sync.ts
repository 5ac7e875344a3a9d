// The orders sync loop: read the connector's orders stream from a checkpoint, hand each batch to the hub,
// dead-letter what cannot be imported, and only then report the batch's checkpoint (at least once).
// The next channel page is read while the hub imports the current one (a prefetch of one page).
import type { CanonicalOrder } from '../canonical';
import type { Connector, ConnectorContext, StreamBatch } from '../connector';
import type { DeadLetterEntry, HubSink, UpsertOutcomeKind } from './hub-sink';

export interface BatchReport {
  /** Persist this after onBatch returns: everything up to it is in the hub or dead-lettered. */
  checkpoint: string;
  /** Orders the hub now holds from this batch (created, unchanged or cancelled). */
  imported: number;
  deadLettered: number;
  outcomes: Record<UpsertOutcomeKind, number>;
  batch: number;
}

export interface OrdersSyncOptions<TConfig> {
  connector: Connector<TConfig>;
  ctx: ConnectorContext<TConfig>;
  /** Where the last run stopped; null reads everything. */
  checkpoint: string | null;
  sink: HubSink;
  /** Called after each batch is in the hub; a throw stops the sync (the checkpoint was then not saved). */
  onBatch?(report: BatchReport): Promise<void> | void;
  /** Stops before the next batch (the current one completes); an in-flight channel request is cancelled. */
  signal?: AbortSignal;
}

export interface OrdersSyncResult {
  /** The last checkpoint reached (the input one when nothing was read). */
  checkpoint: string | null;
  batches: number;
  read: number;
  imported: number;
  deadLettered: number;
  outcomes: Record<UpsertOutcomeKind, number>;
  /** True when the signal stopped the sync before the stream ended. */
  aborted: boolean;
}

const emptyOutcomes = (): Record<UpsertOutcomeKind, number> => ({ CREATED: 0, UNCHANGED: 0, RELEASED: 0, CANCELLED: 0, FAILED: 0 });

export async function runOrdersSync<TConfig>(options: OrdersSyncOptions<TConfig>): Promise<OrdersSyncResult> {
  const { connector, sink, onBatch } = options;
  const signal = options.signal ?? options.ctx.signal;
  const ctx: ConnectorContext<TConfig> = signal ? { ...options.ctx, signal } : options.ctx;
  const channel = ctx.channel;
  const result: OrdersSyncResult = { checkpoint: options.checkpoint, batches: 0, read: 0, imported: 0, deadLettered: 0, outcomes: emptyOutcomes(), aborted: false };

  try {
    await consume();
  } catch (error) {
    // Stopping cancels an in-flight channel request; that is a stop, not a failure.
    if (!signal?.aborted) throw error;
    result.aborted = true;
  }
  return result;

  async function consume(): Promise<void> {
    const pages = connector.streams.orders.read(ctx, options.checkpoint)[Symbol.asyncIterator]();
    let prefetch = pages.next();
    try {
      for (;;) {
        const page = await prefetch;
        if (page.done) return;
        // Read ahead one page while this one goes to the hub; its failure surfaces when it is awaited.
        prefetch = pages.next();
        prefetch.catch(() => undefined);
        if (await handle(page.value)) return;
      }
    } finally {
      // Closes the stream (its open page requests) when the sync ends early; queued after a read in flight.
      void Promise.resolve(pages.return?.()).catch(() => undefined);
    }
  }

  /** Hands one batch to the hub and reports it; true when the sync must stop after it. */
  async function handle(batch: StreamBatch<CanonicalOrder>): Promise<boolean> {
    const at = new Date().toISOString();
    const deadLetters: DeadLetterEntry[] = [];
    const good: CanonicalOrder[] = [];
    for (const record of batch.records) {
      if (record.ok) good.push(record.record);
      else deadLetters.push({ channelId: record.channelId, reason: record.reason, stage: 'MAP', payload: record.raw, checkpoint: batch.checkpoint, at });
    }
    // A page may repeat an order (an update between two pages): the hub gets each order once per batch.
    const unique = [...new Map(good.map((order) => [order.channelOrderId, order])).values()];
    const outcomes = unique.length ? await sink.upsertOrders(channel, unique) : [];
    const counts = emptyOutcomes();
    const byId = new Map(unique.map((order) => [order.channelOrderId, order]));
    for (const outcome of outcomes) {
      counts[outcome.outcome] += 1;
      if (outcome.outcome === 'FAILED') {
        deadLetters.push({ channelId: outcome.channelOrderId, reason: outcome.reason ?? 'the hub refused the order', stage: 'HUB', payload: byId.get(outcome.channelOrderId), checkpoint: batch.checkpoint, at });
      }
    }
    if (deadLetters.length) await sink.deadLetter(channel, deadLetters);

    const imported = counts.CREATED + counts.UNCHANGED + counts.RELEASED + counts.CANCELLED;
    result.batches += 1;
    result.read += batch.records.length;
    result.imported += imported;
    result.deadLettered += deadLetters.length;
    for (const kind of Object.keys(counts) as UpsertOutcomeKind[]) result.outcomes[kind] += counts[kind];
    ctx.log.info({ channel, batch: result.batches, records: batch.records.length, ...counts, deadLettered: deadLetters.length }, 'orders batch synced');
    await onBatch?.({ checkpoint: batch.checkpoint, imported, deadLettered: deadLetters.length, outcomes: counts, batch: result.batches });
    result.checkpoint = batch.checkpoint;
    if (signal?.aborted) {
      result.aborted = true;
      return true;
    }
    return false;
  }
}
