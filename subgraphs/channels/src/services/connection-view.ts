// How a connection reads in the graph: credentials redacted, the effective stock listing, lag.
import type { ConnectionRecord } from '../models/connection.model';
import type { OutboundPending } from '../context';
import { listedSkus } from './outbound/listing';
import { webhookPath } from './webhooks/webhook-inbox';
import type { AnyConnector } from './connector-registry';

export const REDACTED = '[redacted]';

/** The stored config with every credential field present shown as "[redacted]". */
export function redactedConfig(connection: ConnectionRecord): Record<string, unknown> {
  return { ...connection.config, ...Object.fromEntries(connection.secretFields.map((field) => [field, REDACTED])) };
}

export function effectiveListing(connection: ConnectionRecord): string[] {
  return [...listedSkus(connection)].sort();
}

export function webhookPathOf(connection: ConnectionRecord, connector: AnyConnector | undefined): string | null {
  return connector?.webhooks ? webhookPath(connection._id) : null;
}

export function lagOf(connection: ConnectionRecord, pending: OutboundPending, now = Date.now()) {
  return {
    syncSeconds: connection.lastSuccessAt ? Math.max(0, Math.floor((now - new Date(connection.lastSuccessAt).getTime()) / 1000)) : null,
    pendingStockSkus: pending.stockSkus,
    pendingFulfillments: pending.fulfillments,
    outboundSeconds: pending.oldest ? Math.max(0, Math.floor((now - pending.oldest.getTime()) / 1000)) : 0,
  };
}
