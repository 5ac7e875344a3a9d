// The PrestaShop connector against its simulator over real HTTP: reading orders (full, incremental,
// keyset paging through seconds shared by several orders, changes while paging), the Webservice's
// syntax on the wire, rate limits, outages, auth and config failures, dead letters, stock through
// stock_availables and shipments through order_carriers + order_histories (idempotent per shipment).
import { createChannelHttpClient, createConnectorContext, isConnectorError, kitLogger, type CanonicalOrder, type ChannelRecord, type ConnectorContext, type StreamBatch } from '@oms/connector-kit';
import { prestashopConfigSchema, prestashopConnector, prestashopHttpOptions, startPrestashopSimulator, type PrestashopConfig, type PrestashopSimulatorHandle } from '@oms/connector-prestashop';

function context(config: PrestashopConfig): ConnectorContext<PrestashopConfig> {
  const log = kitLogger('prestashop-test');
  // The manifest's polite pace would only slow the tests down; retries are shortened for the same reason.
  const http = createChannelHttpClient({ ...prestashopHttpOptions(config), rateLimit: { requestsPerSecond: 1000, burst: 1000, maxConcurrent: 8 }, log, retry: { initialDelayMs: 20, maxDelayMs: 100 } });
  return { config, channel: 'prestashop-test', log, http };
}

async function readAll(ctx: ConnectorContext<PrestashopConfig>, checkpoint: string | null) {
  const records: Array<ChannelRecord<CanonicalOrder>> = [];
  const batches: number[] = [];
  let last = checkpoint;
  for await (const batch of prestashopConnector.streams.orders.read(ctx, checkpoint)) {
    records.push(...batch.records);
    batches.push(batch.records.length);
    last = batch.checkpoint;
  }
  const ok = records.flatMap((record) => (record.ok ? [record.record] : []));
  return { records, ok, batches, checkpoint: last, ids: records.map((record) => record.channelId) };
}

async function connectorError(promise: Promise<unknown>): Promise<{ kind: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isConnectorError(error)) throw new Error(`expected a ConnectorError, got ${String(error)}`);
  return error;
}

const authorization = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
const rawOrder = (sim: PrestashopSimulatorHandle, id: string) => fetch(`${sim.baseUrl}/api/orders/${id}?output_format=JSON`, { headers: { authorization: authorization(sim.config.apiKey) } }).then((response) => response.json() as Promise<any>);
const orderListRequests = (sim: PrestashopSimulatorHandle) => sim.requests().filter((request) => request.method === 'GET' && request.path.startsWith('/api/orders?'));
const sorted = (ids: string[]) => [...ids].sort((a, b) => Number(a) - Number(b));

