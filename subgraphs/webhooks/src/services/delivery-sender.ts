// Sends one delivery attempt: signed POST, outcome recorded, next step scheduled. An attempt is made
// only for the oldest open delivery of its chain (endpoint + order), so a receiver sees one order's
// events in log order even while an earlier one is being retried.
import { randomUUID } from 'node:crypto';
import { createLogger, type SecretBox } from '@oms/platform';
import type { WebhookAttemptRecord, WebhookDeliveryRecord } from '../models/webhook-delivery.model';
import type { WebhookEndpointModel, WebhookEndpointRecord } from '../models/webhook-endpoint.model';
import type { WebhookSettings } from '../settings';
import { backoffDelay } from './backoff';
import { MAX_ERROR_LENGTH, postDelivery, type HttpOutcome } from './delivery-http';
import type { DeliveryStore } from './delivery-store';
import { endpointSecretOwner, ownerIdentity } from './endpoint.service';
import { publicOnly } from './outbound-policy';
import { revokedReason, type OwnerKeys } from './owner-keys';
import { SelectionUnavailableError, type GatewayGraph } from './selection';
import { signPayload } from './signature';

const log = createLogger('webhooks.sender');

export type AttemptResult = 'delivered' | 'failed' | 'dead' | 'blocked' | 'not-due' | 'skipped';

/** Where the sender hands deliveries that become due (the embedded scheduler or BullMQ). */
export interface DeliveryQueue {
  readonly kind: 'embedded' | 'bullmq';
  /** `delivery` is due at its nextAttemptAt; `cause` tells apart wake-ups that must not collapse. */
  schedule(delivery: Pick<WebhookDeliveryRecord, '_id' | 'attempts' | 'nextAttemptAt'>, cause?: string): Promise<void>;
}

export class DeliverySender {
  private queue: DeliveryQueue | null = null;

  constructor(
    private readonly store: DeliveryStore,
    private readonly endpoints: WebhookEndpointModel,
    private readonly box: SecretBox,
    private readonly settings: WebhookSettings,
    private readonly graph: GatewayGraph,
    private readonly ownerKeys: OwnerKeys,
  ) {}

  useQueue(queue: DeliveryQueue): void {
    this.queue = queue;
  }

  async attempt(id: string, now = new Date()): Promise<AttemptResult> {
    const delivery = await this.store.get(id);
    if (!delivery || (delivery.status !== 'PENDING' && delivery.status !== 'FAILED')) return 'skipped';
    if (delivery.leaseUntil && delivery.leaseUntil > now) return 'skipped';
    if (delivery.nextAttemptAt && delivery.nextAttemptAt.getTime() > now.getTime() + 20) return 'not-due';
    const chain = await this.store.openInChain(delivery.chainKey);
    // The predecessor's completion schedules this one again.
    if (chain.some((other) => other.seq < delivery.seq)) return 'blocked';
    const endpoint = await this.endpoints.findById(delivery.endpointId).lean<WebhookEndpointRecord>();
    if (!endpoint || !endpoint.active) {
      if (await this.store.abandon(delivery, endpoint ? 'endpoint deactivated' : 'endpoint deleted')) await this.scheduleNext(delivery);
      return 'dead';
    }
    // Nothing goes out on behalf of a revoked key: its endpoint stops with this delivery.
    if (await this.ownerKeys.isRevoked(endpoint.owner.keyId)) {
      await this.endpoints.updateOne({ _id: endpoint._id, active: true }, { $set: { active: false, updatedAt: new Date() } }).exec();
      if (await this.store.abandon(delivery, revokedReason(endpoint.owner.keyId!))) await this.scheduleNext(delivery);
      return 'dead';
    }
    const claimed = await this.store.claim(delivery, this.settings.timeoutMs + 5_000, now);
    if (!claimed) return 'skipped';

    const requestId = `req_${randomUUID()}`;
    const number = claimed.attempts + 1;
    const started = Date.now();
    // A selection left pending at fan-out is resolved now; until it can be, the attempt fails for
    // this delivery alone (waiting at least as long as the graph asked).
    const selected = claimed.pendingSelection ? await this.resolvePending(claimed, endpoint) : null;
    const payload = selected?.payload ?? claimed.payload;
    const outcome: HttpOutcome = selected?.error ? { statusCode: null, error: selected.error } : await this.post({ ...claimed, payload }, endpoint, number, requestId);
    const at = new Date();
    const attempt: WebhookAttemptRecord = { number, requestId, at, statusCode: outcome.statusCode, error: outcome.error, durationMs: Date.now() - started, manual: claimed.manualPending };
    const delivered = outcome.error === null;
    const failuresThisRound = number - claimed.roundStart;
    const dead = !delivered && failuresThisRound >= this.settings.maxAttempts;
    const delay = Math.max(backoffDelay(failuresThisRound, this.settings.backoffBaseMs, this.settings.backoffCapMs), selected?.retryAfterMs ?? 0);
    const next = delivered || dead ? null : new Date(at.getTime() + delay);
    const status = delivered ? 'DELIVERED' : dead ? 'DEAD' : 'FAILED';
    const resolvedNow = selected && !selected.error ? { payload, pendingSelection: null } : {};
    const recorded = await this.store.recordAttempt(claimed, attempt, { status, nextAttemptAt: next, deliveredAt: delivered ? at : claimed.deliveredAt, ...resolvedNow });
    if (!recorded) {
      // Changed under us (a redelivery raced the attempt): the record wins, the next sweep looks again.
      log.warn({ delivery: claimed._id, attempt: number }, 'attempt outcome not recorded: the delivery changed meanwhile');
      return 'skipped';
    }
    if (status === 'FAILED') await this.queue?.schedule({ _id: claimed._id, attempts: number, nextAttemptAt: next });
    else await this.scheduleNext(claimed);
    if (dead) log.warn({ delivery: claimed._id, endpoint: endpoint._id, attempts: number, error: outcome.error }, 'webhook delivery given up');
    return delivered ? 'delivered' : dead ? 'dead' : 'failed';
  }

