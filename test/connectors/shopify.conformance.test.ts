// The kit's standard connector suite against the Shopify connector, its simulator and a real hub; then
// what is Shopify's own: cost-based throttling (THROTTLED in a 200 or a 429), the single-query cost
// limit, and signed, de-duplicated webhooks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createConnectorContext, type CanonicalOrder } from '@oms/connector-kit';
import { describeConformance, type ConformanceHub } from '@oms/connector-kit/src/conformance';
import { createShopifyWebhookReceiver, shopifyConnector, startShopifySimulator, type ShopifySimulatorHandle } from '@oms/connector-shopify';
import { startTestStack } from '../support/stack';

describeConformance('shopify', {
  connector: shopifyConnector,
  // A restore rate above the standard plan's keeps the suite quick; throttling itself is tested below.
  startSimulator: (options) => startShopifySimulator({ ...options, restoreRate: 1000 }),
  startHub: async (): Promise<ConformanceHub> => {
    const hub = await startTestStack();
    return {
      gatewayUrl: hub.gatewayUrl,
      headers: hub.adminKey ? { authorization: `Bearer ${hub.adminKey}` } : ({} as Record<string, string>),
      gql: (query: string, variables?: object) => hub.gql(query, variables),
      stop: () => hub.stop(),
    };
  },
});

describe('shopify connector specifics', () => {
  const started: ShopifySimulatorHandle[] = [];
  afterAll(async () => {
    await Promise.all(started.map((sim) => sim.stop()));
  });
  const simulator = async (options: Parameters<typeof startShopifySimulator>[0]) => {
    const sim = await startShopifySimulator(options);
    started.push(sim);
    return sim;
  };
  const context = (sim: ShopifySimulatorHandle) => createConnectorContext({ connector: shopifyConnector, config: sim.config, channel: 'shopify' });

  async function readIds(sim: ShopifySimulatorHandle): Promise<string[]> {
    const ids: string[] = [];
    for await (const batch of shopifyConnector.streams.orders.read(context(sim), null)) ids.push(...batch.records.map((record) => record.channelId));
    return ids;
  }

  it.each([200, 429] as const)('waits out cost throttling (THROTTLED with HTTP %s) and reads every order', async (throttleStatus) => {
    // Another client of the app emptied the bucket: the first page (~400 points) is throttled until it refills.
    const sim = await simulator({ orders: 40, pageSize: 10, maxCost: 1000, restoreRate: 500, throttleStatus });
    sim.drainCost(1000);
    const ids = await readIds(sim);
    expect(new Set(ids).size).toBe(40);
    expect(sim.throttledCount()).toBeGreaterThanOrEqual(1);
  });

  it('shrinks pages that exceed the single-query cost limit', async () => {
    const sim = await simulator({ orders: 12, pageSize: 20, maxCost: 300, restoreRate: 10_000 });
    const ids = await readIds(sim);
    expect([...ids].sort()).toEqual(sim.orderIds().sort());
    const firsts = sim.requests().filter((request) => (request.body as { operationName?: string })?.operationName === 'OmsOrders').map((request) => (request.body as { variables: { first: number } }).variables.first);
    expect(Math.min(...firsts)).toBeLessThan(Math.max(...firsts));
  });

  describe('webhooks', () => {
    let receiver: http.Server;
    let received: Array<{ headers: Record<string, string | undefined>; rawBody: Buffer }> = [];

    beforeAll(async () => {
      receiver = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          received.push({ headers: req.headers as Record<string, string | undefined>, rawBody: Buffer.concat(chunks) });
          res.writeHead(200).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
    beforeEach(() => {
      received = [];
    });

    it('verifies signed order webhooks, maps them like the API read, and drops redeliveries', async () => {
      const sim = await simulator({ orders: 2, webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/shopify` });
      const [id] = await sim.addOrders(1);
      await sim.webhooksSettled();
      expect(received).toHaveLength(1);
      const ctx = context(sim);
      const receive = createShopifyWebhookReceiver();
      const outcome = await receive(ctx, received[0]);
      expect(outcome).toMatchObject({ duplicate: false, topic: 'orders/create', deliveryId: sim.webhookDeliveries()[0].webhookId });
      const fromWebhook = outcome.duplicate ? undefined : outcome.records[0];

      const fromApi: CanonicalOrder[] = [];
      for await (const batch of shopifyConnector.streams.orders.read(ctx, null)) fromApi.push(...batch.records.flatMap((record) => (record.ok ? [record.record] : [])));
      expect(fromWebhook).toEqual({ ok: true, channelId: id, record: fromApi.find((order) => order.channelOrderId === id) });

      sim.redeliverWebhook(sim.webhookDeliveries()[0].webhookId);
      await sim.webhooksSettled();
      expect(received).toHaveLength(2);
      await expect(receive(ctx, received[1])).resolves.toEqual({ duplicate: true, deliveryId: sim.webhookDeliveries()[0].webhookId });
    });

    it('refuses a webhook whose body was altered, and reports cancellations as CANCELLED', async () => {
      const sim = await simulator({ orders: 2, webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/shopify` });
      sim.cancelOrder(sim.orderIds()[0]);
      await sim.webhooksSettled();
      expect(received.map((delivery) => delivery.headers['x-shopify-topic'])).toEqual(['orders/cancelled', 'orders/updated']);
      const ctx = context(sim);
      const tampered = { headers: received[0].headers, rawBody: Buffer.from(received[0].rawBody.toString('utf8').replace('"quantity":', '"quantity":9')) };
      expect(() => shopifyConnector.webhooks!.verify(sim.config, tampered)).toThrow(expect.objectContaining({ kind: 'AUTH' }));
      expect(() => shopifyConnector.webhooks!.verify({ ...sim.config, webhookSecret: 'another-secret' }, received[0])).toThrow(/webhookSecret/);
      shopifyConnector.webhooks!.verify(sim.config, received[0]);
      const parsed = await shopifyConnector.webhooks!.parse(ctx, received[0]);
      expect(parsed.records[0]).toMatchObject({ ok: true, record: { channelOrderId: sim.orderIds()[0], state: 'CANCELLED' } });
    });
  });
});
