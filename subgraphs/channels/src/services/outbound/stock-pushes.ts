// Stock changed in the hub → published to every connection that lists the SKU. The inventory log is
// read from this runtime's cursor into the stock queue (coalescing changes per connection and SKU);
// a push reads the SKUs' current availability in one query and publishes available − buffer.
import { isConnectorError, publishQuantity, type CanonicalStockLevel, type WriteResult } from '@oms/connector-kit';
import { EventContractError, isStockEvent, parseEvent } from '@oms/contracts';
import { createLogger, type ConsumeOutcome, type ConsumerCursors, type TaskOutcome } from '@oms/platform';
import type { ConnectionRecord } from '../../models/connection.model';
import type { StockPushRecord } from '../../models/outbound.model';
import type { ConnectionStore } from '../connection-store';
import type { ConnectorRuntime } from '../connector-runtime';
import type { DeadLetters } from '../dead-letters';
import type { HubClient, HubStock } from '../hub-client';
import { listedSkus } from './listing';
import { earliest, inBackoff, outboundFailed, outboundSucceeded } from './outbound-failures';
import type { StockQueue } from './stock-queue';

const log = createLogger('channels.stock');
const CONSUMER = 'stock-pushes';

export interface StockPushDeps {
  hub: HubClient;
  cursors: ConsumerCursors;
  queue: StockQueue;
  store: ConnectionStore;
  runtime: ConnectorRuntime;
  deadLetters: DeadLetters;
}

export class StockPushes {
  constructor(private readonly deps: StockPushDeps) {}

  /** Whether an inventory notice may change what a channel shows (a stock level changed). */
  static concerns(event: InventoryEvent): boolean {
    return stockSkuOf(event) !== null;
  }

  /** Inventory events → queue entries for every connection whose listing has the SKU. */
  consume(): Promise<ConsumeOutcome> {
    return this.deps.cursors.consume(
      CONSUMER,
      (after, first) => this.deps.hub.inventoryEvents(after, first),
      async (events) => {
        const skus = new Set(events.map(stockSkuOf).filter((sku): sku is string => sku !== null));
        if (!skus.size) return;
        for (const connection of await this.deps.store.all()) {
          if (!this.canPush(connection)) continue;
          const listed = listedSkus(connection);
          await this.deps.queue.enqueue(connection._id, [...skus].filter((sku) => listed.has(sku)));
        }
      },
    );
  }

  /** Publishes every queued SKU of every active connection not backing off; answers when to push again. */
  async push(): Promise<TaskOutcome> {
    const entries = await this.deps.queue.pending();
    if (!entries.length) return {};
    const byConnection = new Map<string, StockPushRecord[]>();
    for (const entry of entries) byConnection.set(entry.connectionId, [...(byConnection.get(entry.connectionId) ?? []), entry]);
    const connections = await this.deps.store.many([...byConnection.keys()]);
    const found = new Set(connections.map((connection) => connection._id));
    // Entries of deleted connections, or of connectors that cannot write stock, have nowhere to go.
    const orphaned = entries.filter((entry) => !found.has(entry.connectionId) || !this.canPush(connections.find((c) => c._id === entry.connectionId)!));
    await this.deps.queue.done(orphaned);
    const pushable = connections.filter((connection) => connection.status === 'ACTIVE' && this.canPush(connection));
    const ready = pushable.filter((connection) => !inBackoff(connection));
    // Entries of a connection backing off wait for its backoff (a paused or parked one for its resume).
    const backingOff = pushable.filter((connection) => inBackoff(connection)).map((connection) => new Date(connection.outbound!.retryAt!).getTime());
    if (!ready.length) return { retryAt: earliest(backingOff) };
    const stock = await this.deps.hub.stock(ready.flatMap((connection) => byConnection.get(connection._id)!.map((entry) => entry.sku)));
    const retries = await Promise.all(ready.map((connection) => this.pushTo(connection, byConnection.get(connection._id)!, stock)));
    return { retryAt: earliest([...backingOff, ...retries]) };
  }

  private canPush(connection: ConnectionRecord): boolean {
    const connector = this.deps.runtime.registry.get(connection.kind);
    return !!connector?.writers.setStock && connector.manifest.capabilities.includes('stock.write');
  }

