// Stock reconciliation end to end, through the gateway, against the Magento simulator (and, shorter,
// Shopify's and PrestaShop's): drift injected on the channel (a quantity changed in the simulator's
// store, as a merchant editing the product would) is found by a dry run that writes nothing,
// corrected by a real run through the connector's stock writer, and gone afterwards. Also: who may
// run it, the schedule and its settings, a SKU the channel does not know, and a connector that
// cannot read stock.
import { SecretBox } from '@oms/platform';
import { magentoConnector, startMagentoSimulator, type MagentoSimulatorHandle } from '@oms/connector-magento';
import { startPrestashopSimulator } from '@oms/connector-prestashop';
import { startShopifySimulator } from '@oms/connector-shopify';
import type { ConnectionRecord } from '../subgraphs/channels/src/models/connection.model';
import { ConnectorRegistry, type AnyConnector } from '../subgraphs/channels/src/services/connector-registry';
import { ConnectorRuntime } from '../subgraphs/channels/src/services/connector-runtime';
import type { RunningChannelsSubgraph } from '../subgraphs/channels/src/server';
import { compareStock } from '../subgraphs/channels/src/services/reconciliation/drift';
import { StockReconciliation } from '../subgraphs/channels/src/services/reconciliation/reconciliation.service';
import { CITIES, createLocation, setStock, unique, waitFor } from './support/fixtures';
import { startTestStack, type TestStack } from './support/stack';

jest.setTimeout(90_000);

const BUFFER = 2;
const REPORT = `id trigger dryRun status checked notInHub notRead drifted corrected error
  drift { sku channelLocationId channelQuantity hubQuantity difference hubChangedAt hubChangedSecondsAgo outcome reason }`;

let hub: TestStack;
let magento: MagentoSimulatorHandle;
let connectionId: string;
let skus: string[];
const onHand = new Map<string, number>();

const sourceItemWrites = () => magento.requests().filter((request) => request.method === 'POST' && request.path === '/rest/V1/inventory/source-items');

/**
 * Waits until the connection's stock pushes have settled: nothing queued and no write reached the
 * channel for a while. The hub's stock events may be read after the connection was added and push
 * the same levels once more; drift injected before that would be overwritten by the push itself.
 */
async function pushesSettled(id: string, writes: () => number): Promise<void> {
  let last = -1;
  let quietSince = Date.now();
  await waitFor('stock pushes to settle', async () => {
    const data = await hub.data(`query($id: ID!) { channelConnection(id: $id) { lag { pendingStockSkus } } }`, { id });
    const now = writes();
    if (now !== last || data.channelConnection.lag.pendingStockSkus > 0) {
      last = now;
      quietSince = Date.now();
      return false;
    }
    return Date.now() - quietSince >= 2000;
  }, 30_000);
}

async function reconcile(dryRun: boolean, headers?: Record<string, string>) {
  return hub.gql(`mutation($id: ID!, $dryRun: Boolean) { reconcileChannelStock(id: $id, dryRun: $dryRun) { ${REPORT} } }`, { id: connectionId, dryRun }, headers);
}

async function standing() {
  const data = await hub.data(`query($id: ID!) { channelConnection(id: $id) { stockDrift { sku outcome channelQuantity hubQuantity }
    lastStockReconciliation { id dryRun drifted } stockReconciliation { intervalSeconds correct nextRunAt } } }`, { id: connectionId });
  return data.channelConnection;
}

