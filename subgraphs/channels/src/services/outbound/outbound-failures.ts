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

/** Parks the connection or holds its pushes back; returns when to push to it again (null: parked). */
export async function outboundFailed(store: ConnectionStore, connection: ConnectionRecord, what: string, error: unknown, displayName: string): Promise<number | null> {
  const failures = (connection.outbound?.failures ?? 0) + 1;
  const action = classifyFailure(error, failures);
  if (action.park) {
    await store.park(connection._id, `${displayName}: ${action.reason}`);
    return null;
  }
  log.warn({ connectionId: connection._id, channel: connection.channel, what, kind: action.kind, failures, retryInMs: action.retryInMs, reason: action.reason }, 'push failed; retrying with backoff');
  const retryAt = Date.now() + action.retryInMs;
  await store.update(connection._id, { $set: { outbound: { failures, retryAt: new Date(retryAt), lastError: `${what}: ${action.reason}` } } });
  return retryAt;
}

/** The earliest of some times (null: none). */
export function earliest(times: Array<number | null | undefined>): number | null {
  const known = times.filter((time): time is number => typeof time === 'number' && Number.isFinite(time));
  return known.length ? Math.min(...known) : null;
}

export async function outboundSucceeded(store: ConnectionStore, connection: ConnectionRecord): Promise<void> {
  if (!connection.outbound?.failures && !connection.outbound?.lastError) return;
  await store.update(connection._id, { $set: { outbound: { failures: 0, retryAt: null, lastError: null } } });
}
