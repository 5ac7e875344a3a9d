// `npm start` demo of the connector runtime: the Shopify, Magento and PrestaShop simulators with a
// few orders each, one channel connection per simulator (added through the graph on first start,
// pointed at the simulators again on later starts), and a new order on one of them every few
// seconds (OMS_DEMO_ORDER_INTERVAL_MS). OMS_DEMO_CHANNELS=false turns it off (scripts/start.ts).
import { join } from 'node:path';
import { startAmazonSimulator } from '@oms/connector-amazon';
import { startEbaySimulator } from '@oms/connector-ebay';
import { startErpWmsSimulator } from '@oms/connector-erp-wms';
import { startMagentoSimulator } from '@oms/connector-magento';
import { startPrestashopSimulator } from '@oms/connector-prestashop';
import { startShopifySimulator } from '@oms/connector-shopify';
import type { SimulatorHandle } from '@oms/connector-kit';
import { dataDir, internalHeaders, serviceIdentity } from '@oms/platform';
import type { Stack } from '@oms/stack';

type Progress = (message: string) => void;

const SEEDED_ORDERS = 3;
const DEMO_LOCATION = { code: 'CHANNELS-DEMO', name: 'Channels demo warehouse', kind: 'WAREHOUSE', priority: 5, address: { line1: 'Am Borsigturm 100', city: 'Berlin', countryCode: 'DE', lat: 52.5869, lng: 13.2836 } };

interface DemoChannel {
  kind: 'shopify' | 'magento' | 'prestashop' | 'amazon' | 'ebay' | 'erp-wms';
  channel: string;
  /** Preferred simulator port (another is chosen when taken). */
  port: number;
  start(port: number): Promise<SimulatorHandle<unknown> & { registerWebhook?(url: string | undefined): void }>;
}

const DEMO_CHANNELS: DemoChannel[] = [
  { kind: 'shopify', channel: 'shopify-sim', port: 4101, start: (port) => startShopifySimulator({ orders: SEEDED_ORDERS, port }) },
  { kind: 'magento', channel: 'magento-sim', port: 4102, start: (port) => startMagentoSimulator({ orders: SEEDED_ORDERS, port }) },
  { kind: 'prestashop', channel: 'prestashop-sim', port: 4103, start: (port) => startPrestashopSimulator({ orders: SEEDED_ORDERS, port }) },
  { kind: 'amazon', channel: 'amazon-sim', port: 4104, start: (port) => startAmazonSimulator({ orders: SEEDED_ORDERS, port }) },
  { kind: 'ebay', channel: 'ebay-sim', port: 4105, start: (port) => startEbaySimulator({ orders: SEEDED_ORDERS, port }) },
  // A warehouse exchanging files in a local folder (inbound/, outbound/, processed/) under the data directory.
  { kind: 'erp-wms', channel: 'erp-wms-sim', port: 0, start: () => startErpWmsSimulator({ orders: SEEDED_ORDERS, transport: 'local', root: join(dataDir, 'erp-wms-demo'), config: { stateDir: join(dataDir, 'erp-wms-demo', 'state') } }) },
];

async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await internalHeaders(serviceIdentity('channels-demo'))) },
    body: JSON.stringify({ query, variables }),
  });
  const payload = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (payload.errors?.length) throw new Error(payload.errors.map((error) => error.message).join('; '));
  return payload.data as T;
}

async function startSimulator(demo: DemoChannel) {
  try {
    return await demo.start(demo.port);
  } catch {
    return demo.start(0);
  }
}

