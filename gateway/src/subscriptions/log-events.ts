// Reads the subgraphs' durable event logs for the subscription server: which subgraph owns which log,
// and one page of it (straight to the owning subgraph, signed as the gateway's service identity).
// The tailers read as internal work (live delivery); replays read through ReplayReader, gently.
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { decodeEventCursor, encodeEventCursor, GraphqlClient, OmsError, serviceIdentity, type AdmissionClass, type AdmissionController, type StoredEvent } from '@oms/platform';
import type { SubgraphName } from '../supergraph';

export const LOG_NAMES = ['orders', 'inventory', 'fulfillment'] as const;
export type LogName = (typeof LOG_NAMES)[number];

/** The subgraph that owns each log and the query field that pages through it. */
const LOG_SOURCES: Record<LogName, { subgraph: SubgraphName; field: string }> = {
  orders: { subgraph: 'orders', field: 'orderEvents' },
  inventory: { subgraph: 'inventory', field: 'inventoryEvents' },
  fulfillment: { subgraph: 'fulfillment', field: 'fulfillmentEvents' },
};

/** One stored event, whichever way it reached the gateway (a bus notice or a page of the log). */
export interface LogEvent {
  log: LogName;
  seq: number;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  actor: string;
  at: Date;
}

export interface LogPage {
  events: LogEvent[];
  /** The last position the subgraph looked at (past events a `types` filter left out). */
  position: number;
  hasMore: boolean;
}

/**
 * A type no event has: asking for it makes a page scan the log without returning events, so the
 * head of a log is found without transferring its payloads.
 */
const NO_EVENT_TYPE = 'oms.gateway.head_probe';

export function fromNotice(log: LogName, event: StoredEvent): LogEvent {
  return { log, seq: event.seq, type: event.type, aggregateType: event.aggregateType, aggregateId: event.aggregateId, payload: event.payload ?? {}, actor: event.actor, at: new Date(event.at) };
}

export function eventCursor(event: LogEvent): string {
  return encodeEventCursor(event.log, event.seq);
}

interface RemoteEvent {
  cursor: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  at: string;
  actor: string;
  payload: Record<string, unknown> | null;
}

interface RemotePage {
  page: { events: RemoteEvent[]; cursor: string | null; hasMore: boolean };
}

export class EventLogReader {
  private readonly clients: Record<LogName, GraphqlClient>;

  constructor(subgraphUrls: () => Record<SubgraphName, string>, priority: AdmissionClass = 'internal') {
    const client = (log: LogName) =>
      new GraphqlClient({ service: LOG_SOURCES[log].subgraph, url: () => subgraphUrls()[LOG_SOURCES[log].subgraph], identity: serviceIdentity('gateway'), timeoutMs: 10_000, priority });
    this.clients = { orders: client('orders'), inventory: client('inventory'), fulfillment: client('fulfillment') };
  }

  /** Events after `afterSeq`, oldest first (at most `first`, 1..1000). */
  async page(log: LogName, afterSeq: number, first: number, types?: string[]): Promise<LogPage> {
    const query = `query GatewayEventPage($after: String, $first: Int, $types: [String!]) {
      page: ${LOG_SOURCES[log].field}(after: $after, first: $first, types: $types) {
        events { cursor type aggregateType aggregateId at actor payload } cursor hasMore } }`;
    const after = afterSeq > 0 ? encodeEventCursor(log, afterSeq) : null;
    const { page } = await this.clients[log].request<RemotePage>(query, { after, first, types: types ?? null });
    const events = page.events.map((event) => ({
      log,
      seq: decodeEventCursor(event.cursor)?.seq ?? 0,
      type: event.type,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      payload: event.payload ?? {},
      actor: event.actor,
      at: new Date(event.at),
    }));
    const position = page.cursor ? (decodeEventCursor(page.cursor)?.seq ?? afterSeq) : afterSeq;
    return { events, position: Math.max(position, afterSeq), hasMore: page.hasMore };
  }

  /** The last stored position of a log, found by scanning it without reading payloads. */
  async head(log: LogName, from = 0): Promise<number> {
    let position = from;
    for (;;) {
      const page = await this.page(log, position, 1000, [NO_EVENT_TYPE]);
      if (page.position <= position) return position;
      position = page.position;
    }
  }
}

const REFUSALS_WAITED_OUT = 5;

/**
 * Pages for replays (`after:`): at most a few pages read at once by the whole gateway (`limiter`),
 * asked of the subgraph as client work (internal calls go first there), a turn of the event loop
 * given up after each page, and a subgraph's refusal waited out as it asks (a few times) instead of
 * failing the subscription. A replay from the start of a huge log therefore advances steadily without
 * starving live delivery or the subgraphs' own work.
 */
export class ReplayReader extends EventLogReader {
  constructor(
    subgraphUrls: () => Record<SubgraphName, string>,
    private readonly limiter: AdmissionController,
  ) {
    super(subgraphUrls, 'client');
  }

  override async page(log: LogName, afterSeq: number, first: number, types?: string[]): Promise<LogPage> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const page = await this.limiter.run('client', () => super.page(log, afterSeq, first, types));
        await yieldToOthers();
        return page;
      } catch (error) {
        const hint = error instanceof OmsError && error.code === 'UNAVAILABLE' ? error.extensions.retryAfterSeconds : undefined;
        if (typeof hint !== 'number' || attempt >= REFUSALS_WAITED_OUT) throw error;
        await new Promise((resolve) => setTimeout(resolve, hint * 1000 * (0.5 + Math.random())).unref());
      }
    }
  }
}