  /** Pushes one connection's entries; answers when to try again after a failure. */
  private async pushTo(connection: ConnectionRecord, entries: StockPushRecord[], stock: Map<string, HubStock>): Promise<number | null> {
    const unknown = entries.filter((entry) => !stock.has(entry.sku));
    if (unknown.length) {
      log.info({ connectionId: connection._id, skus: unknown.map((entry) => entry.sku) }, 'SKUs the hub has no item for: nothing to publish');
      await this.deps.queue.done(unknown);
    }
    const known = entries.filter((entry) => stock.has(entry.sku));
    if (!known.length) return null;
    const connector = this.deps.runtime.connector(connection);
    try {
      const ctx = this.deps.runtime.context(connection);
      const levels = known.flatMap((entry) => levelsFor(connection, stock.get(entry.sku)!));
      try {
        const result = await connector.writers.setStock!(ctx, levels);
        await this.settle(connection, known, levels, result.rejected ?? [], stock);
      } catch (error) {
        if (!(isConnectorError(error) && error.kind === 'BAD_RECORD') || known.length === 1) throw error;
        // One SKU the channel refuses must not hold the others back: push them one by one.
        for (const entry of known) await this.pushOne(connection, entry, stock.get(entry.sku)!);
        return null;
      }
      await outboundSucceeded(this.deps.store, connection);
      return null;
    } catch (error) {
      if (isConnectorError(error) && error.kind === 'BAD_RECORD') {
        await this.refused(connection, known[0], stock.get(known[0].sku)!, error.message);
        return null;
      }
      return outboundFailed(this.deps.store, connection, 'stock push', error, connector.manifest.displayName);
    }
  }

  /** After a write: the SKUs the channel refused are dead-lettered with its reason, the others are published. */
  private async settle(connection: ConnectionRecord, entries: StockPushRecord[], levels: CanonicalStockLevel[], rejected: NonNullable<WriteResult['rejected']>, stock: Map<string, HubStock>): Promise<void> {
    const reasons = new Map<string, string>();
    for (const refusal of rejected) reasons.set(refusal.sku, [reasons.get(refusal.sku), refusal.reason].filter(Boolean).join('; '));
    const published = entries.filter((entry) => !reasons.has(entry.sku));
    if (published.length) await this.pushed(connection, published, levels.filter((level) => !reasons.has(level.sku)).length);
    for (const entry of entries) if (reasons.has(entry.sku)) await this.refused(connection, entry, stock.get(entry.sku)!, reasons.get(entry.sku)!);
  }

  private async pushOne(connection: ConnectionRecord, entry: StockPushRecord, level: HubStock): Promise<void> {
    const levels = levelsFor(connection, level);
    try {
      const result = await this.deps.runtime.connector(connection).writers.setStock!(this.deps.runtime.context(connection), levels);
      await this.settle(connection, [entry], levels, result.rejected ?? [], new Map([[entry.sku, level]]));
    } catch (error) {
      if (!(isConnectorError(error) && error.kind === 'BAD_RECORD')) throw error;
      await this.refused(connection, entry, level, error.message);
    }
  }

  private async pushed(connection: ConnectionRecord, entries: StockPushRecord[], levels: number): Promise<void> {
    await this.deps.queue.done(entries);
    await this.deps.store.addCounts(connection._id, { pushedStock: levels });
    await this.deps.deadLetters.resolve(connection._id, 'STOCK', entries.map((entry) => entry.sku));
  }

  private async refused(connection: ConnectionRecord, entry: StockPushRecord, level: HubStock, reason: string): Promise<void> {
    await this.deps.deadLetters.record(connection._id, 'STOCK', [{ channelRecordId: entry.sku, stage: 'CHANNEL', reason, raw: { levels: levelsFor(connection, level) } }]);
    await this.deps.queue.done([entry]);
  }
}

type InventoryEvent = { type: string; version?: number | null; payload?: Record<string, unknown> | null };

/**
 * The SKU a stock event is about, read through the event's contract (@oms/contracts); null for other
 * events, and for one that breaks its contract: it can never be read, so it is logged and passed over
 * instead of holding the cursor back.
 */
function stockSkuOf(event: InventoryEvent): string | null {
  try {
    const parsed = parseEvent(event);
    return isStockEvent(parsed) ? parsed.payload.sku : null;
  } catch (error) {
    if (!(error instanceof EventContractError)) throw error;
    log.warn({ type: event.type, field: error.field, err: error }, 'inventory event does not follow its contract; not pushed');
    return null;
  }
}

/**
 * What to publish for one SKU: available − buffer at the channel's default location or, with a
 * location map, at each mapped channel location (the sum of the hub locations mapped onto it).
 */
export function levelsFor(connection: Pick<ConnectionRecord, 'locationMap' | 'stockBuffer'>, stock: HubStock): CanonicalStockLevel[] {
  const map = connection.locationMap ?? {};
  const mapped = Object.entries(map);
  if (!mapped.length) return [{ sku: stock.sku, quantity: publishQuantity(stock.available, connection.stockBuffer) }];
  const byChannelLocation = new Map<string, number>();
  for (const [hubLocationId, channelLocationId] of mapped) {
    byChannelLocation.set(channelLocationId, (byChannelLocation.get(channelLocationId) ?? 0) + (stock.byLocation.get(hubLocationId) ?? 0));
  }
  return [...byChannelLocation].map(([channelLocationId, available]) => ({ sku: stock.sku, channelLocationId, quantity: publishQuantity(available, connection.stockBuffer) }));
}