/** Items and stock for the simulators' SKUs, once (later starts keep whatever stock the hub has). */
async function ensureInventory(url: string, skus: string[]): Promise<void> {
  const { upsertLocation } = await gql<{ upsertLocation: { id: string } }>(url, `mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id } }`, { input: DEMO_LOCATION });
  // One request to learn which items exist (on every start after the first: all of them).
  const unique = [...new Set(skus)];
  const found = await gql<Record<string, { sku: string } | null>>(url, `query { ${unique.map((sku, i) => `i${i}: inventoryItem(sku: ${JSON.stringify(sku)}) { sku }`).join(' ')} }`);
  for (const [i, sku] of unique.entries()) {
    if (found[`i${i}`]) continue;
    await gql(url, `mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name: `Demo ${sku}` } });
    await gql(url, `mutation($input: SetStockInput!) { setStock(input: $input) { onHand } }`, { input: { sku, locationId: upsertLocation.id, onHand: 200, safetyStock: 0, reason: 'channels demo opening stock' } });
  }
}

/**
 * The connection for one simulator: added on first start; on later starts its config is pointed at
 * the simulator again (its port and, when the hub's key changed, its sealed credentials) and resumed.
 */
async function ensureConnection(url: string, demo: DemoChannel, sim: SimulatorHandle<unknown>): Promise<string> {
  const { channelConnections } = await gql<{ channelConnections: Array<{ id: string; channel: string; status: string }> }>(url, `{ channelConnections { id channel status } }`);
  const existing = channelConnections.find((connection) => connection.channel === demo.channel);
  if (!existing) {
    const { addChannelConnection } = await gql<{ addChannelConnection: { id: string } }>(url, `mutation($input: AddChannelConnectionInput!) { addChannelConnection(input: $input) { id } }`, {
      input: { name: `${demo.kind} (simulated)`, kind: demo.kind, channel: demo.channel, config: sim.config, stockBuffer: 1, syncIntervalSeconds: 10, skus: sim.skus },
    });
    return addChannelConnection.id;
  }
  await gql(url, `mutation($id: ID!, $input: UpdateChannelConnectionInput!) { updateChannelConnection(id: $id, input: $input) { id } }`, { id: existing.id, input: { config: sim.config } });
  await gql(url, `mutation($id: ID!) { resumeChannelConnection(id: $id) { id } }`, { id: existing.id });
  return existing.id;
}

/** A restarted simulator numbers its orders from the start again: move it past the orders the hub has. */
async function skipImportedIds(url: string, demo: DemoChannel, sim: SimulatorHandle<unknown>): Promise<void> {
  const { orders } = await gql<{ orders: { totalCount: number } }>(url, `query($c: [String!]) { orders(filter: { channel: $c }, first: 1) { totalCount } }`, { c: [demo.channel] });
  const behind = orders.totalCount - sim.orderIds().length;
  if (behind > 0) await sim.addOrders(behind);
}

export interface ChannelsDemo {
  /** Connects the running simulators to the hub and starts the stream of new orders. */
  connect(stack: Stack, progress: Progress): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Starts the simulators before the hub: on a later start the channel runtime resumes the demo
 * connections at once, and would otherwise retry against simulators that are not listening yet.
 */
export async function startChannelsDemo(newOrderEveryMs: number): Promise<ChannelsDemo> {
  const sims: Array<{ demo: DemoChannel; sim: Awaited<ReturnType<typeof startSimulator>> }> = [];
  let timer: NodeJS.Timeout | undefined;
  const stop = async () => {
    clearInterval(timer);
    await Promise.all(sims.map(({ sim }) => sim.stop().catch(() => undefined)));
  };
  for (const demo of DEMO_CHANNELS) sims.push({ demo, sim: await startSimulator(demo) });
  return {
    stop,
    connect: async (stack, progress) => {
      const url = stack.gateway.url;
      try {
        await ensureInventory(url, sims.flatMap(({ sim }) => sim.skus));
        const channels = stack.subgraphs.channels.service.origin;
        const connected = await Promise.all(
          sims.map(async ({ demo, sim }) => {
            await skipImportedIds(url, demo, sim);
            const id = await ensureConnection(url, demo, sim);
            sim.registerWebhook?.(`${channels}/webhooks/${id}`);
            return `${demo.kind} simulator at ${sim.baseUrl} → connection ${id} (channel ${demo.channel})`;
          }),
        );
        connected.forEach((line) => progress(line));
      } catch (error) {
        await stop();
        progress(`Channels demo not started: ${(error as Error).message} (OMS_DEMO_CHANNELS=false turns it off)`);
        return false;
      }
      let turn = 0;
      timer = setInterval(() => {
        const { sim } = sims[turn++ % sims.length];
        void sim.addOrders(1).catch(() => undefined);
      }, newOrderEveryMs);
      timer.unref();
      return true;
    },
  };
}
