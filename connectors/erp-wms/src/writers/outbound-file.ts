// Names and writes the connector's outbound files: write-then-rename into the outbound folder, a name
// that sorts by time and never collides, and X12 interchanges recorded for the partner's 997.
import { randomBytes } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { ConnectorContext } from '@oms/connector-kit';
import { buildInterchange, type OutboundTransaction } from '../edi/x12-write';
import type { ErpWmsConfig } from '../manifest';
import { ConnectionState } from '../state/connection-state';
import type { FileTransport } from '../transport/transport';
import { joinPath } from '../transport/transport';

export const stateOf = (ctx: { config: ErpWmsConfig; channel: string }) => new ConnectionState(ctx.config.stateDir, ctx.channel);

let sequence = 0;

/** `stock-20261203T160102123Z-0001-a1b2c3.csv`: sorts by time (to the millisecond, then a counter), unique. */
export function timedName(prefix: string, extension: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  sequence = (sequence % 9999) + 1;
  return `${prefix}-${stamp}-${String(sequence).padStart(4, '0')}-${randomBytes(3).toString('hex')}.${extension}`;
}

/** A CSV with a header row from the mapping (field → header) and one line per record. */
export function csvText<F extends string>(mapping: Record<F, string>, fields: readonly F[], rows: Array<Partial<Record<F, string | number | undefined>>>, delimiter: string): string {
  return stringify(
    rows.map((row) => fields.map((field) => row[field] ?? '')),
    { header: true, columns: fields.map((field) => mapping[field]), delimiter, record_delimiter: 'unix' },
  );
}

export async function writeOutbound(transport: FileTransport, config: ErpWmsConfig, name: string, content: string): Promise<string> {
  const path = joinPath(config.folders.outbound, name);
  await transport.writeAtomic(path, content);
  return name;
}

/** Writes one interchange (`<set>-<ISA13>.x12`) and records it, unacknowledged, for the partner's 997. */
export async function writeInterchange(ctx: ConnectorContext<ErpWmsConfig> | { config: ErpWmsConfig; channel: string }, transport: FileTransport, transactions: OutboundTransaction[]): Promise<{ file: string; control: string }> {
  const state = stateOf(ctx);
  const built = await buildInterchange(ctx.config, state, transactions);
  const file = `${transactions[0].code}-${built.interchangeControl}.x12`;
  await writeOutbound(transport, ctx.config, file, built.text);
  await state.update((data) => {
    data.interchanges[built.interchangeControl] = { file, transaction: transactions[0].code, groupControl: built.groupControl, ack: null, at: new Date().toISOString() };
  });
  return { file, control: built.interchangeControl };
}
