// Which channel connections a caller sees: the back office and hub services all of them, a PARTNER
// those of its own channels (who may call which field at all is in ../policies.ts).
import { forbidden, isInternal, type Identity } from '@oms/platform';
import type { ConnectionRecord } from '../models/connection.model';

export function canRead(identity: Identity, connection: Pick<ConnectionRecord, 'channel'>): boolean {
  if (isInternal(identity)) return true;
  return identity.role === 'PARTNER' && identity.channels.includes(connection.channel);
}

/** The connection, or FORBIDDEN when the caller may not see it (null stays null). */
export function visible<T extends Pick<ConnectionRecord, 'channel' | '_id'>>(identity: Identity, connection: T | null): T | null {
  if (!connection) return null;
  if (!canRead(identity, connection)) throw forbidden(`${identity.role} ${identity.subject} may not read channel connection ${connection._id}`);
  return connection;
}

/** A filter narrowing connection queries to what the caller may see. */
export function scopeFilter(identity: Identity): Record<string, unknown> {
  if (isInternal(identity)) return {};
  return { channel: { $in: identity.channels } };
}
