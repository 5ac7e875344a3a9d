// The connector runtime (channels subgraph) end to end, through the gateway, against the Shopify,
// Magento and PrestaShop simulators: adding connections (config validated, credentials checked and
// encrypted), syncs that import each channel order once with visible progress, webhooks, dead
// letters and their retry, pause/resume, parking on refused credentials, and the outbound side:
// shipments shipped in the hub show up with tracking on each channel, stock changes are published.
import { startMagentoSimulator, type MagentoSimulatorHandle } from '@oms/connector-magento';
import { startPrestashopSimulator, type PrestashopSimulatorHandle } from '@oms/connector-prestashop';
import { startShopifySimulator, type ShopifySimulatorHandle } from '@oms/connector-shopify';
import { CITIES, createLocation, setStock, waitFor } from './support/fixtures';
import { startTestStack, type TestStack } from './support/stack';

jest.setTimeout(120_000);

let hub: TestStack;
let shopify: ShopifySimulatorHandle;
let magento: MagentoSimulatorHandle;
let prestashop: PrestashopSimulatorHandle;
let warehouse: string;

const CHANNELS = { shopify: 'shopify-test', magento: 'magento-test', prestashop: 'prestashop-test' } as const;
type Kind = keyof typeof CHANNELS;
const BUFFER: Record<Kind, number> = { shopify: 2, magento: 0, prestashop: 5 };
const ids = {} as Record<Kind, string>;
const sims = () => ({ shopify, magento, prestashop }) as Record<Kind, ShopifySimulatorHandle | MagentoSimulatorHandle | PrestashopSimulatorHandle>;

const CONNECTION = `id name channel kind status statusReason parkedReason config stockBuffer skus listedSkus webhookPath webhookSecretSet
  health { ok lastCheckAt message } lastSyncAt lastSuccessAt lag { syncSeconds pendingStockSkus pendingFulfillments outboundSeconds }
  counts { imported unchanged cancelled deadLetters pushedStock pushedFulfillments webhooksReceived }`;
const RUN = 'id stream trigger status startedAt finishedAt error errorKind progress { batches read imported created unchanged deadLettered checkpoint }';

async function connection(id: string) {
  return (await hub.data(`query($id: ID!) { channelConnection(id: $id) { ${CONNECTION} currentRun { ${RUN} } runs(first: 5) { ${RUN} } } }`, { id })).channelConnection;
}

async function addConnection(kind: Kind, config: unknown, extra: Record<string, unknown> = {}) {
  return hub.gql(`mutation($input: AddChannelConnectionInput!) { addChannelConnection(input: $input) { ${CONNECTION} } }`, {
    input: { name: `${kind} test shop`, kind, channel: CHANNELS[kind], config, stockBuffer: BUFFER[kind], syncIntervalSeconds: 3600, ...extra },
  });
}

async function trigger(id: string) {
  return hub.gql(`mutation($id: ID!) { triggerChannelSync(id: $id) { ${RUN} } }`, { id });
}

/** Triggers a sync and waits for a run that started after this call (not one already going) to finish. */
async function syncNow(kind: Kind, onPoll?: (current: any) => void) {
  for (;;) {
    const since = Date.now();
    const result = await trigger(ids[kind]);
    // A run that is starting or has just finished (a resume starts one) refuses a second one for a moment.
    if (result.errors?.[0]?.extensions?.code === 'CONFLICT') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    if (result.errors) throw new Error(`triggerChannelSync failed: ${JSON.stringify(result.errors)}`);
    const run = result.data.triggerChannelSync;
    const finished = await waitFor(`${kind} sync ${run.id} to finish`, async () => {
      const current = await connection(ids[kind]);
      onPoll?.(current);
      return current.runs.find((candidate: any) => candidate.id === run.id && candidate.status !== 'RUNNING');
    }, 90_000);
    if (Date.parse(run.startedAt) >= since - 5) return finished;
  }
}

