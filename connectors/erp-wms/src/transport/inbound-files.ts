// Which inbound files are complete: never a temporary upload name (`.x.part`, `x.tmp`, `x.filepart`,
// dot files), and in `done-marker` mode only files whose `<name>.done` marker exists. Oldest first.
import { createHash } from 'node:crypto';
import type { ErpWmsConfig } from '../manifest';
import type { FileTransport, RemoteFile } from './transport';

const TEMPORARY = /(^\.)|(\.(part|tmp|filepart|partial|uploading)$)/i;
const MARKER = /\.done$/i;

export const byAge = (a: RemoteFile, b: RemoteFile) => a.modifiedAt - b.modifiedAt || a.name.localeCompare(b.name);

export function completeFiles(config: ErpWmsConfig, files: RemoteFile[]): RemoteFile[] {
  const names = new Set(files.map((file) => file.name));
  return files
    .filter((file) => !TEMPORARY.test(file.name) && !MARKER.test(file.name))
    .filter((file) => config.completion !== 'done-marker' || names.has(`${file.name}.done`))
    .sort(byAge);
}

export async function listComplete(transport: FileTransport, config: ErpWmsConfig, folder: string): Promise<RemoteFile[]> {
  return completeFiles(config, await transport.list(folder));
}

export const checksum = (content: Buffer) => createHash('sha256').update(content).digest('hex');
