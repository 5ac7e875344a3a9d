// The Magento connector against its simulator over real HTTP: reading orders (full, incremental, ties
// within one second, paging past the end), rate limits, auth and config failures, dead letters,
// MSI stock and shipments with tracking (idempotent per hub shipment).
import { createConnectorContext, isConnectorError, type CanonicalOrder, type ChannelRecord, type ConnectorContext } from '@oms/connector-kit';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { magentoConfigSchema, magentoConnector, startMagentoSimulator, type MagentoConfig, type MagentoSimulatorHandle } from '@oms/connector-magento';
import { ROUTES } from '@oms/connector-magento/src/simulator/routes';

// The context the runtime builds: config validated by the manifest, HTTP client from httpOptions.
const context = (config: MagentoConfig): ConnectorContext<MagentoConfig> => createConnectorContext({ connector: magentoConnector, config, channel: 'magento-test' });

async function readAll(ctx: ConnectorContext<MagentoConfig>, checkpoint: string | null) {
  const records: Array<ChannelRecord<CanonicalOrder>> = [];
  let last = checkpoint;
  for await (const batch of magentoConnector.streams.orders.read(ctx, checkpoint)) {
    records.push(...batch.records);
    last = batch.checkpoint;
  }
  const ok = records.filter((r): r is Extract<typeof r, { ok: true }> => r.ok);
  return { records, ok, checkpoint: last, ids: records.map((r) => r.channelId) };
}

async function expectConnectorError(promise: Promise<unknown>, kind: string, text: RegExp) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isConnectorError(error)).toBe(true);
  expect((error as { kind: string }).kind).toBe(kind);
  expect((error as Error).message).toMatch(text);
}

const ordersRequests = (sim: MagentoSimulatorHandle) => sim.requests().filter((r) => r.path === '/rest/default/V1/orders');