/** channelOrderId → how many hub orders carry it, for one channel. */
async function hubOrders(channel: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let after: string | null = null;
  for (;;) {
    const page: any = await hub.data(`query($channel: [String!], $after: String) { orders(filter: { channel: $channel }, first: 100, after: $after) {
      edges { node { channelOrderId } } pageInfo { hasNextPage endCursor } } }`, { channel: [channel], after });
    for (const { node } of page.orders.edges) counts.set(node.channelOrderId, (counts.get(node.channelOrderId) ?? 0) + 1);
    if (!page.orders.pageInfo.hasNextPage) return counts;
    after = page.orders.pageInfo.endCursor;
  }
}

async function expectExactlyOnce(kind: Kind) {
  const counts = await hubOrders(CHANNELS[kind]);
  const expected = sims()[kind].orderIds();
  expect([...counts.keys()].sort()).toEqual([...expected].sort());
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

beforeAll(async () => {
  hub = await startTestStack();
  [shopify, magento, prestashop] = await Promise.all([
    startShopifySimulator({ orders: 5, pageSize: 2 }),
    startMagentoSimulator({ orders: 5, pageSize: 2 }),
    startPrestashopSimulator({ orders: 5, pageSize: 2 }),
  ]);
  warehouse = await createLocation(hub, CITIES.berlin);
  const skus = [...shopify.skus, ...magento.skus, ...prestashop.skus];
  for (const sku of skus) {
    await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name: `Item ${sku}` } });
    await setStock(hub, sku, warehouse, 500);
  }
});

afterAll(async () => {
  await Promise.all([shopify, magento, prestashop].map((sim) => sim?.stop()));
  await hub?.stop();
});

