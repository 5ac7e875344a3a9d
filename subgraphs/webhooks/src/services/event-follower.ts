// The dispatcher's reading side: follows the orders, fulfillment and inventory logs from a cursor
// kept in this subgraph's database, woken by bus notices (a hint), by the next lease slot when
// another process holds a log's lease, and by a slow timer (the log is the truth, the timer only a
// safety net), and turns each event × matching endpoint into a delivery. The cursor moves only after
// a page is fanned out, and a delivery's id is derived from endpoint + event, so a page read twice
// creates nothing twice (at least once, idempotent). Several webhooks processes may follow the same
// logs: one at a time holds each log's lease (ConsumerCursors).
import { canAccessOrder, createLogger, decodeEventCursor, isInternal, type ConsumerCursors, type EventBus } from '@oms/platform';
import type { PendingSelection } from '../models/webhook-delivery.model';
import type { WebhookEndpointRecord } from '../models/webhook-endpoint.model';
import type { WebhookSettings } from '../settings';
import type { DeliveryQueue } from './delivery-sender';
import { deliveryIdOf, type DeliveryStore, type NewDelivery } from './delivery-store';
import { EVENT_LOGS, entityOfLog, logsOf, matchesAny, type EventLogName } from './event-catalog';
import { ownerIdentity, type EndpointService } from './endpoint.service';
import { inventoryDataFor, orderIdsToScope } from './event-scope';
import type { OwnerKeys } from './owner-keys';
import type { RemoteEvent, WebhookPeers } from './peers';
import type { GatewayGraph, ResolvedSelection } from './selection';

const log = createLogger('webhooks.dispatcher');

const PAGE_SIZE = 100;
/** A failed round is tried again after 1 s, 2 s, 4 s ... up to the follow interval. */
const RETRY_FIRST_MS = 1_000;
/** Selections resolved at once while fanning out a page. */
const RESOLVE_CONCURRENCY = 8;

interface Candidate {
  event: RemoteEvent;
  endpoint: WebhookEndpointRecord;
  seq: number;
  orderId: string | null;
  /** Id of the entity the selection is made on (order id, or SKU for stock events). */
  entityId: string | null;
  /** The event's payload as this endpoint may read it. */
  data: Record<string, unknown>;
}

export class EventFollower {
  private readonly rounds = new Map<EventLogName, { running: Promise<void>; again: boolean }>();
  /** Failed rounds in a row per log. */
  private readonly failures = new Map<EventLogName, number>();
  private readonly unsubscribe: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  /** Per log: a wake armed for when more can be read (the next lease slot, or more pages). */
  private readonly retryTimers = new Map<EventLogName, { timer: NodeJS.Timeout; at: number }>();
  private stopped = false;
  /**
   * Active endpoints, re-read at most once per follow interval (or at once after a change in this
   * process): every stored event wakes the follower, and most hubs have few endpoints or none.
   */
  private activeEndpoints: { at: number; list: Promise<WebhookEndpointRecord[]> } | null = null;

  constructor(
    private readonly endpoints: EndpointService,
    private readonly store: DeliveryStore,
    private readonly cursors: ConsumerCursors,
    private readonly peers: WebhookPeers,
    private readonly graph: GatewayGraph,
    private readonly queue: DeliveryQueue,
    private readonly settings: WebhookSettings,
    private readonly ownerKeys: OwnerKeys,
  ) {}

  start(bus: EventBus): void {
    for (const name of EVENT_LOGS) this.unsubscribe.push(bus.subscribe(name, () => this.wake(name)));
    this.timer = setInterval(() => this.wakeAll(), this.settings.followIntervalMs);
    this.timer.unref();
    this.wakeAll();
  }

  /** Reads every log now (an endpoint was registered or changed). */
  endpointsChanged(): void {
    this.activeEndpoints = null;
    this.wakeAll();
  }

  private wakeAll(): void {
    for (const name of EVENT_LOGS) this.wake(name);
  }

