// eBay orders through the sync engine into a real hub: an order whose payment is pending is held
// (nothing allocated) and released when eBay reports it paid; orders eBay ships itself are recorded as
// channel-fulfilled and never allocated; the delivery promise reaches the shipments; and the connector
// runs as a channel connection of the runtime, its published stock reconciled.
import { createConnectorContext, GraphHubSink, runOrdersSync } from '@oms/connector-kit';
import { ensureInventory } from '@oms/connector-kit/src/conformance';
import { ebayConnector, startEbaySimulator, type EbaySimulatorHandle } from '@oms/connector-ebay';
import { waitFor } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

const ORDER = `status awaitingPayment fulfilledBy
  promise { earliestShipAt latestShipAt latestDeliveryAt }
  lines { sku quantity }
  shipments { status shipBy deliverBy }`;

describe('eBay orders in the hub', () => {
  let hub: TestStack;
  let sim: EbaySimulatorHandle;
  const channel = 'ebay-us';

  beforeAll(async () => {
    hub = await startTestStack();
    sim = await startEbaySimulator({ orders: 8, ebayFulfilledEvery: 4, paymentPendingEvery: 5 });
    await ensureInventory({ gatewayUrl: hub.gatewayUrl, headers: {}, gql: (query, variables) => hub.gql(query, variables), stop: async () => undefined }, sim.skus);
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
    await hub?.stop();
  }, 60_000);

  const sync = (checkpoint: string | null) =>
    runOrdersSync({
      connector: ebayConnector,
      ctx: createConnectorContext({ connector: ebayConnector, config: sim.config, channel }),
      checkpoint,
      sink: new GraphHubSink({ url: hub.gatewayUrl, headers: { authorization: `Bearer ${hub.adminKey}` } }),
    });

  const hubOrder = async (channelOrderId: string) =>
    (await hub.data<{ orderByChannel: any }>(`query($channel: String!, $id: String!) { orderByChannel(channel: $channel, channelOrderId: $id) { ${ORDER} } }`, { channel, id: channelOrderId })).orderByChannel;

  it('holds an order whose payment is pending and releases it once eBay reports it paid', async () => {
    const pending = sim.orderIds()[4];
    expect(sim.store.order(pending).orderPaymentStatus).toBe('PENDING');
    const first = await sync(null);
    expect(first.outcomes).toMatchObject({ CREATED: 8, FAILED: 0 });
    expect(first.deadLettered).toBe(0);
    expect(await hubOrder(pending)).toMatchObject({ status: 'ON_HOLD', awaitingPayment: true, shipments: [] });

    sim.store.markPaid(pending);
    const second = await sync(first.checkpoint);
    expect(second.outcomes).toMatchObject({ RELEASED: 1, CREATED: 0, FAILED: 0 });
    const released = await hubOrder(pending);
    expect(released).toMatchObject({ status: 'ALLOCATED', awaitingPayment: false });
    expect(released.shipments.length).toBeGreaterThan(0);
  }, 60_000);

  it('records orders eBay ships itself as channel-fulfilled, never allocated', async () => {
    const shippedByEbay = sim.orderIds()[3];
    expect(sim.store.order(shippedByEbay).lineItems.every((line) => line.program?.fulfillmentProgram?.fulfilledBy === 'EBAY')).toBe(true);
    expect(await hubOrder(shippedByEbay)).toMatchObject({ status: 'CHANNEL_FULFILLED', fulfilledBy: 'CHANNEL', shipments: [] });
  });

  it('carries the ship-by date and the latest estimated delivery to the shipments', async () => {
    const id = sim.orderIds()[1];
    const ebay = sim.store.order(id);
    const order = await hubOrder(id);
    const shipBy = ebay.lineItems[0].lineItemFulfillmentInstructions!.shipByDate!;
    const deliverBy = ebay.fulfillmentStartInstructions![0].maxEstimatedDeliveryDate!;
    expect(order.fulfilledBy).toBe('MERCHANT');
    expect(order.promise).toEqual({ earliestShipAt: null, latestShipAt: shipBy, latestDeliveryAt: deliverBy });
    expect(order.shipments.length).toBeGreaterThan(0);
    expect(order.shipments.every((shipment: { shipBy: string; deliverBy: string }) => shipment.shipBy === shipBy && shipment.deliverBy === deliverBy)).toBe(true);
  });

  it('runs as a channel connection: added through the graph, synced by the runtime, its stock reconciled', async () => {
    const own = await startEbaySimulator({ orders: 4, seed: 7 });
    try {
      const added = await hub.data<{ addChannelConnection: { id: string; kind: string; config: Record<string, unknown> } }>(
        `mutation($input: AddChannelConnectionInput!) { addChannelConnection(input: $input) { id kind config } }`,
        { input: { name: 'eBay US', kind: 'ebay', channel: 'ebay-runtime', config: own.config, syncIntervalSeconds: 3600, skus: own.skus } },
      );
      const { id, config } = added.addChannelConnection;
      expect(config).toMatchObject({ clientSecret: '[redacted]', refreshToken: '[redacted]', clientId: own.config.clientId });
      const imported = await waitFor('the eBay orders in the hub', async () => {
        const { orders } = await hub.data<{ orders: { totalCount: number } }>(`query { orders(filter: { channel: ["ebay-runtime"] }, first: 1) { totalCount } }`);
        return orders.totalCount === 4 && orders.totalCount;
      }, 60_000);
      expect(imported).toBe(4);
      const { reconcileChannelStock } = await hub.data<{ reconcileChannelStock: { status: string; checked: number } }>(`mutation($id: ID!) { reconcileChannelStock(id: $id, dryRun: true) { status checked } }`, { id });
      expect(reconcileChannelStock.status).not.toBe('FAILED');
      expect(reconcileChannelStock.checked).toBeGreaterThan(0);
      expect(own.requests().some((request) => request.path === '/sell/inventory/v1/bulk_get_inventory_item' && request.status === 200)).toBe(true);
    } finally {
      await own.stop();
    }
  }, 90_000);
});
