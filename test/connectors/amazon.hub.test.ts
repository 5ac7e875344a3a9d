// Amazon orders through the sync engine into a real hub: a Pending order is held (awaiting payment,
// nothing allocated) and released when Amazon moves it to Unshipped; AFN orders are recorded as
// channel-fulfilled and never allocated; the delivery promise reaches the shipments; Amazon Business
// purchase-order numbers are kept.
import { createConnectorContext, GraphHubSink, runOrdersSync } from '@oms/connector-kit';
import { ensureInventory } from '@oms/connector-kit/src/conformance';
import { amazonConnector, startAmazonSimulator, type AmazonSimulatorHandle } from '@oms/connector-amazon';
import { waitFor } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

const ORDER = `status awaitingPayment holdReasons fulfilledBy purchaseOrderNumber
  promise { earliestShipAt latestShipAt latestDeliveryAt }
  lines { sku quantity }
  shipments { status shipBy deliverBy }`;

describe('Amazon orders in the hub', () => {
  let hub: TestStack;
  let sim: AmazonSimulatorHandle;
  const channel = 'amazon-de';

  beforeAll(async () => {
    hub = await startTestStack();
    sim = await startAmazonSimulator({ orders: 8 });
    await ensureInventory({ gatewayUrl: hub.gatewayUrl, headers: {}, gql: (query, variables) => hub.gql(query, variables), stop: async () => undefined }, sim.skus);
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
    await hub?.stop();
  }, 60_000);

  const sync = (checkpoint: string | null) =>
    runOrdersSync({
      connector: amazonConnector,
      ctx: createConnectorContext({ connector: amazonConnector, config: sim.config, channel }),
      checkpoint,
      sink: new GraphHubSink({ url: hub.gatewayUrl, headers: { authorization: `Bearer ${hub.adminKey}` } }),
    });

  const hubOrder = async (channelOrderId: string) =>
    (await hub.data<{ orderByChannel: any }>(`query($channel: String!, $id: String!) { orderByChannel(channel: $channel, channelOrderId: $id) { ${ORDER} } }`, { channel, id: channelOrderId })).orderByChannel;

  it('imports, holds a Pending order, and releases it when Amazon moves it to Unshipped', async () => {
    const [pending] = sim.store.addOrders(1, 'Pending');
    const first = await sync(null);
    expect(first.outcomes).toMatchObject({ CREATED: 9, FAILED: 0 });
    expect(first.deadLettered).toBe(0);

    const held = await hubOrder(pending);
    expect(held).toMatchObject({ status: 'ON_HOLD', awaitingPayment: true, shipments: [] });

    sim.setOrderStatus(pending, 'Unshipped');
    const second = await sync(first.checkpoint);
    expect(second.outcomes).toMatchObject({ RELEASED: 1, CREATED: 0, FAILED: 0 });
    const released = await hubOrder(pending);
    expect(released).toMatchObject({ status: 'ALLOCATED', awaitingPayment: false });
    expect(released.shipments.length).toBeGreaterThan(0);

    // Nothing changed since: a further sync releases nothing again.
    const third = await sync(second.checkpoint);
    expect(third.outcomes).toMatchObject({ RELEASED: 0, CREATED: 0 });
  }, 60_000);

  it('records AFN orders as channel-fulfilled, never allocated', async () => {
    const afn = sim.orderIds()[4];
    expect(sim.store.get(afn).order.FulfillmentChannel).toBe('AFN');
    expect(await hubOrder(afn)).toMatchObject({ status: 'CHANNEL_FULFILLED', fulfilledBy: 'CHANNEL', shipments: [] });
  });

  it('carries the delivery promise to the shipments and keeps the Amazon Business PO number', async () => {
    const id = sim.orderIds()[3];
    const { order: amazon } = sim.store.get(id);
    const order = await hubOrder(id);
    const iso = (value?: string) => new Date(value!).toISOString();
    expect(order.purchaseOrderNumber).toBe(amazon.PurchaseOrderNumber);
    expect(order.fulfilledBy).toBe('MERCHANT');
    expect(order.promise).toEqual({ earliestShipAt: iso(amazon.EarliestShipDate), latestShipAt: iso(amazon.LatestShipDate), latestDeliveryAt: iso(amazon.LatestDeliveryDate) });
    expect(order.shipments.length).toBeGreaterThan(0);
    expect(order.shipments.every((shipment: { shipBy: string; deliverBy: string }) => shipment.shipBy === iso(amazon.LatestShipDate) && shipment.deliverBy === iso(amazon.LatestDeliveryDate))).toBe(true);
  });

  it('runs as a channel connection: added through the graph, synced by the runtime, its stock reconciled', async () => {
    const own = await startAmazonSimulator({ orders: 4, seed: 7 });
    try {
      const added = await hub.data<{ addChannelConnection: { id: string; kind: string; config: Record<string, unknown> } }>(
        `mutation($input: AddChannelConnectionInput!) { addChannelConnection(input: $input) { id kind config } }`,
        { input: { name: 'Amazon DE', kind: 'amazon', channel: 'amazon-runtime', config: own.config, syncIntervalSeconds: 3600, skus: own.skus } },
      );
      const { id, config } = added.addChannelConnection;
      expect(config).toMatchObject({ clientSecret: '[redacted]', refreshToken: '[redacted]', sellerId: own.config.sellerId });
      const imported = await waitFor('the Amazon orders in the hub', async () => {
        const { orders } = await hub.data<{ orders: { totalCount: number } }>(`query { orders(filter: { channel: ["amazon-runtime"] }, first: 1) { totalCount } }`);
        return orders.totalCount === 4 && orders.totalCount;
      }, 60_000);
      expect(imported).toBe(4);
      const { reconcileChannelStock } = await hub.data<{ reconcileChannelStock: { status: string; checked: number; notInHub: number } }>(`mutation($id: ID!) { reconcileChannelStock(id: $id, dryRun: true) { status checked notInHub } }`, { id });
      expect(reconcileChannelStock.status).not.toBe('FAILED');
      expect(reconcileChannelStock.checked).toBeGreaterThan(0);
      expect(own.requests().some((request) => request.operation === 'getListingsItem' && request.status === 200)).toBe(true);
    } finally {
      await own.stop();
    }
  }, 90_000);
});
