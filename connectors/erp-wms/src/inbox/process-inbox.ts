// The inbound side of a file connection, run on a schedule: every complete file in the inbound folder
// is applied once (orders, 850s with their 997/855, shipment confirmations, stock counts, the
// partner's 997s), then moved to processed/ and its checksum stored, so the same content dropped
// again is set aside without being applied. A bad row is a dead letter; the rest of the file goes on.
import { GraphHubSink, type ConnectorContext, type HubHeaders } from '@oms/connector-kit';
import { RowError } from '../csv/read-csv';
import type { ErpWmsConfig } from '../manifest';
import { checksum, listComplete } from '../transport/inbound-files';
import { withTransport } from '../transport/open-transport';
import { joinPath, type FileTransport } from '../transport/transport';
import { stateOf } from '../writers/outbound-file';
import { applyInterchange } from './apply-edi';
import { applyShipments } from './apply-shipments';
import { applyStockCounts } from './apply-stock';
import type { InboxDeadLetter, StockCountRefusal } from './dead-letter';
import { fileKind, ordersFromCsvFile, type FileKind } from './file-kinds';
import { InboxHubClient } from './hub-client';

export interface InboxOptions {
  ctx: ConnectorContext<ErpWmsConfig>;
  /** The hub's gateway, called as the connection (its identity is the actor in ledgers). */
  hub: { url: string; headers?: HubHeaders };
  /**
   * Where dead letters go besides the report (the runtime's store): called once per file that has
   * any, before the file is moved to processed/ (a crash in between hands them over again).
   */
  onDeadLetters?(entries: InboxDeadLetter[], refusals: StockCountRefusal[]): Promise<void> | void;
}

export interface InboxFileReport {
  file: string;
  kind: FileKind;
  /** APPLIED (maybe with dead letters), DUPLICATE (same content applied before: set aside), UNREADABLE. */
  outcome: 'APPLIED' | 'DUPLICATE' | 'UNREADABLE';
  applied: number;
  deadLettered: number;
  replies: string[];
}

export interface InboxReport {
  files: InboxFileReport[];
  deadLetters: InboxDeadLetter[];
  stockRefusals: StockCountRefusal[];
}

interface Applied {
  applied: number;
  deadLetters: InboxDeadLetter[];
  replies?: string[];
  refusals?: StockCountRefusal[];
}

export async function processInbox(options: InboxOptions): Promise<InboxReport> {
  const { ctx } = options;
  const { config } = ctx;
  const state = stateOf(ctx);
  const hub = new InboxHubClient(options.hub);
  const sink = new GraphHubSink({ url: options.hub.url, headers: options.hub.headers });
  const report: InboxReport = { files: [], deadLetters: [], stockRefusals: [] };

  await withTransport(
    config,
    async (transport) => {
      for (const file of await listComplete(transport, config, config.folders.inbound)) {
        if (ctx.signal?.aborted) break;
        const path = joinPath(config.folders.inbound, file.name);
        const content = await transport.read(path);
        const sum = checksum(content);
        const seen = (await state.read()).appliedFiles[sum];
        if (seen) {
          await archive(transport, path, joinPath(config.folders.processed, 'duplicates'), file.name);
          await removeMarker(transport, path);
          report.files.push({ file: file.name, kind: 'unknown', outcome: 'DUPLICATE', applied: 0, deadLettered: 0, replies: [] });
          ctx.log.info({ file: file.name, firstApplied: seen }, 'file already applied; set aside');
          continue;
        }
        const kind = fileKind(config, content);
        const result = await apply(kind, file.name, content, new Date(file.modifiedAt).toISOString());
        if (result.deadLetters.length || result.refusals?.length) await options.onDeadLetters?.(result.deadLetters, result.refusals ?? []);
        const folder = kind === 'unknown' ? joinPath(config.folders.processed, 'unreadable') : config.folders.processed;
        await archive(transport, path, folder, file.name);
        await removeMarker(transport, path);
        await state.update((data) => {
          data.appliedFiles[sum] = { name: file.name, at: new Date().toISOString() };
        });
        report.deadLetters.push(...result.deadLetters);
        report.stockRefusals.push(...(result.refusals ?? []));
        for (const refusal of result.refusals ?? []) ctx.log.warn({ ...refusal }, 'stock count below reserved: not applied');
        report.files.push({ file: file.name, kind, outcome: kind === 'unknown' ? 'UNREADABLE' : 'APPLIED', applied: result.applied, deadLettered: result.deadLetters.length, replies: result.replies ?? [] });
      }

      async function apply(kind: FileKind, name: string, content: Buffer, received: string): Promise<Applied> {
        try {
          if (kind === 'x12') return await applyInterchange(ctx, transport, sink, name, content, received);
          if (kind === 'shipments') return await applyShipments(name, content, config, ctx.channel, hub);
          if (kind === 'stock') return await applyStockCounts(name, content, config, hub);
          if (kind === 'orders') return await applyOrders(name, content, Date.parse(received));
          return { applied: 0, deadLetters: [{ stream: 'EDI', file: name, channelId: name, reason: `${name}: neither X12 nor a CSV whose header matches the orders, shipments or stock columns of this connection` }] };
        } catch (error) {
          // A header without a required column: the whole file is one dead letter naming the column.
          if (error instanceof RowError) return { applied: 0, deadLetters: [{ stream: kind === 'stock' ? 'STOCK' : kind === 'shipments' ? 'FULFILLMENTS' : 'ORDERS', file: name, row: error.row, column: error.column, channelId: name, reason: error.message }] };
          throw error;
        }
      }

      async function applyOrders(name: string, content: Buffer, modifiedAt: number): Promise<Applied> {
        const records = ordersFromCsvFile(name, content, modifiedAt, config);
        const deadLetters: InboxDeadLetter[] = records.flatMap((record) =>
          record.ok ? [] : [{ stream: 'ORDERS' as const, file: name, channelId: record.channelId, reason: record.reason, ...(record.raw as { row?: number; column?: string }) }],
        );
        const orders = records.flatMap((record) => (record.ok ? [record.record] : []));
        const outcomes = orders.length ? await sink.upsertOrders(ctx.channel, orders) : [];
        for (const outcome of outcomes.filter((entry) => entry.outcome === 'FAILED')) {
          deadLetters.push({ stream: 'ORDERS', file: name, channelId: outcome.channelOrderId, reason: `${name} order ${outcome.channelOrderId}: ${outcome.reason}` });
        }
        return { applied: outcomes.filter((entry) => entry.outcome !== 'FAILED').length, deadLetters };
      }
    },
    ctx.signal,
  );
  return report;
}

/** Moves a file into `folder`, keeping its name unless one is already there. */
async function archive(transport: FileTransport, path: string, folder: string, name: string): Promise<void> {
  const target = (await transport.exists(joinPath(folder, name))) ? `${name}.${Date.now()}` : name;
  await transport.rename(path, joinPath(folder, target));
}

async function removeMarker(transport: FileTransport, path: string): Promise<void> {
  if (await transport.exists(`${path}.done`)) await transport.remove(`${path}.done`);
}