describe('Magento connector against the simulator', () => {
  let sim: MagentoSimulatorHandle;
  let ctx: ConnectorContext<MagentoConfig>;

  beforeEach(async () => {
    sim = await startMagentoSimulator({ orders: 25, pageSize: 10 });
    ctx = context(sim.config);
  });
  afterEach(() => sim.stop());

  it('reads every order once, mapped to the hub shape, with bearer auth and searchCriteria', async () => {
    const { records, ok, ids } = await readAll(ctx, null);
    expect(records).toHaveLength(25);
    expect(ok).toHaveLength(25);
    expect([...new Set(ids)].sort()).toEqual([...sim.orderIds()].sort());

    const request = ordersRequests(sim)[0];
    expect(request.headers.authorization).toBe(`Bearer ${sim.config.accessToken}`);
    expect(request.query).toContain('searchCriteria[sortOrders][0][field]=updated_at');
    expect(request.query).toContain('searchCriteria[pageSize]=10');

    // Order 7 is paid in USD, order 5 has a discount; compare with what Magento holds.
    for (const record of ok) {
      const raw = sim.store.orders.get(Number(record.channelId))!;
      const order = record.record;
      expect(order.channelOrderNumber).toBe(raw.increment_id);
      expect(order.currency).toBe(raw.order_currency_code);
      expect(order.customer.email).toBe(raw.customer_email);
      expect(order.customer.name).toBe(`${raw.billing_address!.firstname} ${raw.billing_address!.lastname}`);
      expect(order.shippingAddress.countryCode).toBe(raw.extension_attributes!.shipping_assignments![0].shipping.address!.country_id);
      expect(order.shippingPrice).toBe(Math.round(raw.shipping_amount * 100));
      expect(order.discount).toBe(Math.abs(Math.round(raw.discount_amount * 100)));
      expect(order.placedAt).toBe(`${raw.created_at.replace(' ', 'T')}.000Z`);
      const parents = raw.items.filter((item) => item.parent_item_id === undefined);
      expect(order.lines.map((line) => [line.channelLineId, line.sku, line.quantity, line.unitPrice, line.tax])).toEqual(
        parents.map((item) => [String(item.item_id), item.sku, item.qty_ordered, Math.round(item.price * 100), Math.round(item.tax_amount * 100)]),
      );
    }
    expect(ok.find((r) => r.channelId === '7')!.record.currency).toBe('USD');
    expect(ok.find((r) => r.channelId === '5')!.record.discount).toBeGreaterThan(0);
    // Configurable products come as parent + child lines in Magento; the hub gets the parent only.
    const withVariants = [...sim.store.orders.values()].find((o) => o.items.some((item) => item.parent_item_id !== undefined))!;
    const mapped = ok.find((r) => r.channelId === String(withVariants.entity_id))!.record;
    expect(mapped.lines.length).toBe(withVariants.items.filter((item) => item.parent_item_id === undefined).length);
    expect(mapped.lines.length).toBeLessThan(withVariants.items.length);
  });

  it('resumes from its checkpoint: only new and changed orders, cancellations mapped, nothing twice', async () => {
    const first = await readAll(ctx, null);
    const added = await sim.addOrders(3);
    sim.cancelOrder('4');
    const second = await readAll(ctx, first.checkpoint);
    expect(second.ids.sort()).toEqual([...added, '4'].sort());
    expect(second.ok.find((r) => r.channelId === '4')!.record.state).toBe('CANCELLED');
    expect(second.ok.filter((r) => r.channelId !== '4').every((r) => r.record.state === 'OPEN')).toBe(true);

    const third = await readAll(ctx, second.checkpoint);
    expect(third.records).toHaveLength(0);

    // Changes within the second the checkpoint stopped at (updated_at has second precision) are still read.
    const more = await sim.addOrders(1);
    sim.cancelOrder(added[0]);
    const fourth = await readAll(ctx, second.checkpoint);
    expect(fourth.ids.sort()).toEqual([...more, added[0]].sort());
    const fifth = await readAll(ctx, fourth.checkpoint);
    expect(fifth.records).toHaveLength(0);
  });

  it('pages through more orders per second than fit a page, and stops by total_count past the end', async () => {
    // Seeded orders share seconds three at a time; a page of two has to page within one second.
    const small = context(magentoConfigSchema.parse({ ...sim.config, pageSize: 2 }));
    const { ids } = await readAll(small, null);
    expect(ids).toEqual(sim.orderIds());
    expect(ordersRequests(sim).length).toBeLessThan(40);

    // Magento answers a page past the end with the last page again.
    const url = `${sim.baseUrl}/rest/default/V1/orders?searchCriteria[pageSize]=10&searchCriteria[currentPage]=99`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${sim.config.accessToken}` } });
    const body = (await response.json()) as { items: Array<{ entity_id: number }>; total_count: number };
    expect(body.total_count).toBe(25);
    expect(body.items.map((o) => o.entity_id)).toEqual([21, 22, 23, 24, 25]);
  });

  it('waits out 429 Retry-After and retries 5xx, then reads everything', async () => {
    sim.faults.rateLimitNext(2, 1);
    const { records } = await readAll(ctx, null);
    expect(records).toHaveLength(25);
    const calls = ordersRequests(sim);
    expect(calls.slice(0, 3).map((r) => r.status)).toEqual([429, 429, 200]);
    // Each retry came no sooner than the Retry-After the simulator asked for.
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(1000);
    expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(1000);

    sim.faults.failNext(2, 503);
    const again = await readAll(ctx, null);
    expect(again.records).toHaveLength(25);

    // A connection reset mid-read is retried; the read still returns every order exactly once.
    sim.faults.crashAfterRequests(1);
    const afterReset = await readAll(ctx, null);
    expect(afterReset.ids).toEqual(sim.orderIds());
    expect(sim.requests().some((r) => r.status === 0)).toBe(true);
  });

  it('answers searchCriteria like Magento: OR inside a group, AND across groups, in/lteq/neq', async () => {
    const get = async (query: string) => {
      const response = await fetch(`${sim.baseUrl}/rest/default/V1/orders?${query}`, { headers: { authorization: `Bearer ${sim.config.accessToken}` } });
      return { status: response.status, body: (await response.json()) as any };
    };
    const f = (g: number, i: number, field: string, value: string, type: string) =>
      `searchCriteria[filter_groups][${g}][filters][${i}][field]=${field}&searchCriteria[filter_groups][${g}][filters][${i}][value]=${encodeURIComponent(value)}&searchCriteria[filter_groups][${g}][filters][${i}][condition_type]=${type}`;
    const either = await get(`${f(0, 0, 'entity_id', '3', 'eq')}&${f(0, 1, 'entity_id', '9,11', 'in')}`);
    expect(either.body.items.map((o: any) => o.entity_id)).toEqual([3, 9, 11]);
    const both = await get(`${f(0, 0, 'entity_id', '10', 'lteq')}&${f(1, 0, 'state', 'new', 'neq')}&searchCriteria[sortOrders][0][field]=entity_id&searchCriteria[sortOrders][0][direction]=DESC`);
    expect(both.body.items.map((o: any) => o.entity_id)).toEqual([10, 9, 7, 6, 5, 3, 2, 1]);
    expect(both.body.search_criteria.filter_groups).toHaveLength(2);
    const missing = await get('foo=bar');
    expect(missing).toEqual({ status: 400, body: { message: '"%fieldName" is required. Enter and try again.', parameters: { fieldName: 'searchCriteria' } } });
    const tooBig = await get('searchCriteria[pageSize]=301');
    expect(tooBig).toEqual({ status: 400, body: { message: 'Maximum SearchCriteria pageSize is %max', parameters: { max: 300 } } });
  });

  it('reports a rejected token as AUTH naming accessToken, for check and for reads', async () => {
    const bad = context(sim.badCredentialsConfig);
    await expectConnectorError(magentoConnector.check(bad), 'AUTH', /accessToken/);
    await expectConnectorError(readAll(bad, null), 'AUTH', /isn't authorized to access Magento_Sales::actions_view/);
  });

  it('checks the store view and the MSI source, naming the field to fix', async () => {
    await expect(magentoConnector.check(ctx)).resolves.toMatchObject({ ok: true, details: { storeCode: 'default', baseCurrency: 'EUR' } });
    await expectConnectorError(magentoConnector.check(context({ ...sim.config, storeCode: 'nl_store' })), 'CONFIG', /storeCode/);
    await expectConnectorError(magentoConnector.check(context({ ...sim.config, sourceCode: 'nowhere' })), 'CONFIG', /sourceCode/);
    expect(() => magentoConfigSchema.parse({ baseUrl: 'shop', accessToken: 'x' })).toThrow(/baseUrl/);
    expect(() => magentoConfigSchema.parse({ baseUrl: 'https://shop.example.com', accessToken: '' })).toThrow(/accessToken/);
  });

  it('dead-letters a corrupt order with the reason and imports the rest', async () => {
    sim.corruptOrder('3');
    const { records, ok } = await readAll(ctx, null);
    expect(ok).toHaveLength(24);
    const bad = records.find((r) => !r.ok);
    expect(bad).toMatchObject({ ok: false, channelId: '3' });
    expect((bad as { reason: string }).reason).toMatch(/order_currency_code/);
  });

  it('publishes stock to MSI source items in one call', async () => {
    const [a, b] = sim.skus;
    await magentoConnector.writers.setStock!(ctx, [
      { sku: a, quantity: 7 },
      { sku: b, quantity: 0 },
      { sku: a, quantity: 3, channelLocationId: 'warehouse_eu' },
    ]);
    expect(sim.stockOf(a)).toBe(7);
    expect(sim.stockOf(b)).toBe(0);
    expect(sim.stockOf(a, 'warehouse_eu')).toBe(3);
    const posts = sim.requests().filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].path).toBe('/rest/V1/inventory/source-items');
    expect(posts[0].body).toEqual({
      sourceItems: [
        { sku: a, source_code: 'default', quantity: 7, status: 1 },
        { sku: b, source_code: 'default', quantity: 0, status: 0 },
        { sku: a, source_code: 'warehouse_eu', quantity: 3, status: 1 },
      ],
    });
    await expectConnectorError(magentoConnector.writers.setStock!(ctx, [{ sku: a, quantity: 1, channelLocationId: 'nowhere' }]), 'BAD_RECORD', /Could not save Source Item/);
  });

  it('publishes the other SKUs when Magento refuses the request for one it does not know, and names that SKU', async () => {
    const [a, b] = sim.skus;
    const result = await magentoConnector.writers.setStock!(ctx, [
      { sku: a, quantity: 11 },
      { sku: 'NOT-IN-CATALOGUE', quantity: 4 },
      { sku: b, quantity: 5 },
    ]);
    expect(sim.stockOf(a)).toBe(11);
    expect(sim.stockOf(b)).toBe(5);
    expect(sim.stockOf('NOT-IN-CATALOGUE')).toBeUndefined();
    expect(result.rejected).toEqual([{ sku: 'NOT-IN-CATALOGUE', channelLocationId: 'default', reason: expect.stringContaining('NOT-IN-CATALOGUE') }]);
    // The simulator refused the first request whole, as MSI does; the second carried the known SKUs only.
    const posts = sim.requests().filter((r) => r.method === 'POST');
    expect(posts.map((post) => post.status)).toEqual([400, 200]);
    expect((posts[1].body as { sourceItems: Array<{ sku: string }> }).sourceItems.map((item) => item.sku)).toEqual([a, b]);
  });

  it('reads back the quantities it published at its source, many SKUs per request', async () => {
    const skus = sim.skus.slice(0, 3);
    sim.store.setSourceQuantity(skus[0], 42);
    sim.store.setSourceQuantity(skus[1], 9, 'warehouse_eu');
    const published = await magentoConnector.readers!.publishedStock!(ctx, [...skus, 'NOT-IN-CATALOGUE']);
    expect(published).toEqual([
      { sku: skus[0], channelLocationId: 'default', quantity: 42 },
      { sku: skus[1], channelLocationId: 'default', quantity: sim.stockOf(skus[1]) },
      { sku: skus[2], channelLocationId: 'default', quantity: sim.stockOf(skus[2]) },
      { sku: 'NOT-IN-CATALOGUE', channelLocationId: 'default', quantity: null },
    ]);
    const reads = sim.requests().filter((r) => r.method === 'GET' && r.path === '/rest/V1/inventory/source-items');
    expect(reads).toHaveLength(1);
  });

  it('creates a shipment with its track once per hub shipment, and completes the order', async () => {
    const { ok } = await readAll(ctx, null);
    const order = ok.find((r) => r.channelId === '2')!.record;
    const fulfillment = {
      channelOrderId: '2',
      shipmentId: 'shp_123',
      lines: order.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, channelLineId: line.channelLineId })),
      carrier: 'DHL',
      trackingNumber: 'JD0001234567',
      trackingUrl: 'https://www.dhl.com/track?id=JD0001234567',
      shippedAt: new Date().toISOString(),
    };
    const first = await magentoConnector.writers.createFulfillment!(ctx, fulfillment);
    const second = await magentoConnector.writers.createFulfillment!(ctx, fulfillment);
    expect(second.reference).toBe(first.reference);
    expect(sim.fulfillmentsOf('2')).toEqual([{ trackingNumber: 'JD0001234567', carrier: 'DHL', trackingUrl: fulfillment.trackingUrl }]);
    const ships = sim.requests().filter((r) => r.path === '/rest/default/V1/order/2/ship');
    expect(ships).toHaveLength(1);
    expect(ships[0].body).toMatchObject({ tracks: [{ track_number: 'JD0001234567', title: 'DHL', carrier_code: 'dhl' }], items: order.lines.map((l) => ({ order_item_id: Number(l.channelLineId), qty: l.quantity })) });
    expect(sim.store.orders.get(2)!.state).toBe('complete');

    // The order moved on: an incremental read sees it again, still OPEN.
    const { ok: after } = await readAll(ctx, null);
    expect(after.find((r) => r.channelId === '2')!.record.state).toBe('OPEN');
  });

  it('ships by SKU when the hub has no Magento line ids, and refuses a cancelled order as a bad record', async () => {
    const raw = sim.store.orders.get(6)!;
    const line = raw.items.find((item) => item.parent_item_id === undefined)!;
    const result = await magentoConnector.writers.createFulfillment!(ctx, {
      channelOrderId: '6',
      shipmentId: 'shp_sku',
      lines: [{ sku: line.sku!, quantity: 1 }],
      carrier: 'Royal Mail',
      trackingNumber: 'RM123',
      shippedAt: new Date().toISOString(),
    });
    expect(result.reference).toMatch(/^\d+$/);
    expect(sim.fulfillmentsOf('6')).toEqual([{ trackingNumber: 'RM123', carrier: 'Royal Mail' }]);
    expect(sim.requests().find((r) => r.path.endsWith('/order/6/ship'))!.body).toMatchObject({ items: [{ order_item_id: line.item_id, qty: 1 }], tracks: [{ carrier_code: 'custom' }] });

    sim.cancelOrder('8');
    await expectConnectorError(
      magentoConnector.writers.createFulfillment!(ctx, { channelOrderId: '8', shipmentId: 'shp_x', lines: [{ sku: sim.store.orders.get(8)!.items[0].sku!, quantity: 1 }], carrier: 'UPS', trackingNumber: '1Z999', shippedAt: new Date().toISOString() }),
      'BAD_RECORD',
      /does not allow a shipment/,
    );
    expect(sim.fulfillmentsOf('8')).toEqual([]);
  });
});

describe('Magento connector documentation', () => {
  it("names in its README every ACL resource the calls need, as Magento's webapi.xml names them", () => {
    const readme = readFileSync(path.join(__dirname, '../../connectors/magento/README.md'), 'utf8');
    const named = new Set(readme.match(/Magento_\w+::\w+/g));
    for (const route of ROUTES) expect(named).toContain(route.acl);
    // Real resources only: InventoryApi has no `source_item` resource.
    expect(named).not.toContain('Magento_InventoryApi::source_item');
  });
});
