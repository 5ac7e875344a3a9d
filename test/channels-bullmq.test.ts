// The connector runtime scaled out: with REDIS_URL the hub's syncs and webhook deliveries are BullMQ
// jobs on Redis (each connection's next sync a delayed job) and event notices travel over Redis
// pub/sub. Same behaviour as the embedded default: scheduled syncs import orders, a manual sync runs
// as a job, stock changes reach the channel. Skipped when no Redis answers on REDIS_URL/127.0.0.1:6379.
import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { startMagentoSimulator, type MagentoSimulatorHandle } from '@oms/connector-magento';
import { startStack, type Stack } from '@oms/stack';
import { waitFor } from './support/fixtures';
import { postGraphql } from './support/stack';

jest.setTimeout(120_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let redisUp = false;
let stack: Stack;
let sim: MagentoSimulatorHandle;
let redis: IORedis;
const prefix = `t${randomBytes(4).toString('hex')}`;
const adminKey = `oms_test_admin_${randomBytes(24).toString('base64url')}`;

const gql = async (query: string, variables: object = {}) => {
  const result = await postGraphql<any>(stack.gateway.url, query, variables, { authorization: `Bearer ${adminKey}` });
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data;
};

beforeAll(async () => {
  redis = new IORedis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redisUp = await redis.connect().then(
    () => true,
    () => false,
  );
  if (!redisUp) return;
  stack = await startStack({ mongoUri: process.env.OMS_TEST_MONGODB_URI!, dbPrefix: prefix, ports: 'ephemeral', databaseBackend: process.env.OMS_TEST_DB_BACKEND, bootstrapAdminKey: adminKey, redisUrl: REDIS_URL, redisPrefix: prefix });
  sim = await startMagentoSimulator({ orders: 4, pageSize: 2 });
  const { upsertLocation } = await gql(`mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id } }`, {
    input: { code: 'BULL-WH', name: 'Queue warehouse', kind: 'WAREHOUSE', priority: 1, address: { line1: '1 Depot Way', city: 'Berlin', countryCode: 'DE', lat: 52.52, lng: 13.405 } },
  });
  for (const sku of sim.skus) {
    await gql(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name: sku } });
    await gql(`mutation($input: SetStockInput!) { setStock(input: $input) { onHand } }`, { input: { sku, locationId: upsertLocation.id, onHand: 100, safetyStock: 0, reason: 'test' } });
  }
});

afterAll(async () => {
  await sim?.stop();
  if (stack) {
    await Promise.all(Object.values(stack.subgraphs).map((running) => running.connection.dropDatabase().catch(() => undefined)));
    await stack.stop();
  }
  if (redisUp) {
    const keys = await redis.keys(`bull:${prefix}_channels-channels:*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});

const it_ = (name: string, fn: () => Promise<void>) => it(name, async () => (redisUp ? fn() : console.warn(`skipped (no Redis at ${REDIS_URL}): ${name}`)));

describe('channels runtime on BullMQ', () => {
  let id: string;

  it_('runs scheduled syncs as delayed jobs on Redis and imports the orders once', async () => {
    const { addChannelConnection } = await gql(`mutation($input: AddChannelConnectionInput!) { addChannelConnection(input: $input) { id } }`, {
      input: { name: 'magento on bullmq', kind: 'magento', channel: 'magento-bull', config: sim.config, syncIntervalSeconds: 5, stockBuffer: 3, skus: sim.skus },
    });
    id = addChannelConnection.id;
    // Nobody triggers: the first sync is the job queued when the connection was added.
    await waitFor('the scheduled sync to import the orders', async () => {
      const { orders } = await gql(`{ orders(filter: { channel: ["magento-bull"] }, first: 50) { totalCount } }`);
      return orders.totalCount === 4;
    }, 60_000);
    const queued = await redis.keys(`bull:${prefix}_channels-channels:*`);
    expect(queued.length).toBeGreaterThan(0);

    const runsQuery = `query($id: ID!) { channelConnection(id: $id) { currentRun { id } counts { imported } runs(first: 10) { id trigger status progress { created } } } }`;
    const first = await waitFor('the first run to end', async () => {
      const found = (await gql(runsQuery, { id })).channelConnection;
      return !found.currentRun && found.runs.some((run: any) => run.status === 'SUCCEEDED') ? found : null;
    });

    // The next sync is a delayed job too: an order added on the channel arrives without a trigger.
    await sim.addOrders(1);
    const later = await waitFor('the next scheduled sync to import it', async () => {
      const found = (await gql(runsQuery, { id })).channelConnection;
      return found.runs.some((run: any) => !first.runs.some((old: any) => old.id === run.id) && run.status === 'SUCCEEDED' && run.progress.created === 1) ? found : null;
    }, 60_000);
    expect(later.counts.imported).toBe(5);
    expect(later.runs.every((run: any) => run.trigger === 'SCHEDULE')).toBe(true);
    expect((await gql(`{ orders(filter: { channel: ["magento-bull"] }, first: 50) { totalCount } }`)).orders.totalCount).toBe(5);
  });

  it_('runs a manual sync as a job and returns its run', async () => {
    const { triggerChannelSync } = await gql(`mutation($id: ID!) { triggerChannelSync(id: $id) { id status } }`, { id });
    await waitFor('the manual run to finish', async () => {
      const { channelConnection } = await gql(`query($id: ID!) { channelConnection(id: $id) { runs(first: 10) { id status } } }`, { id });
      return channelConnection.runs.find((run: any) => run.id === triggerChannelSync.id && run.status === 'SUCCEEDED');
    });
  });

  it_('publishes stock changes woken by event notices over Redis', async () => {
    const sku = sim.skus[0];
    const { inventoryItem } = await gql(`query($sku: String!) { inventoryItem(sku: $sku) { reserved stock { location { id } } } }`, { sku });
    await gql(`mutation($input: SetStockInput!) { setStock(input: $input) { onHand } }`, { input: { sku, locationId: inventoryItem.stock[0].location.id, onHand: inventoryItem.reserved + 20, safetyStock: 0, reason: 'test' } });
    await waitFor(`${sku} on the channel`, async () => sim.stockOf(sku) === 17);
  });
});
