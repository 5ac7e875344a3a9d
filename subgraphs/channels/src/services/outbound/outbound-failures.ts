// What a failed push does to its connection: credentials or config refused → park; throttled or
// down → hold every push to that connection until a backoff has passed.
import { createLogger } from '@oms/platform';
import type { ConnectionRecord } from '../../models/connection.model';
import type { ConnectionStore } from '../connection-store';
import { classifyFailure } from '../sync/failure';

const log = createLogger('channels.outbound');

export function inBackoff(connection: ConnectionRecord, now = Date.now()): boolean {
  const retryAt = connection.outbound?.retryAt;
  return !!retryAt && new Date(retryAt).getTime() > now;
}

export async function outboundFailed(store: ConnectionStore, connection: ConnectionRecord, what: string, error: unknown, displayName: string): Promise<void> {
  const failures = (connection.outbound?.failures ?? 0) + 1;
  const action = classifyFailure(error, failures);
  if (action.park) {
    await store.park(connection._id, `${displayName}: ${action.reason}`);
    return;
  }
  log.warn({ connectionId: connection._id, channel: connection.channel, what, kind: action.kind, failures, retryInMs: action.retryInMs, reason: action.reason }, 'push failed; retrying with backoff');
  await store.update(connection._id, { $set: { outbound: { failures, retryAt: new Date(Date.now() + action.retryInMs), lastError: `${what}: ${action.reason}` } } });
}

export async function outboundSucceeded(store: ConnectionStore, connection: ConnectionRecord): Promise<void> {
  if (!connection.outbound?.failures && !connection.outbound?.lastError) return;
  await store.update(connection._id, { $set: { outbound: { failures: 0, retryAt: null, lastError: null } } });
}