  private active(): Promise<WebhookEndpointRecord[]> {
    const now = Date.now();
    if (!this.activeEndpoints || now - this.activeEndpoints.at >= this.settings.followIntervalMs) {
      const list = this.endpoints.active();
      // A failed read is not cached.
      list.catch(() => (this.activeEndpoints = null));
      this.activeEndpoints = { at: now, list };
    }
    return this.activeEndpoints.list;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const { timer } of this.retryTimers.values()) clearTimeout(timer);
    this.retryTimers.clear();
    for (const off of this.unsubscribe.splice(0)) off();
    await Promise.all([...this.rounds.values()].map((round) => round.running));
  }

  private wake(name: EventLogName): void {
    if (this.stopped) return;
    const current = this.rounds.get(name);
    if (current) {
      current.again = true;
      return;
    }
    const round = { running: Promise.resolve(), again: false };
    round.running = this.follow(name)
      .then(
        () => {
          this.failures.delete(name);
        },
        (error) => {
          const failures = (this.failures.get(name) ?? 0) + 1;
          this.failures.set(name, failures);
          if (failures === 1) log.warn({ err: error, log: name }, 'webhook fan-out paused; retrying');
          // The timer is only a safety net: retry sooner, backing off.
          this.wakeLater(name, Math.min(this.settings.followIntervalMs, RETRY_FIRST_MS * 2 ** (failures - 1)));
        },
      )
      .finally(() => {
        this.rounds.delete(name);
        if (round.again) this.wake(name);
      });
    this.rounds.set(name, round);
  }

  private async follow(name: EventLogName): Promise<void> {
    // Only logs some active endpoint listens to are read; one registered later starts at its own
    // creation time, so skipping a log meanwhile loses nothing.
    const listening = (await this.active()).filter((endpoint) => logsOf(endpoint.eventTypes).has(name));
    if (listening.length === 0) return;
    // Endpoints registered with a key revoked since stop here, before any delivery is made for them.
    const revoked = await this.ownerKeys.revokedAmong(listening.map((endpoint) => endpoint.owner.keyId));
    const endpoints = listening.filter((endpoint) => !endpoint.owner.keyId || !revoked.has(endpoint.owner.keyId));
    if (endpoints.length < listening.length) {
      const stopped = await this.endpoints.deactivateRevoked(listening.filter((endpoint) => !endpoints.includes(endpoint)).map((endpoint) => endpoint._id));
      if (stopped > 0) log.info({ endpoints: stopped }, 'webhook endpoints of revoked API keys deactivated');
      this.activeEndpoints = null;
    }
    if (endpoints.length === 0) return;
    const outcome = await this.cursors.consume(
      name,
      (after, first) => this.peers.readEvents(name, after, Math.min(first, PAGE_SIZE)),
      (events) => this.fanOut(name, events, endpoints),
    );
    if (outcome.more) this.wakeLater(name, 0);
    else if (outcome.retryAt) this.wakeLater(name, outcome.retryAt - Date.now());
  }

  /** Wakes the log's follower after `delayMs`, unless a wake is armed sooner already. */
  private wakeLater(name: EventLogName, delayMs: number): void {
    const at = Date.now() + Math.max(0, delayMs);
    const armed = this.retryTimers.get(name);
    if (this.stopped || (armed && armed.at <= at)) return;
    if (armed) clearTimeout(armed.timer);
    const timer = setTimeout(() => {
      this.retryTimers.delete(name);
      this.wake(name);
    }, at - Date.now());
    timer.unref();
    this.retryTimers.set(name, { timer, at });
  }

  private async fanOut(name: EventLogName, events: RemoteEvent[], endpoints: WebhookEndpointRecord[]): Promise<void> {
    const orderIdOf = (event: RemoteEvent): string | null => {
      const id = name === 'orders' ? event.aggregateId : event.payload?.orderId;
      return name !== 'inventory' && typeof id === 'string' ? id : null;
    };
    const interesting = events.filter((event) => endpoints.some((endpoint) => matchesAny(endpoint.eventTypes, event.type)));
    if (interesting.length === 0) return;
    // Order events name their channel; fulfillment events only their order, whose channel is asked once.
    const unknownChannel = interesting.filter((event) => name !== 'inventory' && typeof event.payload?.channel !== 'string').map(orderIdOf).filter((id): id is string => !!id);
    // Stock events name orders of every channel: what a partner reads of them depends on the order's.
    const scoped = name === 'inventory' && endpoints.some((endpoint) => !isInternal(ownerIdentity(endpoint.owner))) ? orderIdsToScope(interesting.map((event) => event.payload)) : [];
    const toAsk = [...unknownChannel, ...scoped];
    const channels = toAsk.length ? await this.peers.orderChannels(toAsk) : new Map<string, string>();

    const candidates: Candidate[] = [];
    for (const event of interesting) {
      const orderId = orderIdOf(event);
      const channel = typeof event.payload?.channel === 'string' ? event.payload.channel : orderId ? (channels.get(orderId) ?? null) : null;
      const at = new Date(event.at);
      const seq = decodeEventCursor(event.cursor)?.seq ?? 0;
      const entityId = name === 'inventory' ? (typeof event.payload?.sku === 'string' ? event.payload.sku : null) : orderId;
      for (const endpoint of endpoints) {
        if (!matchesAny(endpoint.eventTypes, event.type) || at < endpoint.createdAt) continue;
        if (name !== 'inventory' && !channelAllowed(endpoint, channel)) continue;
        const stockOrderId = name === 'inventory' && typeof event.payload?.orderId === 'string' ? event.payload.orderId : null;
        const data = name === 'inventory' ? inventoryDataFor(endpoint, event.payload, stockOrderId ? (channels.get(stockOrderId) ?? null) : null) : { ...(event.payload ?? {}) };
        candidates.push({ event, endpoint, seq, orderId, entityId, data });
      }
    }
    const existing = await this.store.existingIds(candidates.map((c) => deliveryIdOf(c.endpoint._id, eventIdOf(name, c.seq))));
    const fresh = candidates.filter((c) => !existing.has(deliveryIdOf(c.endpoint._id, eventIdOf(name, c.seq))));
    if (fresh.length === 0) return;

    const payloads = await this.payloads(name, fresh);
    // In log order, so a chain's earlier delivery always exists before its later one.
    for (const [index, candidate] of fresh.entries()) {
      const delivery: NewDelivery = {
        endpointId: candidate.endpoint._id,
        eventId: eventIdOf(name, candidate.seq),
        eventType: candidate.event.type,
        eventCursor: candidate.event.cursor,
        log: name,
        seq: candidate.seq,
        chainKey: `${candidate.endpoint._id}|${name}|${candidate.orderId ?? candidate.event.aggregateId}`,
        orderId: candidate.orderId,
        payload: payloads[index].payload,
        pendingSelection: payloads[index].pendingSelection,
      };
      const created = await this.store.create(delivery);
      if (created) await this.queue.schedule(created);
    }
  }

  /**
   * `{ id, type, cursor, at, data: { ...event payload, order | item: <the endpoint's selection> } }`.
   * A selection that cannot be resolved now (its owner is rate limited, the graph is down) is left to
   * the sender as `pendingSelection`: one owner's trouble never holds the page for other endpoints.
   */
  private async payloads(name: EventLogName, candidates: Candidate[]): Promise<Array<{ payload: Record<string, unknown>; pendingSelection: PendingSelection | null }>> {
    const entity = entityOfLog(name);
    const key = entity === 'Order' ? 'order' : 'item';
    const resolved = new Map<string, Promise<ResolvedSelection | null>>();
    /** Owners refused for now: their other selections in this page are not even asked for. */
    const unavailableOwners = new Set<string>();
    const resolveOnce = (candidate: Candidate) => {
      const { endpoint, entityId } = candidate;
      const cacheKey = JSON.stringify([endpoint.owner, endpoint.selection, entityId]);
      let pending = resolved.get(cacheKey);
      if (!pending) {
        pending = unavailableOwners.has(endpoint.ownerSubject)
          ? Promise.resolve(null)
          : this.graph.resolve(entity, entityId!, endpoint.selection!, ownerIdentity(endpoint.owner)).catch((error: Error) => {
              unavailableOwners.add(endpoint.ownerSubject);
              log.info({ endpoint: endpoint._id, owner: endpoint.ownerName, err: error }, 'selection left to the sender');
              return null;
            });
        resolved.set(cacheKey, pending);
      }
      return pending;
    };
    const results: Array<{ payload: Record<string, unknown>; pendingSelection: PendingSelection | null }> = new Array(candidates.length);
    let next = 0;
    const worker = async () => {
      while (next < candidates.length) {
        const index = next++;
        const candidate = candidates[index];
        const { event, endpoint } = candidate;
        const data: Record<string, unknown> = { ...candidate.data };
        let pendingSelection: PendingSelection | null = null;
        if (endpoint.selection && candidate.entityId) {
          const selected = await resolveOnce(candidate);
          if (!selected) pendingSelection = { entity, id: candidate.entityId, key };
          else {
            data[key] = selected.value;
            if (selected.errors?.length) data.selectionErrors = selected.errors;
          }
        }
        const payload = { id: eventIdOf(name, candidate.seq), type: event.type, cursor: event.cursor, at: event.at, aggregateType: event.aggregateType, aggregateId: event.aggregateId, data };
        results[index] = { payload, pendingSelection };
      }
    };
    await Promise.all(Array.from({ length: Math.min(RESOLVE_CONCURRENCY, candidates.length) }, worker));
    return results;
  }
}

export function eventIdOf(name: string, seq: number): string {
  return `${name}:${seq}`;
}

/**
 * An endpoint gets an order's events only for its channels: a partner's, always within its own
 * channels; a back-office endpoint without channels, every channel (and orders whose channel is unknown).
 */
function channelAllowed(endpoint: WebhookEndpointRecord, channel: string | null): boolean {
  const owner = ownerIdentity(endpoint.owner);
  if (channel === null) return endpoint.channels.length === 0 && isInternal(owner);
  if (endpoint.channels.length === 0) return isInternal(owner);
  return endpoint.channels.includes(channel) && canAccessOrder(owner, { channel });
}