  /** The payload with the endpoint's selection resolved as its owner, or why it cannot be yet. */
  private async resolvePending(delivery: WebhookDeliveryRecord, endpoint: WebhookEndpointRecord): Promise<{ payload?: Record<string, unknown>; error?: string; retryAfterMs?: number }> {
    const { entity, id, key } = delivery.pendingSelection!;
    // The endpoint dropped its selection meanwhile: the event goes as it is.
    if (!endpoint.selection) return { payload: delivery.payload };
    try {
      const selected = await this.graph.resolve(entity, id, endpoint.selection, ownerIdentity(endpoint.owner));
      const data = { ...((delivery.payload.data as Record<string, unknown> | undefined) ?? {}), [key]: selected.value, ...(selected.errors?.length ? { selectionErrors: selected.errors } : {}) };
      return { payload: { ...delivery.payload, data } };
    } catch (error) {
      const retryAfterSeconds = error instanceof SelectionUnavailableError ? error.retryAfterSeconds : undefined;
      return { error: `selection: ${(error as Error).message}`.slice(0, MAX_ERROR_LENGTH), retryAfterMs: (retryAfterSeconds ?? 0) * 1000 };
    }
  }

  /** After a delivery leaves the open statuses, the next one of its chain may go. */
  private async scheduleNext(done: WebhookDeliveryRecord): Promise<void> {
    const [next] = await this.store.openInChain(done.chainKey);
    if (next) await this.queue?.schedule(next, `after-${done._id}`);
  }

  private async post(delivery: WebhookDeliveryRecord, endpoint: WebhookEndpointRecord, attempt: number, requestId: string): Promise<HttpOutcome> {
    let secret: string;
    try {
      secret = this.box.open(endpoint.secretCiphertext, endpointSecretOwner(endpoint._id));
    } catch (error) {
      return { statusCode: null, error: (error as Error).message };
    }
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'OMS-Hub-Webhooks/1',
      'webhook-id': delivery._id,
      'x-oms-webhook-id': delivery._id,
      'x-oms-event-type': delivery.eventType,
      'x-oms-timestamp': String(timestamp),
      'x-oms-signature': signPayload(secret, timestamp, body),
      'x-oms-attempt': String(attempt),
      'x-oms-request-id': requestId,
    };
    return postDelivery(endpoint.url, headers, body, { timeoutMs: this.settings.timeoutMs, publicOnly: publicOnly(endpoint.owner, this.settings) });
  }
}