beforeAll(async () => {
  hub = await startTestStack();
  skus = [unique('REC'), unique('REC'), unique('REC')];
  // The shop's catalogue has the hub's SKUs and one the hub does not know.
  magento = await startMagentoSimulator({ orders: 0, skus: [...skus, 'SHOP-ONLY'] });
  const warehouse = await createLocation(hub, CITIES.berlin);
  for (const [index, sku] of skus.entries()) {
    await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name: `Item ${sku}` } });
    onHand.set(sku, 30 + index * 10);
    await setStock(hub, sku, warehouse, onHand.get(sku)!);
  }
  const added = await hub.data(`mutation($input: AddChannelConnectionInput!) { addChannelConnection(input: $input) { id } }`, {
    input: { name: 'reconciled shop', kind: 'magento', channel: unique('magento-rec'), config: magento.config, stockBuffer: BUFFER, syncIntervalSeconds: 3600, skus: [...skus, 'UNKNOWN-TO-HUB'] },
  });
  connectionId = added.addChannelConnection.id;
  // The listing is published by the stock push first: the channel starts in line with the hub.
  for (const sku of skus) await waitFor(`${sku} published to Magento`, async () => magento.stockOf(sku) === onHand.get(sku)! - BUFFER);
  await pushesSettled(connectionId, () => sourceItemWrites().length);
});

afterAll(async () => {
  await magento?.stop();
  await hub?.stop();
});

