// The eBay connector against its simulator over real HTTP: OAuth refresh-token access (caching, early
// refresh, one refresh in flight, a token eBay drops, invalid_grant), getOrders windows with offset
// paging, mapping (money, cancellations, promises, eBay-fulfilled and unpaid orders), eBay's error
// bodies, bulk stock updates with per-SKU refusals, published stock, and shipping fulfillments.
import { createChannelHttpClient, isConnectorError, kitLogger, type CanonicalOrder, type ChannelRecord, type ConnectorContext } from '@oms/connector-kit';
import { classifyEbayResponse, ebayConnector, ebayHttpOptions, startEbaySimulator, type EbayConfig, type EbaySimulatorHandle } from '@oms/connector-ebay';

function context(config: EbayConfig): ConnectorContext<EbayConfig> {
  const log = kitLogger('ebay-test');
  // The manifest's pace would only slow the tests down; retries are shortened for the same reason.
  const http = createChannelHttpClient({ ...ebayHttpOptions(config), rateLimit: { requestsPerSecond: 1000, burst: 1000, maxConcurrent: 8 }, log, retry: { initialDelayMs: 20, maxDelayMs: 100 } });
  return { config, channel: 'ebay-test', log, http };
}

async function readAll(ctx: ConnectorContext<EbayConfig>, checkpoint: string | null) {
  const records: Array<ChannelRecord<CanonicalOrder>> = [];
  let last = checkpoint;
  for await (const batch of ebayConnector.streams.orders.read(ctx, checkpoint)) {
    records.push(...batch.records);
    last = batch.checkpoint;
  }
  const ok = records.flatMap((record) => (record.ok ? [record.record] : []));
  return { records, ok, checkpoint: last, ids: records.map((record) => record.channelId) };
}

async function connectorError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isConnectorError(error)) throw new Error(`expected a ConnectorError, got ${String(error)}`);
  return error;
}

