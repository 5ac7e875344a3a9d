// Opens the connection's transport (retrying) for one connector call and always closes it after.
import type { ErpWmsConfig } from '../manifest';
import { LocalTransport } from './local-transport';
import { SftpTransport } from './sftp-transport';
import type { FileTransport } from './transport';
import { withRetries } from './with-retries';

export function openTransport(config: ErpWmsConfig, signal?: AbortSignal): FileTransport {
  const raw = config.transport === 'local' ? new LocalTransport(config.rootDir!) : new SftpTransport(config);
  return withRetries(raw, signal);
}

export async function withTransport<T>(config: ErpWmsConfig, work: (transport: FileTransport) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const transport = openTransport(config, signal);
  try {
    return await work(transport);
  } finally {
    await transport.close();
  }
}
