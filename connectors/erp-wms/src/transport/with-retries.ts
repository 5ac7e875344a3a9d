// Retries what may succeed later without anyone changing anything: TRANSIENT failures with backoff
// and jitter (cockatiel), RATE_LIMITED ones after the server's own wait. The rest go up at once.
import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { ConnectorError } from '@oms/connector-kit';
import type { FileTransport, RemoteFile } from './transport';

const MAX_RATE_LIMIT_WAITS = 5;
const MAX_RETRY_AFTER_MS = 60_000;

const transientRetry = retry(
  handleWhen((error) => error instanceof ConnectorError && error.kind === 'TRANSIENT'),
  { maxAttempts: 4, backoff: new ExponentialBackoff({ initialDelay: 150, maxDelay: 3_000 }) },
);

async function attempt<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let waits = 0; ; waits++) {
    try {
      return await transientRetry.execute(() => work(), signal);
    } catch (error) {
      const limited = error instanceof ConnectorError && error.kind === 'RATE_LIMITED';
      const waitMs = limited ? (error.details.retryAfterMs ?? 1000) : 0;
      if (!limited || waits >= MAX_RATE_LIMIT_WAITS || waitMs > MAX_RETRY_AFTER_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/** The same transport, each operation retried as its failure's kind allows (every one is idempotent or write-then-rename). */
export function withRetries(transport: FileTransport, signal?: AbortSignal): FileTransport {
  return {
    list: (folder): Promise<RemoteFile[]> => attempt(() => transport.list(folder), signal),
    read: (path) => attempt(() => transport.read(path), signal),
    writeAtomic: (path, data) => attempt(() => transport.writeAtomic(path, data), signal),
    rename: (from, to) => attempt(() => transport.rename(from, to), signal),
    exists: (path) => attempt(() => transport.exists(path), signal),
    remove: (path) => attempt(() => transport.remove(path), signal),
    close: () => transport.close(),
  };
}