const minor = (value: string) => Math.round(Number(value) * 100);
const orderPages = (sim: EbaySimulatorHandle) => sim.requests().filter((request) => request.method === 'GET' && request.path === '/sell/fulfillment/v1/order');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('eBay connector against the simulator', () => {
  const sims: EbaySimulatorHandle[] = [];
  async function simulator(options: Parameters<typeof startEbaySimulator>[0]) {
    const sim = await startEbaySimulator(options);
    sims.push(sim);
    return sim;
  }
  afterAll(() => Promise.all(sims.map((sim) => sim.stop())));

  describe('OAuth', () => {
    it('refreshes the user token with Basic client credentials once, and every call after uses the cached token', async () => {
      const sim = await simulator({ orders: 3 });
      const ctx = context(sim.config);
      // Calls that start together share one refresh.
      await Promise.all([readAll(ctx, null), ebayConnector.readers!.publishedStock!(ctx, sim.skus), ebayConnector.check(ctx)]);
      await readAll(ctx, null);
      const tokens = sim.tokenRequests();
      expect(tokens).toHaveLength(1);
      const [token] = tokens;
      expect(token.headers.authorization).toBe(`Basic ${Buffer.from(`${sim.config.clientId}:${sim.config.clientSecret}`).toString('base64')}`);
      expect(token.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(token.body).toEqual({ grant_type: 'refresh_token', refresh_token: '<redacted>', scope: sim.config.scopes.join(' ') });
      const api = sim.requests().filter((request) => request.path !== '/identity/v1/oauth2/token');
      expect(api.length).toBeGreaterThan(3);
      expect(new Set(api.map((request) => request.headers.authorization)).size).toBe(1);
      expect(api[0].headers.authorization).toMatch(/^Bearer v\^1\.1#/);
    });

    it('refreshes before the token expires, not after eBay refuses it', async () => {
      const sim = await simulator({ orders: 1, tokenLifetimeSeconds: 1 });
      const ctx = context(sim.config);
      await readAll(ctx, null);
      await sleep(1000);
      await readAll(ctx, null);
      expect(sim.tokenRequests()).toHaveLength(2);
      expect(sim.requests().some((request) => request.status === 401)).toBe(false);
    });

    it('a token eBay drops early is refreshed once and the call repeated', async () => {
      const sim = await simulator({ orders: 2 });
      const ctx = context(sim.config);
      await readAll(ctx, null);
      sim.expireAccessTokens();
      const { ids } = await readAll(ctx, null);
      expect(ids).toHaveLength(2);
      expect(sim.tokenRequests()).toHaveLength(2);
      expect(sim.requests().filter((request) => request.status === 401)).toHaveLength(1);
    });

    it('an expired or revoked refresh token (invalid_grant) is AUTH naming refreshToken and parks the connection', async () => {
      const sim = await simulator({ orders: 2 });
      sim.revokeRefreshToken();
      const error = await connectorError(readAll(context(sim.config), null));
      expect(error.kind).toBe('AUTH');
      expect(error.parksConnection).toBe(true);
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(/refreshToken/);
      expect(error.message).toMatch(/invalid_grant/);
      expect(orderPages(sim)).toHaveLength(0);
      // Refused refreshes are not repeated by the client: one request, one answer.
      expect(sim.tokenRequests().map((request) => request.status)).toEqual([400]);
    });
  });

  describe('orders', () => {
    it('reads a lastmodifieddate window with limit/offset paging as eBay returns next and total', async () => {
      const sim = await simulator({ orders: 12, pageSize: 5 });
      const { ids, checkpoint } = await readAll(context(sim.config), null);
      expect([...ids].sort()).toEqual([...sim.orderIds()].sort());
      const pages = orderPages(sim);
      expect(pages.map((request) => new URLSearchParams(request.query).get('offset'))).toEqual(['0', '5', '10']);
      const filter = new URLSearchParams(pages[0].query).get('filter')!;
      expect(filter).toMatch(/^lastmodifieddate:\[\d{4}-\d{2}-\d{2}T[\d:.]+Z\.\.\d{4}-\d{2}-\d{2}T[\d:.]+Z\]$/);
      expect(pages.every((request) => new URLSearchParams(request.query).get('limit') === '5')).toBe(true);
      // The next read starts where this window ended and finds nothing new.
      const until = filter.slice(filter.indexOf('..') + 2, -1);
      expect(JSON.parse(checkpoint!)).toMatchObject({ v: 1, from: until });
      expect((await readAll(context(sim.config), checkpoint)).ids).toEqual([]);
    });

    it('an order modified while the window is paged is neither lost nor stops the read', async () => {
      const sim = await simulator({ orders: 10, pageSize: 3 });
      const ctx = context(sim.config);
      const seen: string[] = [];
      let checkpoint: string | null = null;
      let moved: string | undefined;
      for await (const batch of ebayConnector.streams.orders.read(ctx, null)) {
        seen.push(...batch.records.map((record) => record.channelId));
        checkpoint = batch.checkpoint;
        // After the first page, an order not yet read changes: it leaves the window, offsets shift.
        moved ??= sim.orderIds().find((id) => !seen.includes(id));
        if (seen.length === 3) sim.store.modify(moved!);
      }
      const next = await readAll(ctx, checkpoint);
      expect(next.ids).toEqual([moved]);
      expect(new Set([...seen, ...next.ids])).toEqual(new Set(sim.orderIds()));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('maps money to minor units, the buyer, ship-to, promise and eBay order states', async () => {
      const sim = await simulator({ orders: 12, ebayFulfilledEvery: 4, paymentPendingEvery: 6 });
      const [cancelled, requested] = sim.orderIds();
      sim.cancelOrder(cancelled);
      sim.store.requestCancel(requested);
      const { ok, records } = await readAll(context(sim.config), null);
      expect(records.every((record) => record.ok)).toBe(true);
      const byId = new Map(ok.map((order) => [order.channelOrderId, order]));

      for (const raw of sim.store.orders.values()) {
        const order = byId.get(raw.orderId)!;
        const currency = raw.pricingSummary.total.currency;
        expect(order.currency).toBe(currency);
        expect(order.lines.map((line) => [line.channelLineId, line.sku, line.quantity, line.unitPrice, line.tax])).toEqual(
          raw.lineItems.map((item) => [item.lineItemId, item.sku, item.quantity, minor(item.lineItemCost.value) / item.quantity, (item.taxes ?? []).reduce((sum, tax) => sum + minor(tax.amount.value), 0)]),
        );
        expect(order.shippingPrice).toBe(minor(raw.pricingSummary.deliveryCost!.value));
        expect(order.discount).toBe(raw.pricingSummary.priceDiscount ? -minor(raw.pricingSummary.priceDiscount.value) : 0);
        // What the hub will charge adds up to eBay's total.
        const lines = order.lines.reduce((sum, line) => sum + line.unitPrice * line.quantity + line.tax, 0);
        expect(lines + order.shippingPrice - order.discount).toBe(minor(raw.pricingSummary.total.value));
        const shipTo = raw.fulfillmentStartInstructions![0].shippingStep!.shipTo!;
        expect(order.customer).toEqual({ email: shipTo.email, name: shipTo.fullName, phone: shipTo.primaryPhone!.phoneNumber });
        expect(order.shippingAddress).toMatchObject({ name: shipTo.fullName, line1: shipTo.contactAddress!.addressLine1, city: shipTo.contactAddress!.city, countryCode: shipTo.contactAddress!.countryCode });
        expect(order.promise).toEqual({ latestShipAt: raw.lineItems[0].lineItemFulfillmentInstructions!.shipByDate, latestDeliveryAt: raw.fulfillmentStartInstructions![0].maxEstimatedDeliveryDate });
        expect(order.placedAt).toBe(raw.creationDate);
        expect(order.updatedAt).toBe(raw.lastModifiedDate);
      }
      expect(byId.get(cancelled)!.state).toBe('CANCELLED');
      // A buyer's cancel request the seller has not accepted is not a cancellation.
      expect(byId.get(requested)!.state).not.toBe('CANCELLED');
      const ebayShips = [...sim.store.orders.values()].filter((raw) => raw.lineItems.every((item) => item.program?.fulfillmentProgram?.fulfilledBy === 'EBAY')).map((raw) => raw.orderId);
      expect(ebayShips).toHaveLength(3);
      expect(ok.filter((order) => order.fulfilledBy === 'CHANNEL').map((order) => order.channelOrderId).sort()).toEqual(ebayShips.sort());
      const unpaid = [...sim.store.orders.values()].filter((raw) => raw.orderPaymentStatus === 'PENDING').map((raw) => raw.orderId);
      expect(unpaid).toHaveLength(2);
      expect(ok.filter((order) => order.state === 'PENDING').map((order) => order.channelOrderId).sort()).toEqual(unpaid.filter((id) => id !== cancelled).sort());
    });

    it('a sold listing without a SKU is dead-lettered naming the eBay field; the rest are read', async () => {
      const sim = await simulator({ orders: 4 });
      const bad = sim.orderIds()[2];
      sim.corruptOrder(bad);
      const { records } = await readAll(context(sim.config), null);
      expect(records.filter((record) => record.ok)).toHaveLength(3);
      expect(records.find((record) => !record.ok)).toMatchObject({ channelId: bad, reason: 'lineItems[0].sku: is required' });
    });
  });

  describe('errors', () => {
    it('eBay error bodies are classified by status and category, naming errorId and parameters', async () => {
      const response = (status: number, errors: unknown[], headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers), body: { errors }, requestId: 'r1' });
      const limit = classifyEbayResponse(response(429, [{ errorId: 2001, domain: 'ACCESS', category: 'REQUEST', message: 'Too many requests.' }]), { method: 'GET', path: '/sell/fulfillment/v1/order' })!;
      expect(limit.kind).toBe('RATE_LIMITED');
      // eBay's limits are daily quotas without a reset header: the wait goes to the runtime.
      expect(limit.details.retryAfterMs).toBe(5 * 60_000);
      const refused = classifyEbayResponse(response(400, [{ errorId: 32300, domain: 'API_FULFILLMENT', category: 'REQUEST', message: 'Invalid tracking', parameters: [{ name: 'trackingNumber', value: 'X' }] }]), { method: 'POST', path: '/sell/fulfillment/v1/order/1/shipping_fulfillment' })!;
      expect(refused.kind).toBe('BAD_RECORD');
      expect(refused.message).toContain('32300 (API_FULFILLMENT, REQUEST): Invalid tracking [trackingNumber=X]');
      const failed = classifyEbayResponse(response(400, [{ errorId: 10001, domain: 'API_INVENTORY', category: 'APPLICATION', message: 'internal error' }]), { method: 'POST', path: '/sell/inventory/v1/bulk_update_price_quantity' })!;
      expect(failed.kind).toBe('TRANSIENT');
      const scope = classifyEbayResponse(response(403, [{ errorId: 1100, domain: 'ACCESS', category: 'REQUEST', message: 'Access denied' }]), { method: 'GET', path: '/sell/inventory/v1/inventory_item' })!;
      expect(scope.kind).toBe('AUTH');
      expect(scope.message).toMatch(/scopes/);
    });

    it('a 429 from eBay is waited out and the call repeated', async () => {
      const sim = await simulator({ orders: 2 });
      const ctx = context(sim.config);
      await readAll(ctx, null);
      sim.faults.rateLimitNext(1, 1);
      expect((await readAll(ctx, null)).ids).toHaveLength(2);
      const statuses = orderPages(sim).map((request) => request.status);
      expect(statuses).toEqual([200, 429, 200]);
    });
  });

  it('past eBay\'s call limit (429 without Retry-After) the read stops RATE_LIMITED and leaves the wait to the runtime', async () => {
    const sim = await simulator({ orders: 9, pageSize: 3, callLimit: { calls: 2, windowSeconds: 3600 } });
    const error = await connectorError(readAll(context(sim.config), null));
    expect(error.kind).toBe('RATE_LIMITED');
    expect(error.retryable).toBe(true);
    expect(error.details.retryAfterMs).toBe(5 * 60_000);
    expect(error.message).toContain('2001 (ACCESS, REQUEST)');
    // Not hammered: the refused call is not repeated within the same read.
    expect(orderPages(sim).map((request) => request.status)).toEqual([200, 200, 429]);
  });

  it('a refresh asking for scopes the seller did not consent to is AUTH naming scopes', async () => {
    const sim = await simulator({ orders: 1, grantedScopes: ['https://api.ebay.com/oauth/api_scope/sell.fulfillment'] });
    const error = await connectorError(ebayConnector.check(context(sim.config)));
    expect(error.kind).toBe('AUTH');
    expect(error.message).toMatch(/invalid_scope.*scopes/);
  });

  describe('stock', () => {
    it('bulk updates go 25 SKUs per call; SKUs eBay refuses are named with its reason, the others published', async () => {
      const skus = Array.from({ length: 28 }, (_, index) => `EB-${String(index + 1).padStart(3, '0')}`);
      const sim = await simulator({ orders: 0, skus });
      const ctx = context(sim.config);
      const levels = [...skus.map((sku, index) => ({ sku, quantity: index })), { sku: 'NOT-LISTED-1', quantity: 4 }, { sku: 'NOT-LISTED-2', quantity: 2 }];
      const result = await ebayConnector.writers.setStock!(ctx, levels);
      expect(result.rejected).toEqual([
        { sku: 'NOT-LISTED-1', reason: expect.stringContaining('25710 (API_INVENTORY, REQUEST)') },
        { sku: 'NOT-LISTED-2', reason: expect.stringContaining('25710') },
      ]);
      expect(skus.map((sku) => sim.stockOf(sku))).toEqual(skus.map((_, index) => index));
      const calls = sim.requests().filter((request) => request.path === '/sell/inventory/v1/bulk_update_price_quantity');
      expect(calls.map((call) => (call.body as { requests: unknown[] }).requests.length)).toEqual([25, 5]);
      expect(calls.map((call) => call.status)).toEqual([200, 207]);
      expect((calls[0].body as { requests: unknown[] }).requests[3]).toEqual({ sku: 'EB-004', shipToLocationAvailability: { quantity: 3 } });
      expect(calls[0].headers['content-language']).toBe('en-US');
    });

    it('reads back what eBay shows per SKU for reconciliation, null for SKUs it does not list', async () => {
      const sim = await simulator({ orders: 0 });
      const ctx = context(sim.config);
      await ebayConnector.writers.setStock!(ctx, [{ sku: 'EB-001', quantity: 7 }]);
      const published = await ebayConnector.readers!.publishedStock!(ctx, ['EB-001', 'UNKNOWN', 'EB-002']);
      expect(published).toEqual([
        { sku: 'EB-001', quantity: 7 },
        { sku: 'UNKNOWN', quantity: null },
        { sku: 'EB-002', quantity: sim.stockOf('EB-002') },
      ]);
      expect(ebayConnector.manifest.capabilities).toContain('stock.read');
    });
  });

  describe('shipping fulfillment', () => {
    it('creates the fulfillment with line items, carrier code, tracking number and ship date; the id comes from Location; a repeat creates nothing', async () => {
      const sim = await simulator({ orders: 2 });
      const ctx = context(sim.config);
      const raw = sim.store.orders.values().next().value!;
      const [first, ...rest] = raw.lineItems;
      const shippedAt = new Date(Date.now() - 3_600_000).toISOString();
      const fulfillment = {
        channelOrderId: raw.orderId,
        shipmentId: 'shp-1',
        // A shipment made in the hub may carry only SKUs: the connector finds eBay's line ids.
        lines: [{ sku: first.sku!, quantity: first.quantity, channelLineId: first.lineItemId }, ...rest.map((item) => ({ sku: item.sku!, quantity: item.quantity }))],
        carrier: 'United Parcel Service',
        trackingNumber: '1Z999AA10123456784',
        shippedAt,
      };
      const result = await ebayConnector.writers.createFulfillment!(ctx, fulfillment);
      const [created] = sim.store.fulfillments.get(raw.orderId)!;
      expect(result.reference).toBe(created.fulfillmentId);
      const post = sim.requests().find((request) => request.method === 'POST' && request.path.endsWith('/shipping_fulfillment'))!;
      expect(post.body).toEqual({ lineItems: raw.lineItems.map((item) => ({ lineItemId: item.lineItemId, quantity: item.quantity })), shippedDate: shippedAt, shippingCarrierCode: 'UPS', trackingNumber: '1Z999AA10123456784' });
      expect(sim.fulfillmentsOf(raw.orderId)).toEqual([{ trackingNumber: '1Z999AA10123456784', carrier: 'UPS' }]);
      expect(sim.store.order(raw.orderId).orderFulfillmentStatus).toBe('FULFILLED');

      await expect(ebayConnector.writers.createFulfillment!(ctx, fulfillment)).resolves.toEqual({ reference: created.fulfillmentId });
      expect(sim.requests().filter((request) => request.method === 'POST' && request.path.endsWith('/shipping_fulfillment'))).toHaveLength(1);
    });

    it('eBay refusing the fulfillment is BAD_RECORD with its error id; nothing is created', async () => {
      const sim = await simulator({ orders: 1 });
      const ctx = context(sim.config);
      const [orderId] = sim.orderIds();
      const unknown = await connectorError(ebayConnector.writers.createFulfillment!(ctx, { channelOrderId: '99-99999-99999', shipmentId: 's', lines: [{ sku: 'EB-001', quantity: 1, channelLineId: '1' }], carrier: 'DHL', trackingNumber: 'T1', shippedAt: new Date().toISOString() }));
      expect(unknown.kind).toBe('BAD_RECORD');
      expect(unknown.message).toContain('32100');
      const badLine = await connectorError(ebayConnector.writers.createFulfillment!(ctx, { channelOrderId: orderId, shipmentId: 's', lines: [{ sku: 'EB-001', quantity: 1, channelLineId: '123' }], carrier: 'DHL', trackingNumber: 'T2', shippedAt: new Date().toISOString() }));
      expect(badLine.kind).toBe('BAD_RECORD');
      expect(badLine.message).toContain('32200');
      expect(sim.fulfillmentsOf(orderId)).toEqual([]);
    });
  });
});
