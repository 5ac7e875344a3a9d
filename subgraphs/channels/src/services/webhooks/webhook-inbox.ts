// `POST /webhooks/<connectionId>`: verifies the channel's signature, stores the delivery as received
// (a re-sent identical delivery is recognised by its body and stored once) and answers 200 at once;
// the delivery is processed from the queue (webhook-processor.ts), never while the channel waits.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isConnectorError } from '@oms/connector-kit';
import { createLogger, readBodyBytes, sendJson } from '@oms/platform';
import type { WebhookDeliveryModel } from '../../models/webhook-delivery.model';
import type { ConnectionStore } from '../connection-store';
import type { ConnectorRuntime } from '../connector-runtime';

const log = createLogger('channels.webhooks');
export const WEBHOOK_PREFIX = '/webhooks/';
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface WebhookInboxDeps {
  store: ConnectionStore;
  runtime: ConnectorRuntime;
  deliveries: WebhookDeliveryModel;
  /** Hands a stored delivery to the queue (due at `at`, as stored). */
  enqueue(deliveryId: string, at: Date): void;
}

export function webhookPath(connectionId: string): string {
  return `${WEBHOOK_PREFIX}${encodeURIComponent(connectionId)}`;
}

export class WebhookInbox {
  constructor(private readonly deps: WebhookInboxDeps) {}

  readonly route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, { error: 'Webhooks are POSTed' });
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const connectionId = decodeURIComponent(url.pathname.slice(WEBHOOK_PREFIX.length));
    const rawBody = await readBodyBytes(req, { maxBytes: MAX_BODY_BYTES, label: 'Webhook body' });
    const connection = connectionId ? await this.deps.store.get(connectionId) : null;
    const connector = connection && this.deps.runtime.registry.get(connection.kind);
    if (!connection || !connector?.webhooks) return sendJson(res, 404, { error: `No channel connection ${JSON.stringify(connectionId)} takes webhooks here` });

    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    try {
      connector.webhooks.verify(this.deps.runtime.context(connection).config, { headers, rawBody });
    } catch (error) {
      // Never park on a webhook: anyone can post a bad signature.
      const message = isConnectorError(error) ? error.message : 'signature verification failed';
      log.warn({ connectionId, reason: message }, 'webhook refused');
      return sendJson(res, 401, { error: message });
    }

    const id = `${connection._id}:${createHash('sha256').update(rawBody).digest('hex')}`;
    const now = new Date();
    try {
      await this.deps.deliveries.create({
        _id: id,
        connectionId: connection._id,
        deliveryId: `pending:${id}`,
        topic: null,
        headers,
        rawBody: rawBody.toString('base64'),
        status: 'PENDING',
        attempts: 0,
        checkpointAtReceipt: connection.checkpoint,
        receivedAt: now,
        processedAt: null,
        nextAttemptAt: now,
        error: null,
      });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return sendJson(res, 200, { status: 'duplicate' });
      throw error;
    }
    await this.deps.store.addCounts(connection._id, { webhooksReceived: 1 });
    sendJson(res, 200, { status: 'accepted' });
    this.deps.enqueue(id, now);
  };
}