describe('stock reconciliation', () => {
  it('finds nothing while the channel shows what the hub publishes', async () => {
    const result = await reconcile(true);
    expect(result.errors).toBeUndefined();
    expect(result.data.reconcileChannelStock).toMatchObject({ trigger: 'MANUAL', dryRun: true, status: 'SUCCEEDED', checked: 3, notInHub: 1, notRead: 0, drifted: 0, corrected: 0, drift: [] });
  });

  it('reports drift injected on the channel in a dry run and writes nothing there', async () => {
    const [drifted] = skus;
    magento.store.setSourceQuantity(drifted, 99);
    const writesBefore = sourceItemWrites().length;

    const result = await reconcile(true);
    expect(result.errors).toBeUndefined();
    const report = result.data.reconcileChannelStock;
    const hubQuantity = onHand.get(drifted)! - BUFFER;
    expect(report).toMatchObject({ dryRun: true, status: 'SUCCEEDED', checked: 3, drifted: 1, corrected: 0 });
    expect(report.drift).toEqual([
      {
        sku: drifted,
        channelLocationId: 'default',
        channelQuantity: 99,
        hubQuantity,
        difference: 99 - hubQuantity,
        hubChangedAt: expect.any(String),
        hubChangedSecondsAgo: expect.any(Number),
        outcome: 'REPORTED',
        reason: null,
      },
    ]);
    expect(report.drift[0].hubChangedSecondsAgo).toBeGreaterThanOrEqual(0);
    expect(Date.parse(report.drift[0].hubChangedAt)).toBeLessThanOrEqual(Date.now());
    expect(magento.stockOf(drifted)).toBe(99);
    expect(sourceItemWrites()).toHaveLength(writesBefore);

    const connection = await standing();
    expect(connection.lastStockReconciliation).toMatchObject({ id: report.id, dryRun: true, drifted: 1 });
    expect(connection.stockDrift).toEqual([{ sku: drifted, outcome: 'REPORTED', channelQuantity: 99, hubQuantity }]);
  });

  it('corrects the drift through the stock writer, in one batched write, and finds none after', async () => {
    const [first, , third] = skus;
    // A second SKU drifts, this time below the hub (the channel sold or lost track of units).
    magento.store.setSourceQuantity(third, 1);
    const writesBefore = sourceItemWrites().length;

    const result = await reconcile(false);
    expect(result.errors).toBeUndefined();
    const report = result.data.reconcileChannelStock;
    expect(report).toMatchObject({ dryRun: false, status: 'SUCCEEDED', drifted: 2, corrected: 2 });
    expect(report.drift.map((row: any) => [row.sku, row.outcome])).toEqual([first, third].sort().map((sku) => [sku, 'CORRECTED']));
    expect(magento.stockOf(first)).toBe(onHand.get(first)! - BUFFER);
    expect(magento.stockOf(third)).toBe(onHand.get(third)! - BUFFER);
    expect(sourceItemWrites()).toHaveLength(writesBefore + 1);

    const after = await reconcile(true);
    expect(after.data.reconcileChannelStock).toMatchObject({ status: 'SUCCEEDED', checked: 3, drifted: 0, drift: [] });
    expect((await standing()).stockDrift).toEqual([]);
  });

  it('reads the channel in batches, not once per SKU', async () => {
    const readsBefore = magento.requests().filter((request) => request.method === 'GET' && request.path === '/rest/V1/inventory/source-items').length;
    await reconcile(true);
    const reads = magento.requests().filter((request) => request.method === 'GET' && request.path === '/rest/V1/inventory/source-items').length - readsBefore;
    expect(reads).toBe(1);
  });

  it('lets the back office set the schedule, and refuses partners and bad input, naming the field', async () => {
    const configured = await hub.gql(`mutation($id: ID!, $input: StockReconciliationSettingsInput!) { configureStockReconciliation(id: $id, input: $input) {
      stockReconciliation { intervalSeconds correct nextRunAt } } }`, { id: connectionId, input: { intervalSeconds: 900, correct: false } });
    expect(configured.errors).toBeUndefined();
    const settings = configured.data.configureStockReconciliation.stockReconciliation;
    expect(settings).toMatchObject({ intervalSeconds: 900, correct: false });
    expect(Date.parse(settings.nextRunAt) - Date.now()).toBeGreaterThan(800_000);

    const tooOften = await hub.gql(`mutation($id: ID!) { configureStockReconciliation(id: $id, input: { intervalSeconds: 5 }) { id } }`, { id: connectionId });
    expect(tooOften.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.intervalSeconds' });
    expect((await standing()).stockReconciliation).toMatchObject({ intervalSeconds: 900, correct: false });

    const partner = await hub.createKey('PARTNER', { channels: ['anything'] });
    const refused = await reconcile(false, partner.headers);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await hub.gql(`mutation { reconcileChannelStock(id: "conn_nope") { id } }`);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});

describe('a paused connection', () => {
  it('may be looked at with a dry run but is not corrected until resumed', async () => {
    await hub.data(`mutation($id: ID!) { pauseChannelConnection(id: $id, reason: "stocktake") { status } }`, { id: connectionId });
    try {
      const refused = await reconcile(false);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'dryRun' });
      expect(refused.errors?.[0].message).toMatch(/PAUSED/);
      expect((await reconcile(true)).data.reconcileChannelStock).toMatchObject({ status: 'SUCCEEDED', dryRun: true });
    } finally {
      await hub.data(`mutation($id: ID!) { resumeChannelConnection(id: $id) { status } }`, { id: connectionId });
    }
  });
});

describe.each([
  {
    kind: 'shopify',
    start: async () => {
      const sim = await startShopifySimulator({ orders: 0, restoreRate: 1000, skuPrefix: unique('SHPREC'), catalogue: 3 });
      return { sim, inject: (sku: string, quantity: number) => sim.store.setAvailable(sku, quantity) };
    },
  },
  {
    kind: 'prestashop',
    start: async () => {
      const sim = await startPrestashopSimulator({ orders: 0, skus: [unique('PSREC'), unique('PSREC'), unique('PSREC')] });
      return { sim, inject: (sku: string, quantity: number) => sim.setStockOf(sku, quantity) };
    },
  },
])('reconciling a $kind shop', ({ kind, start }) => {
  it('finds drift injected on the channel with a dry run, corrects it, and finds none after', async () => {
    const { sim, inject } = await start();
    try {
      const warehouse = await createLocation(hub, CITIES.munich);
      for (const sku of sim.skus) {
        await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name: `Item ${sku}` } });
        await setStock(hub, sku, warehouse, 20);
      }
      const added = await hub.data(`mutation($input: AddChannelConnectionInput!) { addChannelConnection(input: $input) { id } }`, {
        input: { name: `reconciled ${kind}`, kind, channel: unique(`${kind}-rec`), config: sim.config, stockBuffer: 0, syncIntervalSeconds: 3600, skus: sim.skus },
      });
      const id = added.addChannelConnection.id;
      for (const sku of sim.skus) await waitFor(`${sku} published to ${kind}`, async () => sim.stockOf(sku) === 20);
      await pushesSettled(id, () => sim.requests().length);
      const [drifted] = sim.skus;
      inject(drifted, 7);
      const run = async (dryRun: boolean) => (await hub.data(`mutation($id: ID!, $dryRun: Boolean) { reconcileChannelStock(id: $id, dryRun: $dryRun) { ${REPORT} } }`, { id, dryRun })).reconcileChannelStock;

      const found = await run(true);
      expect(found).toMatchObject({ status: 'SUCCEEDED', checked: sim.skus.length, drifted: 1, corrected: 0 });
      expect(found.drift).toEqual([expect.objectContaining({ sku: drifted, channelQuantity: 7, hubQuantity: 20, difference: -13, outcome: 'REPORTED' })]);
      expect(sim.stockOf(drifted)).toBe(7);

      expect(await run(false)).toMatchObject({ status: 'SUCCEEDED', drifted: 1, corrected: 1 });
      expect(sim.stockOf(drifted)).toBe(20);
      expect(await run(true)).toMatchObject({ status: 'SUCCEEDED', checked: sim.skus.length, drifted: 0 });
    } finally {
      await sim.stop();
    }
  });
});