describe('adding connections', () => {
  it('lists the connectors it can run', async () => {
    const { channelConnectors } = await hub.data(`{ channelConnectors { kind capabilities secretFields webhooks } }`);
    expect(channelConnectors.map((c: any) => c.kind).sort()).toEqual(['amazon', 'ebay', 'erp-wms', 'magento', 'prestashop', 'shopify']);
    expect(channelConnectors.find((c: any) => c.kind === 'shopify')).toMatchObject({ webhooks: true, secretFields: expect.arrayContaining(['accessToken']) });
  });

  it('describes each connector’s config fields from its own schema, for forms', async () => {
    const { channelConnectors } = await hub.data(`{ channelConnectors { kind configFields { name type required secret options } configSchema } }`);
    const shopify = channelConnectors.find((c: any) => c.kind === 'shopify');
    const field = (name: string) => shopify.configFields.find((candidate: any) => candidate.name === name);
    expect(field('accessToken')).toEqual({ name: 'accessToken', type: 'STRING', required: true, secret: true, options: [] });
    expect(field('apiVersion')).toMatchObject({ type: 'STRING', required: false, secret: false, options: expect.arrayContaining(['2026-04']) });
    expect(field('pageSize')).toMatchObject({ type: 'NUMBER', required: false });
    expect(shopify.configSchema).toMatchObject({ type: 'object', required: expect.arrayContaining(['shopDomain', 'accessToken']) });
    const erp = channelConnectors.find((c: any) => c.kind === 'erp-wms');
    expect(erp.configFields.find((candidate: any) => candidate.name === 'transport')).toMatchObject({ options: ['sftp', 'local'] });
  });

  it('refuses a config the connector schema rejects, naming the field, and stores nothing', async () => {
    const { accessToken: _omitted, ...withoutToken } = magento.config;
    const result = await addConnection('magento', withoutToken);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.config.accessToken' });
    const unknownKind = await addConnection('magento', magento.config, { kind: 'woocommerce' });
    expect(unknownKind.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kind' });
    expect((await hub.data(`{ channelConnections { id } }`)).channelConnections).toEqual([]);
  });

  it('refuses credentials the channel rejects (check runs first) and stores nothing', async () => {
    for (const kind of ['shopify', 'magento', 'prestashop'] as Kind[]) {
      const result = await addConnection(kind, sims()[kind].badCredentialsConfig);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.config' });
      expect(result.errors?.[0].message).toMatch(/refused the connection/);
    }
    expect((await hub.data(`{ channelConnections { id } }`)).channelConnections).toEqual([]);
  });

  it('adds one connection per channel; credentials are redacted in the graph and encrypted at rest', async () => {
    for (const kind of ['shopify', 'magento', 'prestashop'] as Kind[]) {
      const result = await addConnection(kind, sims()[kind].config, { skus: sims()[kind].skus });
      expect(result.errors).toBeUndefined();
      const added = result.data.addChannelConnection;
      ids[kind] = added.id;
      expect(added).toMatchObject({ kind, channel: CHANNELS[kind], status: 'ACTIVE', stockBuffer: BUFFER[kind], health: { ok: true } });
      expect(added.listedSkus).toEqual([...sims()[kind].skus].sort());
    }
    expect((await connection(ids.shopify)).config).toMatchObject({ accessToken: '[redacted]', webhookSecret: '[redacted]', shopDomain: shopify.config.shopDomain });
    expect((await connection(ids.magento)).config).toMatchObject({ accessToken: '[redacted]', baseUrl: magento.config.baseUrl });
    expect((await connection(ids.prestashop)).config).toMatchObject({ apiKey: '[redacted]' });
    expect((await connection(ids.shopify)).webhookPath).toBe(`/webhooks/${ids.shopify}`);

    // What is stored: no credential in clear anywhere in the connection documents.
    const stored = JSON.stringify(await hub.stack.subgraphs.channels.connection.collection('channel_connections').find({}).toArray());
    for (const secret of [shopify.config.accessToken, shopify.config.webhookSecret!, magento.config.accessToken, prestashop.config.apiKey]) expect(stored).not.toContain(secret);

    expect((await trigger('conn_unknown')).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const duplicate = await addConnection('magento', magento.config, { name: 'another magento' });
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.channel' });
  });
});

describe('syncing orders', () => {
  it('imports every channel order into the hub exactly once, with the run history and counts in the graph', async () => {
    for (const kind of ['shopify', 'magento', 'prestashop'] as Kind[]) {
      const run = await syncNow(kind);
      expect(run).toMatchObject({ stream: 'orders', status: 'SUCCEEDED', error: null });
      await expectExactlyOnce(kind);
      const current = await connection(ids[kind]);
      expect(current.counts.imported).toBe(5);
      expect(current.lastSuccessAt).not.toBeNull();
      expect(current.lag.syncSeconds).toBeLessThan(60);
      // 5 orders at 2 a page: at least three batches, each saved as it went.
      const firstRun = current.runs[current.runs.length - 1];
      expect(firstRun.progress.batches).toBeGreaterThanOrEqual(3);
      expect(firstRun.progress.created).toBe(5);
    }

    // Reading the channels again imports nothing twice.
    for (const kind of ['shopify', 'magento', 'prestashop'] as Kind[]) {
      const again = await syncNow(kind);
      expect(again.progress.created).toBe(0);
      await expectExactlyOnce(kind);
    }
  });

  it('picks up new channel orders incrementally, and shows progress while a run goes', async () => {
    await magento.addOrders(12);
    const seen: any[] = [];
    const run = await syncNow('magento', (current) => current.currentRun && seen.push(current.currentRun));
    expect(run).toMatchObject({ status: 'SUCCEEDED', progress: { created: 12 } });
    // Progress is saved after every batch, so a running run shows batches done before it ends.
    expect(seen.some((current) => current.id === run.id && current.status === 'RUNNING' && current.progress.batches >= 1 && current.progress.imported >= 1)).toBe(true);
    await expectExactlyOnce('magento');
    expect((await connection(ids.magento)).counts.imported).toBe(17);
  });

  it('imports Shopify orders pushed by webhook (signature verified, a redelivery imported once)', async () => {
    const url = `${hub.stack.subgraphs.channels.service.origin}/webhooks/${ids.shopify}`;
    shopify.registerWebhook(url);
    const [channelOrderId] = await shopify.addOrders(1);
    await shopify.webhooksSettled();
    const delivery = shopify.webhookDeliveries().at(-1)!;
    expect(delivery.status).toBe(200);
    await waitFor('the webhook order in the hub', async () => (await hub.data(`query($c: String!, $id: String!) { orderByChannel(channel: $c, channelOrderId: $id) { id } }`, { c: CHANNELS.shopify, id: channelOrderId })).orderByChannel);
    shopify.redeliverWebhook(delivery.webhookId);
    await shopify.webhooksSettled();
    expect(shopify.webhookDeliveries().at(-1)!.status).toBe(200);
    await expectExactlyOnce('shopify');
    expect((await connection(ids.shopify)).counts.webhooksReceived).toBe(1);

    // A forged delivery is refused before anything is stored.
    const forged = await fetch(url, { method: 'POST', headers: { ...delivery.headers, 'x-shopify-hmac-sha256': 'Zm9yZ2Vk' }, body: delivery.body.replace('"id":', '"id":1,"x":') });
    expect(forged.status).toBe(401);
    shopify.registerWebhook(undefined);
  });
});

describe('dead letters', () => {
  it('lists a record the connector cannot read, and imports it after it is fixed and retried', async () => {
    const [channelOrderId] = await magento.addOrders(1);
    const order = magento.store.order(Number(channelOrderId));
    const original = structuredClone(order);
    magento.corruptOrder(channelOrderId);
    await syncNow('magento');
    const page = (await hub.data(`query($id: ID!) { channelConnection(id: $id) { counts { deadLetters } deadLetters(first: 10) { totalCount edges { node { id channelRecordId stream stage reason status attempts } } } } }`, { id: ids.magento })).channelConnection;
    expect(page.counts.deadLetters).toBe(1);
    const letter = page.deadLetters.edges[0].node;
    expect(letter).toMatchObject({ channelRecordId: channelOrderId, stream: 'ORDERS', stage: 'MAP', status: 'OPEN' });
    expect(letter.reason).toMatch(/currency|sku/i);
    expect((await hubOrders(CHANNELS.magento)).has(channelOrderId)).toBe(false);

    // The merchant repairs the order on the channel; the retry reads it again.
    Object.assign(order, original, { updated_at: magento.store.now() });
    const retried = await hub.data(`mutation($c: ID!, $ids: [ID!]) { retryDeadLetters(connectionId: $c, ids: $ids) { id status retriedAt } }`, { c: ids.magento, ids: [letter.id] });
    expect(retried.retryDeadLetters[0].retriedAt).not.toBeNull();
    await waitFor('the repaired order to be imported', async () => (await hubOrders(CHANNELS.magento)).has(channelOrderId));
    await waitFor('the letter to be resolved', async () => {
      const resolved = (await hub.data(`query($id: ID!) { channelConnection(id: $id) { counts { deadLetters } deadLetters(first: 10, status: RESOLVED) { edges { node { id resolvedAt } } } } }`, { id: ids.magento })).channelConnection;
      return resolved.counts.deadLetters === 0 && resolved.deadLetters.edges.some((edge: any) => edge.node.id === letter.id);
    });
    await expectExactlyOnce('magento');
  });

  it('keeps an order the hub refuses as a dead letter and imports it on retry once the hub can take it', async () => {
    const [channelOrderId] = await magento.addOrders(1);
    const order = magento.store.order(Number(channelOrderId));
    const sku = `MG-NEW-${Date.now()}`;
    order.items[0].sku = sku;
    order.updated_at = magento.store.now();
    await syncNow('magento');
    const letters = (await hub.data(`query($id: ID!) { channelConnection(id: $id) { deadLetters(first: 10) { edges { node { id channelRecordId stage reason raw } } } } }`, { id: ids.magento })).channelConnection.deadLetters.edges.map((edge: any) => edge.node);
    const letter = letters.find((candidate: any) => candidate.channelRecordId === channelOrderId);
    expect(letter).toMatchObject({ stage: 'HUB' });
    expect(letter.reason).toMatch(/BAD_USER_INPUT.*unknown SKU/);
    expect(letter.raw).toMatchObject({ channelOrderId });

    await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name: 'New product' } });
    await setStock(hub, sku, warehouse, 50);
    const retried = await hub.data(`mutation($c: ID!) { retryDeadLetters(connectionId: $c) { id status resolvedAt } }`, { c: ids.magento });
    expect(retried.retryDeadLetters).toEqual([expect.objectContaining({ id: letter.id, status: 'RESOLVED' })]);
    await expectExactlyOnce('magento');
    // A SKU first seen in an imported order joins the connection's stock listing and is published.
    expect((await connection(ids.magento)).listedSkus).toContain(sku);
    const { available } = (await hub.data(`query($sku: String!) { inventoryItem(sku: $sku) { available } }`, { sku })).inventoryItem;
    await waitFor(`${sku} published to magento`, async () => magento.stockOf(sku) === available);
  });
});

