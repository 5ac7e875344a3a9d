// The standard test suite every connector passes (a jest `describe` block): reading orders into a real
// hub through the sync engine and GraphHubSink, resuming, failures as the runtime must see them, and
// the writers as the channel's simulator records them.
import type { CanonicalOrder } from '../canonical';
import type { ConnectorContext } from '../connector';
import { createConnectorContext } from '../context';
import { ConnectorError } from '../errors';
import { GraphHubSink } from '../hub/graph-sink';
import { publishQuantity } from '../mappers';
import { runOrdersSync, type OrdersSyncResult } from '../sync/run-orders-sync';
import { availableInHub, ensureInventory, hubOrders, ordersByChannel } from './hub-fixtures';
import type { ConformanceHub, ConformanceOptions, ConformanceTarget, SimulatorHandle } from './types';

async function expectConnectorError(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }
  throw new Error('expected a ConnectorError, but the call succeeded');
}

export function describeConformance<TConfig>(name: string, target: ConformanceTarget<TConfig>, options: ConformanceOptions = {}): void {
  const { connector } = target;
  const prefix = options.channelPrefix ?? connector.manifest.id;
  const timeout = options.timeoutMs ?? 60_000;

  describe(`${name} connector conformance`, () => {
    let hub: ConformanceHub;
    const simulators: Array<SimulatorHandle<TConfig>> = [];
    const stocked = new Set<string>();
    let channelCounter = 0;

    beforeAll(async () => {
      hub = await target.startHub();
    }, 120_000);

    afterAll(async () => {
      await Promise.all(simulators.map((simulator) => simulator.stop().catch(() => undefined)));
      await hub?.stop();
    }, 60_000);

    const channelFor = (label: string) => `${prefix}-${label}-${++channelCounter}`;

    async function simulator(orders: number, pageSize?: number): Promise<SimulatorHandle<TConfig>> {
      const sim = await target.startSimulator({ orders, pageSize });
      simulators.push(sim);
      const missing = sim.skus.filter((sku) => !stocked.has(sku));
      if (missing.length) {
        await ensureInventory(hub, missing);
        missing.forEach((sku) => stocked.add(sku));
      }
      return sim;
    }

    function context(config: TConfig, channel: string, signal?: AbortSignal): ConnectorContext<TConfig> {
      return createConnectorContext({ connector, config, channel, signal });
    }

    function sink(): GraphHubSink {
      return new GraphHubSink({ url: hub.gatewayUrl, headers: hub.headers });
    }

    async function sync(sim: SimulatorHandle<TConfig>, channel: string, checkpoint: string | null = null, hubSink = sink()): Promise<OrdersSyncResult & { sink: GraphHubSink }> {
      const result = await runOrdersSync({ connector, ctx: context(sim.config, channel), checkpoint, sink: hubSink });
      return { ...result, sink: hubSink };
    }

    async function readAll(sim: SimulatorHandle<TConfig>, channel: string, checkpoint: string | null) {
      const batches: Array<{ ids: string[]; checkpoint: string; records: CanonicalOrder[] }> = [];
      for await (const batch of connector.streams.orders.read(context(sim.config, channel), checkpoint)) {
        batches.push({ ids: batch.records.map((record) => record.channelId), checkpoint: batch.checkpoint, records: batch.records.flatMap((record) => (record.ok ? [record.record] : [])) });
      }
      return batches;
    }

    it('check passes with the simulator credentials', async () => {
      const sim = await simulator(1);
      await expect(connector.check(context(sim.config, channelFor('check')))).resolves.toMatchObject({ ok: true });
    }, timeout);

    it('check with bad credentials fails with AUTH and a message naming the credential', async () => {
      const sim = await simulator(1);
      const error = await expectConnectorError(connector.check(context(sim.badCredentialsConfig, channelFor('check-bad'))));
      expect(error.kind).toBe('AUTH');
      expect(error.parksConnection).toBe(true);
      expect(connector.manifest.secretFields.some((field) => error.message.includes(field))).toBe(true);
    }, timeout);

    it('a full read imports every order once', async () => {
      const sim = await simulator(8, 3);
      const channel = channelFor('full');
      const result = await sync(sim, channel);
      expect(result.outcomes).toEqual({ CREATED: 8, UNCHANGED: 0, RELEASED: 0, CANCELLED: 0, FAILED: 0 });
      expect(result.deadLettered).toBe(0);
      const { totalCount, orders } = await hubOrders(hub, channel);
      expect(totalCount).toBe(8);
      expect(orders.map((order) => order.channelOrderId).sort()).toEqual([...sim.orderIds()].sort());
      const byChannel = await ordersByChannel(hub, channel, sim.orderIds());
      expect(byChannel.every((order) => order && order.lines.length > 0 && order.lines.every((line) => sim.skus.includes(line.sku)))).toBe(true);
    }, timeout);

    it('pagination crosses page boundaries without losing or repeating orders', async () => {
      const sim = await simulator(30, 7);
      const batches = await readAll(sim, channelFor('pages'), null);
      const ids = batches.flatMap((batch) => batch.ids);
      expect(batches.length).toBeGreaterThanOrEqual(5);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual([...sim.orderIds()].sort());
    }, timeout);

    it('an incremental read from a saved checkpoint returns only orders changed after it', async () => {
      const sim = await simulator(6, 4);
      const channel = channelFor('incremental');
      const first = await sync(sim, channel);
      expect(first.checkpoint).toEqual(expect.any(String));
      const added = await sim.addOrders(3);
      const cancelled = sim.orderIds().find((id) => !added.includes(id))!;
      sim.cancelOrder(cancelled);
      const batches = await readAll(sim, channel, first.checkpoint);
      expect(batches.flatMap((batch) => batch.ids).sort()).toEqual([...added, cancelled].sort());
      const again = await readAll(sim, channel, batches[batches.length - 1].checkpoint);
      expect(again.flatMap((batch) => batch.ids)).toEqual([]);
    }, timeout);

    it('resumes after a crash mid-sync: every order exists once, none missing', async () => {
      const sim = await simulator(14, 4);
      const channel = channelFor('crash');
      let saved: string | null = null;
      const crashing = runOrdersSync({
        connector,
        ctx: context(sim.config, channel),
        checkpoint: null,
        sink: sink(),
        onBatch: ({ checkpoint, batch }) => {
          // Batch 3 reached the hub, but the process dies before its checkpoint is saved.
          if (batch === 3) throw new Error('simulated crash before saving the checkpoint');
          saved = checkpoint;
        },
      });
      await expect(crashing).rejects.toThrow('simulated crash');
      expect(saved).not.toBeNull();
      // The channel is flaky on the way back too: a 503 and a dropped connection are retried.
      sim.faults.failNext(1, 503);
      sim.faults.crashAfterRequests(1);
      const resumed = await sync(sim, channel, saved);
      expect(resumed.outcomes.FAILED).toBe(0);
      expect(resumed.outcomes.UNCHANGED).toBeGreaterThanOrEqual(1);
      const { totalCount, orders } = await hubOrders(hub, channel);
      expect(totalCount).toBe(14);
      expect(new Set(orders.map((order) => order.channelOrderId)).size).toBe(14);
      expect((await ordersByChannel(hub, channel, sim.orderIds())).every(Boolean)).toBe(true);
    }, timeout);

    it('honours 429 Retry-After before retrying', async () => {
      const sim = await simulator(3);
      sim.faults.rateLimitNext(1, 1);
      const started = Date.now();
      const batches = await readAll(sim, channelFor('429'), null);
      expect(batches.flatMap((batch) => batch.ids)).toHaveLength(3);
      const requests = sim.requests();
      const limited = requests.findIndex((request) => request.status === 429);
      expect(limited).toBeGreaterThanOrEqual(0);
      const retry = requests[limited + 1];
      expect(retry).toBeDefined();
      if (requests[limited].at !== undefined && retry.at !== undefined) expect(retry.at - requests[limited].at!).toBeGreaterThanOrEqual(1000);
      else expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    }, timeout);

    it('401 parks the connection: AUTH naming the credential, nothing imported', async () => {
      const sim = await simulator(3);
      const channel = channelFor('auth');
      const hubSink = sink();
      const error = await expectConnectorError(runOrdersSync({ connector, ctx: context(sim.badCredentialsConfig, channel), checkpoint: null, sink: hubSink }));
      expect(error.kind).toBe('AUTH');
      expect(error.parksConnection).toBe(true);
      expect(error.retryable).toBe(false);
      expect(connector.manifest.secretFields.some((field) => error.message.includes(field))).toBe(true);
      expect(sim.requests().some((request) => request.status === 401 || request.status === 403)).toBe(true);
      expect((await hubOrders(hub, channel)).totalCount).toBe(0);
    }, timeout);

    it('dead-letters a malformed record with a reason and imports the rest', async () => {
      const sim = await simulator(6, 3);
      const channel = channelFor('malformed');
      const bad = sim.orderIds()[4];
      sim.corruptOrder(bad);
      const result = await sync(sim, channel);
      expect(result.deadLettered).toBe(1);
      expect(result.outcomes.CREATED).toBe(5);
      const [letter] = result.sink.deadLetters();
      expect(letter).toMatchObject({ channel, channelId: bad, reason: expect.stringMatching(/\S{3,}/) });
      const { totalCount, orders } = await hubOrders(hub, channel);
      expect(totalCount).toBe(5);
      expect(orders.some((order) => order.channelOrderId === bad)).toBe(false);
    }, timeout);

    it('an order the hub refuses is dead-lettered with the hub\'s reason; the rest of the batch is imported', async () => {
      const sim = await simulator(3);
      const channel = channelFor('refused');
      const [first, second, third] = (await readAll(sim, channel, null)).flatMap((batch) => batch.records);
      const refused = { ...second, lines: second.lines.map((line, index) => (index === 0 ? { ...line, sku: 'NOT-IN-THE-HUB' } : line)) };
      // One mutation request for the three: the refusal in the middle must not cost the others.
      const hubSink = new GraphHubSink({ url: hub.gatewayUrl, headers: hub.headers, parallelism: 1 });
      const outcomes = await hubSink.upsertOrders(channel, [first, refused, third]);
      expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['CREATED', 'FAILED', 'CREATED']);
      expect(outcomes[1].reason).toMatch(/BAD_USER_INPUT.*NOT-IN-THE-HUB/);
      const byChannel = await ordersByChannel(hub, channel, [first.channelOrderId, second.channelOrderId, third.channelOrderId]);
      expect(byChannel.map(Boolean)).toEqual([true, false, true]);
    }, timeout);

    it('re-importing the same orders changes nothing in the hub', async () => {
      const sim = await simulator(5, 3);
      const channel = channelFor('reimport');
      await sync(sim, channel);
      const before = await hubOrders(hub, channel);
      const again = await sync(sim, channel, null);
      expect(again.outcomes).toEqual({ CREATED: 0, UNCHANGED: 5, RELEASED: 0, CANCELLED: 0, FAILED: 0 });
      const after = await hubOrders(hub, channel);
      expect(after.totalCount).toBe(5);
      const byId = (list: typeof before.orders) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(after.orders)).toEqual(byId(before.orders));
    }, timeout);

    it('cancelling on the channel cancels the hub order', async () => {
      const sim = await simulator(3);
      const channel = channelFor('cancel');
      const first = await sync(sim, channel);
      const target = sim.orderIds()[1];
      sim.cancelOrder(target);
      const second = await sync(sim, channel, first.checkpoint);
      expect(second.outcomes.CANCELLED).toBe(1);
      const [order] = await ordersByChannel(hub, channel, [target]);
      expect(order?.status).toBe('CANCELLED');
      const others = await ordersByChannel(hub, channel, sim.orderIds().filter((id) => id !== target));
      expect(others.every((other) => other && other.status !== 'CANCELLED')).toBe(true);
      const third = await sync(sim, channel, null);
      expect(third.outcomes.CANCELLED).toBe(0);
      expect(third.outcomes.UNCHANGED).toBe(3);
    }, timeout);

    it('the stock writer publishes available − buffer, never below zero', async () => {
      if (!connector.writers.setStock) return void expect(connector.manifest.capabilities).not.toContain('stock.write');
      const sim = await simulator(1);
      const ctx = context(sim.config, channelFor('stock'));
      const [first, second] = sim.skus;
      const available = await availableInHub(hub, first);
      await connector.writers.setStock(ctx, [
        { sku: first, quantity: publishQuantity(available, 5) },
        { sku: second, quantity: publishQuantity(3, 5) },
      ]);
      expect(sim.stockOf(first)).toBe(available - 5);
      expect(sim.stockOf(second)).toBe(0);
      await connector.writers.setStock(ctx, [{ sku: first, quantity: 42 }]);
      expect(sim.stockOf(first)).toBe(42);
    }, timeout);

    it('the fulfillment writer shows tracking on the channel, once per shipment', async () => {
      if (!connector.writers.createFulfillment) return void expect(connector.manifest.capabilities).not.toContain('fulfillment.write');
      const sim = await simulator(2);
      const channel = channelFor('fulfil');
      const [batch] = await readAll(sim, channel, null);
      const order = batch.records[0];
      const ctx = context(sim.config, channel);
      const fulfillment = {
        channelOrderId: order.channelOrderId,
        shipmentId: `shp-${order.channelOrderId}`,
        lines: order.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, channelLineId: line.channelLineId })),
        carrier: 'DHL',
        trackingNumber: `TRK${order.channelOrderId}`,
        trackingUrl: `https://track.example.com/TRK${order.channelOrderId}`,
        shippedAt: new Date().toISOString(),
      };
      await connector.writers.createFulfillment(ctx, fulfillment);
      expect(sim.fulfillmentsOf(order.channelOrderId)).toEqual([expect.objectContaining({ trackingNumber: fulfillment.trackingNumber, carrier: 'DHL' })]);
      await connector.writers.createFulfillment(ctx, fulfillment);
      expect(sim.fulfillmentsOf(order.channelOrderId)).toHaveLength(1);
    }, timeout);
  });
}
