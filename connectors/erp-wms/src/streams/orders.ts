// The orders stream: orders the ERP dropped as CSV or X12 850, read from the inbound folder and the
// processed archive as one log of files ordered by (time, name). The checkpoint is the position of
// the last order handed over (file time, file name, index in the file); a read from null replays the
// archive, which the hub's idempotent import turns into UNCHANGED. An order that appears in several
// files is handed over once, in its latest version, at its latest position.
// Reading never moves files: applying them exactly once (acks, shipments, stock) is the inbox's job.
import type { CanonicalOrder, ChannelRecord, ConnectorContext, StreamBatch, StreamReader } from '@oms/connector-kit';
import { ConnectorError } from '@oms/connector-kit';
import { RowError } from '../csv/read-csv';
import { EdiEnvelopeError, readInterchange } from '../edi/x12-read';
import { fileKind, ordersFrom850s, ordersFromCsvFile } from '../inbox/file-kinds';
import type { ErpWmsConfig } from '../manifest';
import { byAge, completeFiles } from '../transport/inbound-files';
import { withTransport } from '../transport/open-transport';
import { joinPath, type RemoteFile } from '../transport/transport';

interface Position {
  t: number;
  f: string;
  i: number;
}

export function encodeCheckpoint(position: Position): string {
  return JSON.stringify(position);
}

export function decodeCheckpoint(checkpoint: string | null): Position | null {
  if (!checkpoint) return null;
  try {
    const value = JSON.parse(checkpoint) as Position;
    if (typeof value.t === 'number' && typeof value.f === 'string' && typeof value.i === 'number') return value;
  } catch {
    // fall through
  }
  throw new ConnectorError('CONFIG', `ERP/WMS orders checkpoint is not one this connector wrote: ${checkpoint}`);
}

const after = (file: RemoteFile, index: number, position: Position | null) =>
  !position || file.modifiedAt > position.t || (file.modifiedAt === position.t && (file.name > position.f || (file.name === position.f && index > position.i)));

interface Located {
  file: RemoteFile;
  index: number;
  record: ChannelRecord<CanonicalOrder>;
}

async function* read(ctx: ConnectorContext<ErpWmsConfig>, checkpoint: string | null): AsyncIterable<StreamBatch<CanonicalOrder>> {
  const { config } = ctx;
  const position = decodeCheckpoint(checkpoint);
  const located = await withTransport(
    config,
    async (transport) => {
      const inbound = completeFiles(config, await transport.list(config.folders.inbound)).map((file) => ({ file, folder: config.folders.inbound }));
      const archived = (await transport.list(config.folders.processed)).map((file) => ({ file, folder: config.folders.processed }));
      const candidates = [...inbound, ...archived]
        .filter(({ file }) => !position || file.modifiedAt >= position.t)
        .sort((a, b) => byAge(a.file, b.file));
      const found: Located[] = [];
      for (const { file, folder } of candidates) {
        const content = await transport.read(joinPath(folder, file.name));
        found.push(...recordsOf(file, content, config).map((record, index) => ({ file, index, record })));
      }
      return found;
    },
    ctx.signal,
  );
  // The latest version of each order wins; earlier appearances are dropped.
  const last = new Map(located.map((entry, order) => [entry.record.channelId, order]));
  const pending = located.filter((entry, order) => last.get(entry.record.channelId) === order && after(entry.file, entry.index, position));
  for (let start = 0; start < pending.length; start += config.pageSize) {
    const page = pending.slice(start, start + config.pageSize);
    const end = page[page.length - 1];
    yield { records: page.map((entry) => entry.record), checkpoint: encodeCheckpoint({ t: end.file.modifiedAt, f: end.file.name, i: end.index }) };
  }
}

/** Orders in one file; a file that cannot be read at all is one dead letter naming it. */
function recordsOf(file: RemoteFile, content: Buffer, config: ErpWmsConfig): Array<ChannelRecord<CanonicalOrder>> {
  try {
    const kind = fileKind(config, content);
    if (kind === 'orders') return ordersFromCsvFile(file.name, content, file.modifiedAt, config);
    if (kind === 'x12') return ordersFrom850s(file.name, readInterchange(content), new Date(file.modifiedAt).toISOString(), config);
    return [];
  } catch (error) {
    if (error instanceof RowError || error instanceof EdiEnvelopeError) return [{ ok: false, channelId: file.name, reason: error instanceof RowError ? error.message : `${file.name}: ${error.message}`, raw: { file: file.name } }];
    throw error;
  }
}

export const ordersStream: StreamReader<ErpWmsConfig, CanonicalOrder> = { name: 'orders', read };