describe('scheduled reconciliation', () => {
  it("runs when a connection falls due, as its settings say (here: report only)", async () => {
    const [, second] = skus;
    magento.store.setSourceQuantity(second, 0);
    const channels = hub.stack.subgraphs.channels as unknown as RunningChannelsSubgraph;
    // The schedule set above (every 900 s, report only) is due 20 minutes from now.
    await channels.runtime.reconciliationSchedule.runDue(Date.now() + 20 * 60_000);
    const data = await hub.data(`query($id: ID!) { channelConnection(id: $id) { lastStockReconciliation { trigger dryRun drifted drift { sku outcome } } stockReconciliation { nextRunAt } } }`, { id: connectionId });
    expect(data.channelConnection.lastStockReconciliation).toEqual({ trigger: 'SCHEDULE', dryRun: true, drifted: 1, drift: [{ sku: second, outcome: 'REPORTED' }] });
    expect(magento.stockOf(second)).toBe(0);
    expect(Date.parse(data.channelConnection.stockReconciliation.nextRunAt)).toBeGreaterThan(Date.now() + 800_000);
  });
});

describe('a SKU the channel does not know', () => {
  it('is dead-lettered by the stock push, naming it, and reported as refused by reconciliation', async () => {
    const sku = unique('HUB-ONLY');
    await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name: `Item ${sku}` } });
    await setStock(hub, sku, await createLocation(hub, CITIES.potsdam), 12);
    await hub.data(`mutation($id: ID!, $input: UpdateChannelConnectionInput!) { updateChannelConnection(id: $id, input: $input) { id } }`, { id: connectionId, input: { skus: [...skus, 'UNKNOWN-TO-HUB', sku] } });
    const letter = await waitFor(`a dead letter for ${sku}`, async () => {
      const data = await hub.data(`query($id: ID!) { channelConnection(id: $id) { deadLetters { edges { node { channelRecordId stream stage reason } } } } }`, { id: connectionId });
      return data.channelConnection.deadLetters.edges.map((edge: any) => edge.node).find((node: any) => node.channelRecordId === sku);
    });
    expect(letter).toMatchObject({ stream: 'STOCK', stage: 'CHANNEL', reason: expect.stringContaining(sku) });
    // The known SKUs of the same listing are untouched by the refusal.
    expect(magento.stockOf(skus[2])).toBe(onHand.get(skus[2])! - BUFFER);

    const report = (await reconcile(false)).data.reconcileChannelStock;
    const row = report.drift.find((candidate: any) => candidate.sku === sku);
    expect(row).toMatchObject({ channelQuantity: null, hubQuantity: 12 - BUFFER, outcome: 'REFUSED', reason: expect.stringContaining(sku) });
    expect(magento.stockOf(sku)).toBeUndefined();
  });
});