describe('PrestaShop connector against the simulator', () => {
  let sim: PrestashopSimulatorHandle;
  let ctx: ConnectorContext<PrestashopConfig>;

  beforeEach(async () => {
    sim = await startPrestashopSimulator({ orders: 25, pageSize: 4 });
    ctx = context(sim.config);
  });
  afterEach(() => sim.stop());

  it('reads every order once, oldest change first, mapped to the hub shape', async () => {
    const { records, ok, ids } = await readAll(ctx, null);
    expect(records).toHaveLength(25);
    expect(ok).toHaveLength(25);
    expect(sorted(ids)).toEqual(sim.orderIds());
    // Seeded orders 7, 14 and 21 were edited hours after the others were placed: they come last.
    expect(ids.slice(-3)).toEqual(['7', '14', '21']);
    const updated = ok.map((order) => order.updatedAt);
    expect(updated).toEqual([...updated].sort());
    expect(ok.every((order) => order.state === 'OPEN')).toBe(true);

    // Compare one order with what the shop holds, read through the Webservice itself.
    const order = ok.find((candidate) => candidate.channelOrderId === '1')!;
    const raw = await rawOrder(sim, '1');
    const rows = raw.order.associations.order_rows as Array<Record<string, string>>;
    expect(order.lines.map((line) => [line.sku, line.quantity])).toEqual(rows.map((row) => [row.product_reference, Number(row.product_quantity)]));
    for (const [index, row] of rows.entries()) {
      expect(order.lines[index].unitPrice).toBe(Math.round(Number(row.unit_price_tax_excl) * 100));
      expect(order.lines[index].tax).toBe((Math.round(Number(row.unit_price_tax_incl) * 100) - Math.round(Number(row.unit_price_tax_excl) * 100)) * Number(row.product_quantity));
      expect(order.lines[index].channelLineId).toBe(row.id);
    }
    expect(order.channelOrderNumber).toBe(raw.order.reference);
    expect(order.shippingPrice).toBe(Math.round(Number(raw.order.total_shipping_tax_incl) * 100));
    expect(order.placedAt).toBe(`${raw.order.date_add.replace(' ', 'T')}.000Z`);
    expect(order.customer.email).toMatch(/@example\.com$/);
    expect(order.shippingAddress.countryCode).toMatch(/^[A-Z]{2}$/);

    // A US address carries its state, a Japanese order is in yen (no minor units).
    const us = ok.find((candidate) => candidate.shippingAddress.countryCode === 'US')!;
    expect(us.shippingAddress.region).toBe('TX');
    expect(us.currency).toBe('USD');
    const jp = ok.find((candidate) => candidate.currency === 'JPY')!;
    const jpRaw = await rawOrder(sim, jp.channelOrderId);
    expect(jp.lines[0].unitPrice).toBe(Number(jpRaw.order.associations.order_rows[0].unit_price_tax_excl));
    expect(jp.shippingPrice).toBe(800);
  });

  it("speaks the Webservice's syntax: Basic auth with the key, JSON output, date=1 range filter, sort and limit=offset,n", async () => {
    await readAll(ctx, null);
    const first = orderListRequests(sim)[0];
    expect(first.headers.authorization).toBe(authorization(sim.config.apiKey));
    expect(first.path).toContain('output_format=JSON');
    expect(first.path).toContain('display=full');
    expect(first.path).toContain('date=1');
    expect(first.path).toMatch(/filter\[date_upd\]=\[1970-01-01 00:00:00,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\]/);
    expect(first.path).toContain('sort=[date_upd_ASC,id_ASC]');
    expect(first.path).toContain('limit=0,4');
  });

  it('pages through seconds shared by several orders without losing or repeating one, related records fetched per page', async () => {
    // Seeded orders come two per second; pages of 3 stop inside seconds.
    const small = context({ ...sim.config, pageSize: 3 });
    const { ids, batches } = await readAll(small, null);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    expect(Math.max(...batches)).toBeLessThanOrEqual(3);
    // The rest of a second is read by id after the checkpoint's id, from offset 0.
    expect(orderListRequests(sim).some((request) => /filter\[id\]=\[\d+,4294967295\]/.test(request.path) && /filter\[date_upd\]=\[(.{19}),\1\]/.test(request.path))).toBe(true);

    // Customers and addresses are fetched once per page with filter[id]=[a|b|c], never once per order.
    const customerRequests = sim.requests().filter((request) => request.path.startsWith('/api/customers?'));
    expect(customerRequests).toHaveLength(batches.length);
    expect(customerRequests[0].path).toMatch(/filter\[id\]=\[\d+(\|\d+)*\]/);
    // Countries and currencies are fetched once per read at most, per id.
    const countryIds = sim.requests().filter((request) => request.path.startsWith('/api/countries?')).flatMap((request) => /filter\[id\]=\[([^\]]+)\]/.exec(request.path)![1].split('|'));
    expect(new Set(countryIds).size).toBe(countryIds.length);
  });

  it('loses nothing when an order changes while the read is paging', async () => {
    const seen: string[] = [];
    let changed = false;
    for await (const batch of prestashopConnector.streams.orders.read(ctx, null)) {
      seen.push(...batch.records.map((record) => record.channelId));
      if (!changed) {
        // An order of the first page changes: with offset paging every later order would shift by one.
        sim.cancelOrder(seen[0]);
        changed = true;
      }
    }
    expect(new Set(seen)).toEqual(new Set(sim.orderIds()));
    expect(seen.filter((id) => id === seen[0])).toHaveLength(2);
    expect(seen[seen.length - 1]).toBe(seen[0]);
  });

  it('reads incrementally from the checkpoint: nothing twice, new, cancelled and corrected orders once', async () => {
    const full = await readAll(ctx, null);
    expect(JSON.parse(full.checkpoint!)).toEqual({ dateUpd: '2024-03-01 11:10:00', id: 21 });

    const again = await readAll(ctx, full.checkpoint);
    expect(again.records).toHaveLength(0);
    expect(again.checkpoint).toBe(full.checkpoint);

    const added = await sim.addOrders(5);
    sim.cancelOrder('3');
    const next = await readAll(ctx, full.checkpoint);
    expect(next.ids).toEqual([...added, '3']);
    expect(next.ok.find((order) => order.channelOrderId === '3')!.state).toBe('CANCELLED');

    // The five new orders share one second: a sync stopped after a page inside it resumes after its last id.
    const stopped = prestashopConnector.streams.orders.read(context({ ...sim.config, pageSize: 2 }), full.checkpoint)[Symbol.asyncIterator]();
    const firstPage = (await stopped.next()).value as StreamBatch<CanonicalOrder>;
    await stopped.return?.(undefined);
    expect(firstPage.records.map((record) => record.channelId)).toEqual(added.slice(0, 2));
    expect(JSON.parse(firstPage.checkpoint)).toEqual({ dateUpd: '2024-03-01 11:10:01', id: Number(added[1]) });
    expect((await readAll(ctx, firstPage.checkpoint)).ids).toEqual([...added.slice(2), '3']);

    expect((await readAll(ctx, next.checkpoint)).records).toHaveLength(0);
  });

  it('leaves changes of the last settleSeconds for the next read (a second in progress can still gain changes)', async () => {
    const live = await startPrestashopSimulator({ orders: 2, clockStart: Date.now() - 10_000 });
    try {
      // Both orders were placed about ten seconds ago.
      const patient = await readAll(context({ ...live.config, settleSeconds: 60 }), null);
      expect(patient.ids).toEqual([]);
      expect(patient.checkpoint).toBeNull();
      const upperBound = /filter\[date_upd\]=\[[^,]+,([^\]]+)\]/.exec(orderListRequests(live)[0].path)![1];
      expect(Date.parse(`${upperBound.replace(' ', 'T')}Z`)).toBeLessThanOrEqual(Date.now() - 59_000);

      const prompt = await readAll(context({ ...live.config, settleSeconds: 2 }), null);
      expect(prompt.ids).toEqual(['1', '2']);
    } finally {
      await live.stop();
    }
  });

  it('converts shop-local dates to UTC with the configured time zone', async () => {
    const paris = context({ ...sim.config, timeZone: 'Europe/Paris' });
    const { ok } = await readAll(paris, null);
    // 2024-03-01 08:00:00 in Paris (CET, UTC+1) is 07:00 UTC.
    expect(ok.find((order) => order.channelOrderId === '1')!.placedAt).toBe('2024-03-01T07:00:00.000Z');
  });

  it('dead-letters an unusable order with the reason and maps the others', async () => {
    sim.corruptOrder('4');
    const { records } = await readAll(ctx, null);
    expect(records).toHaveLength(25);
    const bad = records.filter((record) => !record.ok);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ ok: false, channelId: '4' });
    expect((bad[0] as { reason: string }).reason).toMatch(/order 4: associations\.order_rows\[0\]\.product_reference: is required/);
    expect((bad[0] as { raw: { id: number } }).raw.id).toBe(4);
  });

  it('waits out 429 Retry-After and retries an outage or a reset connection', async () => {
    sim.faults.rateLimitNext(2, 1);
    const started = Date.now();
    const { ids } = await readAll(ctx, null);
    expect(ids).toHaveLength(25);
    const limited = sim.requests().filter((request) => request.status === 429);
    expect(limited).toHaveLength(2);
    const retried = sim.requests()[2];
    expect(retried.status).toBe(200);
    expect(retried.at! - limited[1].at!).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);

    sim.faults.failNext(2, 503);
    sim.faults.crashAfterRequests(4);
    const again = await readAll(ctx, null);
    expect(again.ids).toHaveLength(25);
    expect(sim.requests().filter((request) => request.status === 503)).toHaveLength(2);
    expect(sim.requests().filter((request) => request.status === 0)).toHaveLength(1);
  });

  it('honours a configured rate limit with 429 + Retry-After', async () => {
    const limited = await startPrestashopSimulator({ orders: 3, pageSize: 3, rateLimit: { requestsPerSecond: 5, burst: 3 } });
    try {
      const { ids } = await readAll(context(limited.config), null);
      expect(ids).toHaveLength(3);
      const refused = limited.requests().filter((request) => request.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      // Every refused request was sent again after its Retry-After and went through.
      expect(limited.requests().filter((request) => request.status === 200).length).toBe(limited.requests().length - refused.length);
    } finally {
      await limited.stop();
    }
  });

  it('refuses a wrong key with AUTH naming apiKey, as the Webservice answers it', async () => {
    const bad = context(sim.badCredentialsConfig);
    const checkError = await connectorError(prestashopConnector.check(bad));
    expect(checkError.kind).toBe('AUTH');
    expect(checkError.message).toMatch(/apiKey/);
    const readError = await connectorError(readAll(bad, null));
    expect(readError.kind).toBe('AUTH');
    expect(readError.message).toMatch(/Authentification key is not active \(code 20\)/);

    const raw = await fetch(`${sim.baseUrl}/api/orders?output_format=JSON`, { headers: { authorization: authorization('short') } });
    expect(raw.status).toBe(401);
    expect(raw.headers.get('www-authenticate')).toBe('Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."');
    expect(await raw.json()).toEqual({ errors: [{ code: 18, message: 'Invalid authentication key format' }] });
    const xml = await fetch(`${sim.baseUrl}/api/orders`, { headers: { authorization: authorization('short') } }).then((response) => response.text());
    expect(xml).toContain('<message><![CDATA[Invalid authentication key format]]></message>');
  });

  it('checks a connection: key, permissions and order states; the runtime builds it from the manifest', async () => {
    const runtime = createConnectorContext({ connector: prestashopConnector, config: { baseUrl: `${sim.baseUrl}/api/`, apiKey: sim.config.apiKey } as PrestashopConfig, channel: 'prestashop-eu' });
    const result = await prestashopConnector.check(runtime);
    expect(result.details).toMatchObject({ shopName: 'OMS Simulated Shop', webserviceVersion: '8.1.7', orderStates: { shipped: 'Shipped', cancelled: 'Canceled' } });

    const wrongState = await connectorError(prestashopConnector.check(context({ ...sim.config, orderStates: { shipped: 99, cancelled: 6 } })));
    expect(wrongState).toMatchObject({ kind: 'CONFIG' });
    expect(wrongState.message).toMatch(/orderStates\.shipped: PrestaShop has no order state 99/);

    const notAShop = await connectorError(prestashopConnector.check(context({ ...sim.config, baseUrl: `${sim.baseUrl}/shop` })));
    expect(notAShop.kind).toBe('CONFIG');

    expect(() => createConnectorContext({ connector: prestashopConnector, config: { baseUrl: sim.baseUrl, apiKey: 'too-short' } as never, channel: 'x' })).toThrow(/apiKey: must be the 32-character PrestaShop Webservice key/);
    expect(prestashopConfigSchema.safeParse({ baseUrl: sim.baseUrl, apiKey: sim.config.apiKey, timeZone: 'Mars/Olympus' }).success).toBe(false);
  });

  it('publishes stock through stock_availables (products and combinations), batched, reporting unknown SKUs and skipping unchanged quantities', async () => {
    const [simple, , , , , combination] = sim.skus;
    const result = await prestashopConnector.writers.setStock!(ctx, [
      { sku: simple, quantity: 7 },
      { sku: combination, quantity: 3 },
      { sku: 'NOT-ON-THIS-SHOP', quantity: 5 },
      { sku: 'BAD[SKU]', quantity: 1 },
    ]);
    expect(sim.stockOf(simple)).toBe(7);
    expect(sim.stockOf(combination)).toBe(3);
    expect(result.reference).toMatch(/^stock_availables:\d+,\d+$/);
    // Not a silent success: the SKUs the shop could not take are named, with the reason.
    expect(result.rejected).toEqual([
      { sku: 'BAD[SKU]', reason: expect.stringContaining('filter syntax') },
      { sku: 'NOT-ON-THIS-SHOP', reason: 'PrestaShop has no product or combination with reference "NOT-ON-THIS-SHOP"' },
    ]);

    const puts = sim.requests().filter((request) => request.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[0].path).toMatch(/^\/api\/stock_availables\/\d+\?/);
    expect(puts[0].headers['content-type']).toBe('application/xml');
    // PUT replaces the object: every field goes back, only the quantity changed.
    expect(puts[0].body).toEqual({ prestashop: { stock_available: { id: expect.any(String), id_product: '1', id_product_attribute: '0', id_shop: '1', id_shop_group: '0', quantity: '7', depends_on_stock: '0', out_of_stock: '2', location: '' } } });
    // One lookup per resource for all SKUs, not one per SKU.
    expect(sim.requests().filter((request) => request.path.startsWith('/api/products?'))).toHaveLength(1);
    expect(sim.requests().filter((request) => request.path.startsWith('/api/stock_availables?'))).toHaveLength(1);

    const writes = sim.requests().length;
    await prestashopConnector.writers.setStock!(ctx, [{ sku: simple, quantity: 7 }]);
    expect(sim.requests().slice(writes).filter((request) => request.method === 'PUT')).toHaveLength(0);
  });

  it("writes a multistore shop's own stock row when the level names it (channelLocationId = id_shop)", async () => {
    const [simple] = sim.skus;
    await prestashopConnector.writers.setStock!(ctx, [
      { sku: simple, channelLocationId: '2', quantity: 11 },
      { sku: simple, channelLocationId: '1', quantity: 9 },
    ]);
    expect(sim.stockOf(simple)).toBe(9);
    // The simulated shop is shop 1 only: the level for shop 2 finds no row and writes nothing.
    expect(sim.requests().filter((request) => request.method === 'PUT')).toHaveLength(1);
  });

  it('reads back what the shop shows for many SKUs in a few batched requests', async () => {
    const [simple, other, , , , combination] = sim.skus;
    sim.setStockOf(simple, 13);
    sim.setStockOf(combination, 4);
    const before = sim.requests().length;
    const published = await prestashopConnector.readers!.publishedStock!(ctx, [simple, combination, other, 'NOT-ON-THIS-SHOP']);
    expect(published).toEqual([
      { sku: simple, channelLocationId: '1', quantity: 13 },
      { sku: combination, channelLocationId: '1', quantity: 4 },
      { sku: other, channelLocationId: '1', quantity: sim.stockOf(other) },
      { sku: 'NOT-ON-THIS-SHOP', quantity: null },
    ]);
    // products, combinations, stock_availables: one list each, whatever the number of SKUs.
    expect(sim.requests().slice(before)).toHaveLength(3);
  });

  it('marks an order shipped with tracking, once per hub shipment, and adds a parcel for a further shipment', async () => {
    const shipment = { channelOrderId: '3', shipmentId: 'shp_1', lines: [], carrier: 'UPS', trackingNumber: '1Z999AA10123456784', shippedAt: new Date().toISOString() };
    expect(sim.orderStateOf('3')).not.toBe(4);
    await prestashopConnector.writers.createFulfillment!(ctx, shipment);
    expect(sim.fulfillmentsOf('3')).toEqual([{ trackingNumber: '1Z999AA10123456784', carrier: 'UPS', trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' }]);
    expect(sim.orderStateOf('3')).toBe(4);
    expect(sim.emailsSent()).toEqual([{ orderId: 3, stateId: 4 }]);
    const history = sim.requests().find((request) => request.method === 'POST' && request.path.startsWith('/api/order_histories'))!;
    expect(history.body).toEqual({ prestashop: { order_history: { id_order: '3', id_order_state: '4' } } });

    // A replay (a retry, or a crash after the first write) writes nothing.
    const before = sim.requests().length;
    await prestashopConnector.writers.createFulfillment!(ctx, shipment);
    expect(sim.requests().slice(before).filter((request) => request.method !== 'GET')).toHaveLength(0);
    expect(sim.fulfillmentsOf('3')).toHaveLength(1);

    // A second parcel: its own carrier row, the order stays Shipped without a second history.
    await prestashopConnector.writers.createFulfillment!(ctx, { ...shipment, shipmentId: 'shp_2', carrier: 'Some local courier', trackingNumber: 'LOCAL-42' });
    expect(sim.fulfillmentsOf('3').map((fulfillment) => fulfillment.trackingNumber)).toEqual(['1Z999AA10123456784', 'LOCAL-42']);
    expect(sim.requests().filter((request) => request.method === 'POST' && request.path.startsWith('/api/order_histories'))).toHaveLength(1);
  });

  it('refuses to ship a cancelled or unknown order as a bad record', async () => {
    const shipment = { shipmentId: 'shp_x', lines: [], carrier: 'DHL', trackingNumber: 'JD0001', shippedAt: new Date().toISOString() };
    sim.cancelOrder('10');
    const cancelled = await connectorError(prestashopConnector.writers.createFulfillment!(ctx, { ...shipment, channelOrderId: '10' }));
    expect(cancelled.kind).toBe('BAD_RECORD');
    expect(cancelled.message).toMatch(/order 10 is cancelled/);
    const unknown = await connectorError(prestashopConnector.writers.createFulfillment!(ctx, { ...shipment, channelOrderId: '9999' }));
    expect(unknown.kind).toBe('BAD_RECORD');
    expect(sim.fulfillmentsOf('10')).toEqual([]);
  });
});