describe('pause, resume and parking', () => {
  it('pauses a connection (no sync runs) and resumes it', async () => {
    const paused = await hub.data(`mutation($id: ID!) { pauseChannelConnection(id: $id, reason: "stocktake") { status statusReason } }`, { id: ids.prestashop });
    expect(paused.pauseChannelConnection).toEqual({ status: 'PAUSED', statusReason: 'stocktake' });
    const [channelOrderId] = await prestashop.addOrders(1);
    const refused = await trigger(ids.prestashop);
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toMatch(/PAUSED/);
    expect((await hubOrders(CHANNELS.prestashop)).has(channelOrderId)).toBe(false);

    const resumed = await hub.data(`mutation($id: ID!) { resumeChannelConnection(id: $id) { status statusReason } }`, { id: ids.prestashop });
    expect(resumed.resumeChannelConnection).toEqual({ status: 'ACTIVE', statusReason: null });
    await waitFor('the order placed while paused', async () => (await hubOrders(CHANNELS.prestashop)).has(channelOrderId));
    await expectExactlyOnce('prestashop');
  });

  it('parks a connection whose credentials the channel refuses (401), with a clear reason, until resumed', async () => {
    // The sync started by the resume above, and the stock pushes its orders cause, must not take the
    // fault meant for this sync: wait until the simulator has been quiet for a while.
    await waitFor('the prestashop connection to be idle', async () => {
      const last = prestashop.requests().at(-1)?.at ?? 0;
      return !(await connection(ids.prestashop)).currentRun && Date.now() - last > 4000;
    }, 60_000);
    prestashop.faults.failNext(1, 401);
    const since = Date.now();
    await trigger(ids.prestashop);
    const parked = await waitFor('the connection to park', async () => {
      const current = await connection(ids.prestashop);
      return current.status === 'PARKED' ? current : null;
    });
    expect(parked.parkedReason).toMatch(/PrestaShop/);
    expect(parked.parkedReason).toMatch(/key|credential|401|auth/i);
    expect(parked.health).toMatchObject({ ok: false });
    const failedRun = parked.runs.find((run: any) => Date.parse(run.startedAt) >= since - 1000);
    expect(failedRun).toMatchObject({ status: 'FAILED', errorKind: 'AUTH' });
    expect((await trigger(ids.prestashop)).errors?.[0].extensions?.code).toBe('CONFLICT');

    const resumed = await hub.data(`mutation($id: ID!) { resumeChannelConnection(id: $id) { status parkedReason health { ok } } }`, { id: ids.prestashop });
    expect(resumed.resumeChannelConnection).toEqual({ status: 'ACTIVE', parkedReason: null, health: { ok: true } });
  });
});