describe('credentials the channel refuses', () => {
  it('fail the run with the reason and park the connection, as a sync would', async () => {
    // The refused SKU's push (above) may still be talking to the shop: the 401 is for the reconciliation's read.
    await pushesSettled(connectionId, () => sourceItemWrites().length);
    const before = magento.requests().length;
    magento.faults.failNext(1, 401);
    const report = (await reconcile(true)).data.reconcileChannelStock;
    expect(magento.requests().slice(before)[0]).toMatchObject({ method: 'GET', status: 401 });
    expect(report).toMatchObject({ status: 'FAILED', error: expect.stringContaining('accessToken') });
    const connection = (await hub.data(`query($id: ID!) { channelConnection(id: $id) { status parkedReason lastStockReconciliation { status } } }`, { id: connectionId })).channelConnection;
    expect(connection).toMatchObject({ status: 'PARKED', parkedReason: expect.stringContaining('accessToken'), lastStockReconciliation: { status: 'FAILED' } });
    await hub.data(`mutation($id: ID!) { resumeChannelConnection(id: $id) { status } }`, { id: connectionId });
  });
});

describe('a connector without stock.read', () => {
  it('is refused with an error naming the capability', () => {
    const { readers: _readers, ...withoutReader } = magentoConnector;
    const blind = { ...withoutReader, manifest: { ...magentoConnector.manifest, capabilities: magentoConnector.manifest.capabilities.filter((capability) => capability !== 'stock.read') } } as unknown as AnyConnector;
    const runtime = new ConnectorRuntime(new ConnectorRegistry([blind]), new SecretBox(undefined));
    const reconciliation = new StockReconciliation({ runtime } as ConstructorParameters<typeof StockReconciliation>[0]);
    const connection = { _id: 'conn_blind', kind: 'magento' } as ConnectionRecord;
    expect(() => reconciliation.requireReadable(connection)).toThrow(expect.objectContaining({ message: expect.stringContaining('stock.read'), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', capability: 'stock.read' }) }));
  });
});

describe('comparing a location-mapped connection', () => {
  it('compares each mapped channel location the reader reports, as the push computes it, and counts the others as not read', () => {
    const connection = { stockBuffer: 1, locationMap: { 'hub-berlin': 'src-eu', 'hub-potsdam': 'src-eu', 'hub-munich': 'src-south' } };
    const hub = new Map([['A', { sku: 'A', available: 30, byLocation: new Map([['hub-berlin', 10], ['hub-potsdam', 5], ['hub-munich', 15]]), changedAt: new Date('2026-12-01T00:00:00Z') }]]);
    const comparison = compareStock(connection, hub, [{ sku: 'A', channelLocationId: 'src-eu', quantity: 20 }]);
    // src-eu publishes 10 + 5 − 1 = 14; src-south is not read back.
    expect(comparison).toEqual({ checked: 1, unread: 1, drift: [{ level: { sku: 'A', channelLocationId: 'src-eu', quantity: 14 }, channelLocationId: 'src-eu', channelQuantity: 20, difference: 6, hubChangedAt: new Date('2026-12-01T00:00:00Z') }] });
    // A SKU the channel does not list is no drift while the hub has none to sell either.
    const empty = new Map([['B', { sku: 'B', available: 0, byLocation: new Map(), changedAt: null }]]);
    expect(compareStock({ stockBuffer: 0, locationMap: null }, empty, [{ sku: 'B', quantity: null }]).drift).toEqual([]);
  });
});
