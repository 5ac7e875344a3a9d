// The partner's side of the drop box, on the simulator's own disk: files it drops into inbound/
// (uploaded under a temporary name and renamed, as real partners do) and what it reads back from
// outbound/ (stock files, 846s, shipment confirmations, 856s), oldest first.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readInterchange, type EdiInterchange } from '../edi/x12-read';

export class PartnerFiles {
  constructor(readonly root: string) {
    for (const folder of ['inbound', 'outbound', 'processed']) mkdirSync(join(root, folder), { recursive: true });
  }

  /** `complete`: upload then rename; `uploading`: still under its temporary name; `unmarked`: final name, no `.done` yet. */
  drop(name: string, content: string, mode: 'complete' | 'uploading' | 'unmarked' = 'complete'): string {
    const inbound = join(this.root, 'inbound');
    const part = join(inbound, `.${name}.part`);
    writeFileSync(part, content);
    if (mode !== 'uploading') renameSync(part, join(inbound, name));
    return name;
  }

  markDone(name: string): void {
    writeFileSync(join(this.root, 'inbound', `${name}.done`), '');
  }

  inInbound(name: string): boolean {
    return existsSync(join(this.root, 'inbound', name));
  }

  /** Plain files of a folder, oldest first. */
  files(folder: string): string[] {
    const dir = join(this.root, folder);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isFile())
      .map((name) => ({ name, at: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => a.at - b.at || a.name.localeCompare(b.name))
      .map((entry) => entry.name);
  }

  read(folder: string, name: string): string {
    return readFileSync(join(this.root, folder, name), 'utf8');
  }

  outboundCsv(prefix: string): Array<{ file: string; rows: Array<Record<string, string>> }> {
    return this.files('outbound')
      .filter((name) => name.startsWith(prefix) && name.endsWith('.csv'))
      .map((file) => ({ file, rows: parse(this.read('outbound', file), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>> }));
  }

  outboundX12(transactionSet: string): Array<{ file: string; interchange: EdiInterchange }> {
    return this.files('outbound')
      .filter((name) => name.startsWith(`${transactionSet}-`) && name.endsWith('.x12'))
      .map((file) => ({ file, interchange: readInterchange(this.read('outbound', file)) }));
  }
}

/** The segments of every transaction set in the interchange, as [tag, ...elements]. */
export function segmentsOf(interchange: EdiInterchange): string[][] {
  return interchange.groups.flatMap((group) => group.transactions.flatMap((transaction) => transaction.segments.map((segment) => segment.elements)));
}