describe('credentials at rest', () => {
  it('never sends stored credentials to a new address: moving a connection needs its credentials again', async () => {
    const UPDATE = `mutation($id: ID!, $input: UpdateChannelConnectionInput!) { updateChannelConnection(id: $id, input: $input) { id config } }`;
    const before = (await connection(ids.prestashop)).config;
    const moved = await hub.gql(UPDATE, { id: ids.prestashop, input: { config: { baseUrl: 'http://attacker.example' } } });
    expect(moved.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.config.apiKey' });
    expect((await connection(ids.prestashop)).config).toEqual(before);
    // The same address again is no move; a new address with the credential given is taken.
    const same = await hub.gql(UPDATE, { id: ids.prestashop, input: { config: { baseUrl: before.baseUrl } } });
    expect(same.errors).toBeUndefined();
    const withKey = await hub.gql(UPDATE, { id: ids.prestashop, input: { config: { baseUrl: before.baseUrl, apiKey: prestashop.config.apiKey } } });
    expect(withKey.errors).toBeUndefined();
  });

  it('parks a connection whose credentials no longer open (the key changed) and takes new ones through an update', async () => {
    await waitFor('the magento connection to be idle', async () => !(await connection(ids.magento)).currentRun);
    // As if the hub now ran with another OMS_SECRETS_KEY than the one that sealed these credentials.
    const connections = hub.stack.subgraphs.channels.connection.collection<{ _id: string; secrets: string }>('channel_connections');
    const sealed = (await connections.findOne({ _id: ids.magento }))!.secrets;
    await connections.updateOne({ _id: ids.magento }, { $set: { secrets: sealed.replace(/^(v\d)\.[^.]+\./, '$1.00000000.') } });
    await trigger(ids.magento);
    const parked = await waitFor('the connection to park', async () => {
      const current = await connection(ids.magento);
      return current.status === 'PARKED' ? current : null;
    });
    expect(parked.parkedReason).toMatch(/encrypted with another key/);

    const { accessToken: _token, ...withoutToken } = magento.config;
    const incomplete = await hub.gql(`mutation($id: ID!, $input: UpdateChannelConnectionInput!) { updateChannelConnection(id: $id, input: $input) { id } }`, { id: ids.magento, input: { config: withoutToken } });
    expect(incomplete.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.config.accessToken' });
    await hub.data(`mutation($id: ID!, $input: UpdateChannelConnectionInput!) { updateChannelConnection(id: $id, input: $input) { id } }`, { id: ids.magento, input: { config: { accessToken: magento.config.accessToken } } });
    const resumed = await hub.data(`mutation($id: ID!) { resumeChannelConnection(id: $id) { status config } }`, { id: ids.magento });
    expect(resumed.resumeChannelConnection).toMatchObject({ status: 'ACTIVE', config: { accessToken: '[redacted]' } });
    expect(await syncNow('magento')).toMatchObject({ status: 'SUCCEEDED' });
  });
});

describe('access', () => {
  it('lets a partner read only the connections of its channels, and nobody but the back office change them', async () => {
    const partner = await hub.createKey('PARTNER', { channels: [CHANNELS.magento] });
    const listed = await hub.gql(`{ channelConnections { id channel } }`, {}, partner.headers);
    expect(listed.data.channelConnections).toEqual([{ id: ids.magento, channel: CHANNELS.magento }]);
    const other = await hub.gql(`query($id: ID!) { channelConnection(id: $id) { id } }`, { id: ids.shopify }, partner.headers);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const pause = await hub.gql(`mutation($id: ID!) { pauseChannelConnection(id: $id) { id } }`, { id: ids.magento }, partner.headers);
    expect(pause.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const customer = await hub.createKey('CUSTOMER', { customerId: '64b000000000000000000001' });
    expect((await hub.gql(`{ channelConnections { id } }`, {}, customer.headers)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('outbound pushes', () => {
  it('confirms shipments shipped in the hub on each channel, with tracking', async () => {
    const shipped: Array<{ kind: Kind; channelOrderId: string; trackingNumber: string }> = [];
    for (const kind of ['shopify', 'magento', 'prestashop'] as Kind[]) {
      for (const channelOrderId of sims()[kind].orderIds().slice(0, 2)) {
        const order = await waitFor(`${kind} order ${channelOrderId} to have its shipment`, async () => {
          const found = (await hub.data(`query($c: String!, $id: String!) { orderByChannel(channel: $c, channelOrderId: $id) { id status shipments { id status } } }`, { c: CHANNELS[kind], id: channelOrderId })).orderByChannel;
          return found?.shipments.length && found.shipments.every((shipment: any) => shipment.status === 'PENDING') ? found : null;
        });
        for (const shipment of order.shipments) {
          const trackingNumber = `1Z${kind.toUpperCase()}${shipment.id.slice(-8)}`;
          await hub.data(`mutation($id: ID!) { pickShipment(id: $id) { id } }`, { id: shipment.id });
          await hub.data(`mutation($id: ID!) { packShipment(id: $id) { id } }`, { id: shipment.id });
          await hub.data(`mutation($input: ShipShipmentInput!) { shipShipment(input: $input) { id } }`, { input: { id: shipment.id, carrier: 'UPS', trackingNumber } });
          shipped.push({ kind, channelOrderId, trackingNumber });
        }
      }
    }
    for (const { kind, channelOrderId, trackingNumber } of shipped) {
      const fulfillments = await waitFor(`tracking ${trackingNumber} on ${kind}`, async () => {
        const found = sims()[kind].fulfillmentsOf(channelOrderId);
        return found.some((fulfillment) => fulfillment.trackingNumber === trackingNumber) ? found : null;
      });
      // Each hub shipment is confirmed once, however often its event is read.
      expect(fulfillments.filter((fulfillment) => fulfillment.trackingNumber === trackingNumber)).toHaveLength(1);
    }
    for (const kind of ['shopify', 'magento', 'prestashop'] as Kind[]) {
      await waitFor(`${kind} to count its fulfillments`, async () => (await connection(ids[kind])).counts.pushedFulfillments >= 2);
    }
  });

  it('publishes a stock change in the hub to every channel that lists the SKU: available − buffer', async () => {
    const available = async (sku: string) => (await hub.data(`query($sku: String!) { inventoryItem(sku: $sku) { available } }`, { sku })).inventoryItem.available as number;
    for (const kind of ['shopify', 'magento', 'prestashop'] as Kind[]) {
      const sku = sims()[kind].skus[0];
      // Several changes in a row: the channel ends up with the last one.
      await setStock(hub, sku, warehouse, 40);
      await setStock(hub, sku, warehouse, 30);
      await setStock(hub, sku, warehouse, 25 + BUFFER[kind]);
    }
    for (const kind of ['shopify', 'magento', 'prestashop'] as Kind[]) {
      for (const sku of sims()[kind].skus.slice(0, 1)) {
        const expected = Math.max(0, (await available(sku)) - BUFFER[kind]);
        await waitFor(`${kind} to show ${expected} of ${sku}`, async () => sims()[kind].stockOf(sku) === expected);
      }
      expect((await connection(ids[kind])).counts.pushedStock).toBeGreaterThan(0);
    }
    // A buffer larger than what is available publishes zero, never a negative quantity.
    const sku = prestashop.skus[1];
    const { reserved } = (await hub.data(`query($sku: String!) { inventoryItem(sku: $sku) { reserved } }`, { sku })).inventoryItem;
    await setStock(hub, sku, warehouse, reserved + BUFFER.prestashop - 2);
    expect(await available(sku)).toBe(BUFFER.prestashop - 2);
    await waitFor('prestashop to show 0', async () => prestashop.stockOf(sku) === 0);
  });
});
