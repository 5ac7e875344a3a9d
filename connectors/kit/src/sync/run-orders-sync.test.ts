// The sync loop with an in-memory connector and sink: what reaches the sink, what is dead-lettered,
// and that a checkpoint is reported only after its batch is in the hub.
import type { CanonicalOrder } from '../canonical';
import type { Connector, ConnectorContext, StreamBatch } from '../connector';
import { kitLogger } from '../logger';
import type { DeadLetterEntry, HubSink, UpsertOutcome } from './hub-sink';
import { runOrdersSync } from './run-orders-sync';

const order = (id: string): CanonicalOrder => ({
  channelOrderId: id,
  state: 'OPEN',
  currency: 'EUR',
  customer: { email: `${id}@example.com` },
  shippingAddress: { name: 'A', line1: '1 Main St', city: 'Berlin', countryCode: 'DE' },
  lines: [{ channelLineId: `${id}-1`, sku: 'SKU', quantity: 1, unitPrice: 100, tax: 0 }],
  shippingPrice: 0,
  discount: 0,
  placedAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

function connectorOf(batches: Array<StreamBatch<CanonicalOrder>>): Connector<unknown> {
  return {
    manifest: { id: 'fake', displayName: 'Fake', version: '0', capabilities: ['orders.read'], configSchema: {} as never, secretFields: [], rateLimit: { requestsPerSecond: 1, burst: 1, maxConcurrent: 1 } },
    check: async () => ({ ok: true }),
    streams: {
      orders: {
        name: 'orders',
        async *read(_ctx, checkpoint) {
          for (const batch of batches) if (checkpoint === null || batch.checkpoint > checkpoint) yield batch;
        },
      },
    },
    writers: {},
  };
}

class MemorySink implements HubSink {
  readonly log: string[] = [];
  readonly letters: DeadLetterEntry[] = [];
  constructor(private readonly refuse = new Set<string>()) {}
  async upsertOrders(_channel: string, orders: CanonicalOrder[]): Promise<UpsertOutcome[]> {
    this.log.push(`upsert ${orders.map((o) => o.channelOrderId).join(',')}`);
    return orders.map((o) => (this.refuse.has(o.channelOrderId) ? { channelOrderId: o.channelOrderId, outcome: 'FAILED', reason: 'BAD_USER_INPUT: no' } : { channelOrderId: o.channelOrderId, outcome: 'CREATED', hubOrderId: `h-${o.channelOrderId}` }));
  }
  async deadLetter(_channel: string, entries: DeadLetterEntry[]): Promise<void> {
    this.letters.push(...entries);
  }
}

const ctx: ConnectorContext<unknown> = { config: {}, channel: 'fake', http: { request: async () => Promise.reject(new Error('no http')) }, log: kitLogger('test') };

describe('runOrdersSync', () => {
  const batches: Array<StreamBatch<CanonicalOrder>> = [
    { checkpoint: 'c1', records: [{ ok: true, channelId: '1', record: order('1') }, { ok: false, channelId: '2', reason: 'lineItems[0].sku: is required', raw: { id: 2 } }] },
    { checkpoint: 'c2', records: [{ ok: true, channelId: '3', record: order('3') }, { ok: true, channelId: '4', record: order('4') }, { ok: true, channelId: '3', record: order('3') }] },
  ];

  it('imports good records, dead-letters unmappable and refused ones, and reports each checkpoint after its batch', async () => {
    const sink = new MemorySink(new Set(['4']));
    const reports: string[] = [];
    const result = await runOrdersSync({ connector: connectorOf(batches), ctx, checkpoint: null, sink, onBatch: (report) => void reports.push(`${report.checkpoint}:${report.imported}/${report.deadLettered} after ${sink.log.length} upserts`) });
    expect(sink.log).toEqual(['upsert 1', 'upsert 3,4']);
    expect(reports).toEqual(['c1:1/1 after 1 upserts', 'c2:1/1 after 2 upserts']);
    expect(sink.letters.map((letter) => [letter.channelId, letter.stage, letter.checkpoint])).toEqual([
      ['2', 'MAP', 'c1'],
      ['4', 'HUB', 'c2'],
    ]);
    expect(result).toMatchObject({ checkpoint: 'c2', batches: 2, read: 5, imported: 2, deadLettered: 2, aborted: false });
  });

  it('resumes after the saved checkpoint and stops cleanly when aborted', async () => {
    const sink = new MemorySink();
    const resumed = await runOrdersSync({ connector: connectorOf(batches), ctx, checkpoint: 'c1', sink });
    expect(sink.log).toEqual(['upsert 3,4']);
    expect(resumed.checkpoint).toBe('c2');

    const controller = new AbortController();
    const stopped = await runOrdersSync({ connector: connectorOf(batches), ctx, checkpoint: null, sink: new MemorySink(), signal: controller.signal, onBatch: () => controller.abort() });
    expect(stopped).toMatchObject({ batches: 1, checkpoint: 'c1', aborted: true });
  });

  it('reads the next page while the hub imports the current one, and no further ahead', async () => {
    const events: string[] = [];
    const pages: Array<StreamBatch<CanonicalOrder>> = ['c1', 'c2', 'c3'].map((checkpoint, index) => ({ checkpoint, records: [{ ok: true, channelId: String(index), record: order(String(index)) }] }));
    const connector = connectorOf([]);
    connector.streams.orders.read = async function* () {
      for (const page of pages) {
        events.push(`read ${page.checkpoint}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        yield page;
      }
    };
    const sink = new MemorySink();
    const upsert = sink.upsertOrders.bind(sink);
    sink.upsertOrders = async (channel, orders) => {
      events.push(`import ${orders[0].channelOrderId}`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      events.push(`imported ${orders[0].channelOrderId}`);
      return upsert(channel, orders);
    };
    const result = await runOrdersSync({ connector, ctx, checkpoint: null, sink, onBatch: (report) => void events.push(`saved ${report.checkpoint}`) });
    expect(result).toMatchObject({ checkpoint: 'c3', batches: 3, imported: 3 });
    expect(events).toEqual(['read c1', 'read c2', 'import 0', 'imported 0', 'saved c1', 'read c3', 'import 1', 'imported 1', 'saved c2', 'import 2', 'imported 2', 'saved c3']);
  });

  it('does not report the checkpoint of a batch the hub did not take', async () => {
    const sink = new MemorySink();
    sink.upsertOrders = async () => Promise.reject(new Error('hub unavailable'));
    const reports: string[] = [];
    await expect(runOrdersSync({ connector: connectorOf(batches), ctx, checkpoint: null, sink, onBatch: (report) => void reports.push(report.checkpoint) })).rejects.toThrow('hub unavailable');
    expect(reports).toEqual([]);
  });
});
