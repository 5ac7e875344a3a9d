// The Amazon SP-API connector against its simulator over real HTTP: Login with Amazon tokens (cached,
// refreshed, one exchange at a time, invalid_grant parks the connection), Restricted Data Tokens for
// buyer data, getOrderItems' own quota with 429s waited out, the order mapping (Pending, AFN, promise
// dates, prices per unit, Amazon Business PO), stock through Listings Items with a result per SKU,
// the published-stock reader and confirmShipment (idempotent per hub shipment).
import { createConnectorContext, isConnectorError, type CanonicalOrder, type ChannelRecord, type ConnectorContext, type ConnectorError } from '@oms/connector-kit';
import { amazonConnector, callSpApi, packageReferenceId, startAmazonSimulator, type AmazonConfig, type AmazonSimulatorHandle } from '@oms/connector-amazon';

const sims: AmazonSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.stop()));
});

async function simulator(options: Parameters<typeof startAmazonSimulator>[0]): Promise<AmazonSimulatorHandle> {
  const sim = await startAmazonSimulator(options);
  sims.push(sim);
  return sim;
}

const context = (config: AmazonConfig): ConnectorContext<AmazonConfig> => createConnectorContext({ connector: amazonConnector, config, channel: 'amazon-test' });

async function readAll(ctx: ConnectorContext<AmazonConfig>, checkpoint: string | null = null) {
  const records: Array<ChannelRecord<CanonicalOrder>> = [];
  let last = checkpoint;
  for await (const batch of amazonConnector.streams.orders.read(ctx, checkpoint)) {
    records.push(...batch.records);
    last = batch.checkpoint;
  }
  const byId = new Map(records.flatMap((record) => (record.ok ? [[record.channelId, record.record] as const] : [])));
  return { records, byId, checkpoint: last };
}

async function connectorError(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isConnectorError(error)) throw new Error(`expected a ConnectorError, got ${String(error)}`);
  return error;
}

const apiRequests = (sim: AmazonSimulatorHandle) => sim.requests().filter((request) => request.operation);

describe('Login with Amazon', () => {
  it('exchanges the refresh token once and reuses the access token on every call', async () => {
    const sim = await simulator({ orders: 4 });
    const ctx = context(sim.config);
    await amazonConnector.check(ctx);
    await amazonConnector.readers!.publishedStock!(ctx, sim.skus);
    expect(sim.tokenExchanges()).toBe(1);
    const [exchange] = sim.requests().filter((request) => request.path === '/auth/o2/token');
    expect(exchange.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(exchange.body).toEqual({ grant_type: 'refresh_token', refresh_token: sim.config.refreshToken, client_id: sim.config.clientId, client_secret: sim.config.clientSecret });
    const tokens = new Set(apiRequests(sim).map((request) => request.headers['x-amz-access-token']));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).toMatch(/^Atza\|/);
  });

  it('many calls at once with no token share one exchange', async () => {
    const sim = await simulator({ orders: 1 });
    const stock = await amazonConnector.readers!.publishedStock!(context(sim.config), sim.skus);
    expect(stock).toHaveLength(sim.skus.length);
    expect(sim.tokenExchanges()).toBe(1);
  });

  it('refreshes before the token expires, and once more when Amazon refuses a cached token', async () => {
    const sim = await simulator({ orders: 1, tokenLifetimeSeconds: 2 });
    const ctx = context(sim.config);
    await amazonConnector.check(ctx);
    // Refreshed half-way through a short life, before Amazon would refuse it.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await amazonConnector.check(ctx);
    expect(sim.tokenExchanges()).toBe(2);
    expect(apiRequests(sim).every((request) => request.status === 200)).toBe(true);

    sim.expireAccessTokens();
    await expect(amazonConnector.check(ctx)).resolves.toMatchObject({ ok: true });
    expect(sim.tokenExchanges()).toBe(3);
    expect(apiRequests(sim).map((request) => request.status)).toEqual([200, 200, 403, 200]);
  });

  it('a revoked refresh token (invalid_grant) is AUTH, parks the connection and names refreshToken', async () => {
    const sim = await simulator({ orders: 3 });
    sim.revokeRefreshToken();
    const error = await connectorError(amazonConnector.check(context(sim.config)));
    expect(error.kind).toBe('AUTH');
    expect(error.parksConnection).toBe(true);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/invalid_grant/);
    expect(error.message).toMatch(/refreshToken/);
    expect(sim.requests().map((request) => [request.path, request.status])).toEqual([['/auth/o2/token', 400]]);
    expect(apiRequests(sim)).toHaveLength(0);
  });
});

describe('orders', () => {
  it('asks getOrders by LastUpdatedAfter with MarketplaceIds, MaxResultsPerPage and NextToken, using a Restricted Data Token', async () => {
    const sim = await simulator({ orders: 7, pageSize: 3 });
    const { records } = await readAll(context(sim.config));
    expect(records).toHaveLength(7);
    const getOrders = sim.requests().filter((request) => request.operation === 'getOrders');
    expect(getOrders).toHaveLength(3);
    const first = new URLSearchParams(getOrders[0].query);
    expect(first.get('MarketplaceIds')).toBe(sim.config.marketplaceId);
    expect(first.get('MaxResultsPerPage')).toBe('3');
    expect(Date.parse(first.get('LastUpdatedAfter')!)).not.toBeNaN();
    expect(first.get('CreatedAfter')).toBeNull();
    expect(new URLSearchParams(getOrders[1].query).get('NextToken')).toEqual(expect.any(String));
    expect(getOrders.every((request) => request.headers['x-amz-access-token'].startsWith('Atz.sprdt|'))).toBe(true);
    const [rdt] = sim.requests().filter((request) => request.operation === 'createRestrictedDataToken');
    expect(rdt.body).toEqual({ restrictedResources: [{ method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] }] });
    // getOrderItems goes with the LWA token: an RDT is only good for the resources it names.
    expect(sim.requests().filter((request) => request.operation === 'getOrderItems').every((request) => request.headers['x-amz-access-token'].startsWith('Atza|'))).toBe(true);
  });

  it('a checkpoint taken between two orders changed in the same second resumes with the other one, none repeated', async () => {
    const sim = await simulator({ orders: 6, pageSize: 3 });
    const ctx = context(sim.config);
    const batches: Array<{ ids: string[]; checkpoint: string }> = [];
    for await (const batch of amazonConnector.streams.orders.read(ctx, null)) batches.push({ ids: batch.records.map((record) => record.channelId), checkpoint: batch.checkpoint });
    const [first] = batches;
    const lastOfFirst = sim.store.get(first.ids[2]).order.LastUpdateDate;
    // Seeded orders change in pairs: the first page ends inside one.
    const sameSecond = sim.orderIds().filter((id) => sim.store.get(id).order.LastUpdateDate === lastOfFirst);
    expect(sameSecond).toHaveLength(2);
    expect(JSON.parse(first.checkpoint)).toEqual({ v: 1, at: new Date(lastOfFirst).toISOString(), seen: [first.ids[2]] });
    const resumed = await readAll(ctx, first.checkpoint);
    const resumedIds = resumed.records.map((record) => record.channelId);
    expect(resumedIds[0]).toBe(sameSecond.find((id) => id !== first.ids[2]));
    expect([...first.ids, ...resumedIds].sort()).toEqual([...sim.orderIds()].sort());
    expect(new Set([...first.ids, ...resumedIds]).size).toBe(6);
  });

  it('without restricted data, orders lacking the buyer and address are dead-lettered with the reason', async () => {
    const sim = await simulator({ orders: 2 });
    const { records } = await readAll(context({ ...sim.config, restrictedData: false }));
    expect(records.map((record) => record.ok)).toEqual([false, false]);
    expect(records[0]).toMatchObject({ ok: false, reason: expect.stringMatching(/ShippingAddress\.Name: is required.*Restricted Data Token/) });
    expect(sim.requests().some((request) => request.operation === 'createRestrictedDataToken')).toBe(false);
  });

  it('maps states, AFN, promise dates, unit prices before tax and Amazon Business purchase orders', async () => {
    const sim = await simulator({ orders: 8 });
    const pending = sim.store.addOrders(1, 'Pending')[0];
    const [cancelled, shipped] = [sim.orderIds()[0], sim.orderIds()[5]];
    sim.cancelOrder(cancelled);
    const { byId } = await readAll(context(sim.config));

    const raw = (id: string) => sim.store.get(id);
    expect(byId.get(pending)!.state).toBe('PENDING');
    // Pending orders carry no prices yet.
    expect(byId.get(pending)!.lines.every((line) => line.unitPrice === 0 && line.tax === 0)).toBe(true);
    expect(byId.get(cancelled)!.state).toBe('CANCELLED');
    expect(raw(shipped).order.OrderStatus).toBe('Shipped');
    expect(byId.get(shipped)!.state).toBe('OPEN');

    const afnId = sim.orderIds()[4];
    expect(raw(afnId).order.FulfillmentChannel).toBe('AFN');
    expect(byId.get(afnId)!.fulfilledBy).toBe('CHANNEL');
    expect(byId.get(sim.orderIds()[1])!.fulfilledBy).toBe('MERCHANT');

    const id = sim.orderIds()[1];
    const order = byId.get(id)!;
    const { order: amazon, items } = raw(id);
    expect(order.promise).toEqual({ earliestShipAt: new Date(amazon.EarliestShipDate!).toISOString(), latestShipAt: new Date(amazon.LatestShipDate!).toISOString(), latestDeliveryAt: new Date(amazon.LatestDeliveryDate!).toISOString() });
    expect(order.customer.email).toBe(amazon.BuyerInfo!.BuyerEmail);
    expect(order.customer.email).toMatch(/@marketplace\.amazon\.de$/);
    expect(order.shippingAddress).toMatchObject({ name: amazon.ShippingAddress!.Name, line1: amazon.ShippingAddress!.AddressLine1, city: amazon.ShippingAddress!.City, countryCode: 'DE' });
    expect(order.currency).toBe('EUR');
    for (const [index, item] of items.entries()) {
      const gross = Math.round(Number(item.ItemPrice!.Amount) * 100);
      const tax = Math.round(Number(item.ItemTax!.Amount) * 100);
      // amazon.de prices include VAT and ItemPrice is the whole quantity.
      expect(order.lines[index]).toMatchObject({ channelLineId: item.OrderItemId, sku: item.SellerSKU, quantity: item.QuantityOrdered, unitPrice: Math.round((gross - tax) / item.QuantityOrdered), tax });
    }
    expect(order.shippingPrice).toBe(items.reduce((sum, item) => sum + Math.round(Number(item.ShippingPrice!.Amount) * 100), 0));

    const businessId = sim.orderIds()[3];
    expect(raw(businessId).order.PurchaseOrderNumber).toMatch(/^PO-/);
    expect(byId.get(businessId)!.purchaseOrderNumber).toBe(raw(businessId).order.PurchaseOrderNumber);
    expect(order.purchaseOrderNumber).toBeUndefined();
  });

  it('getOrderItems keeps to its own quota: 429s with x-amzn-RateLimit-Limit are waited out, every order read', async () => {
    // A tighter getOrderItems plan than the connector's default bucket expects, so the simulator throttles.
    const sim = await simulator({ orders: 8, quotas: { getOrderItems: { rate: 5, burst: 4 } } });
    const { records } = await readAll(context(sim.config));
    expect(records.filter((record) => record.ok)).toHaveLength(8);
    const itemCalls = sim.requests().filter((request) => request.operation === 'getOrderItems');
    const throttled = itemCalls.filter((request) => request.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    for (const limited of throttled) {
      const retry = itemCalls.find((request) => request.path === limited.path && request.at > limited.at);
      expect(retry).toBeDefined();
      // One token of a 5/s bucket: the connector waited at least 200 ms before asking again.
      expect(retry!.at - limited.at).toBeGreaterThanOrEqual(200);
    }
    expect(new Set(itemCalls.filter((request) => request.status === 200).map((request) => request.path)).size).toBe(8);
    expect(sim.requests().filter((request) => request.operation === 'getOrders').every((request) => request.status === 200)).toBe(true);
  });

  it('classifies SP-API error bodies: 500 InternalFailure is retried, a refused confirmation is BAD_RECORD with Amazon\'s message', async () => {
    const sim = await simulator({ orders: 3 });
    const ctx = context(sim.config);
    sim.faults.failNext(1, 500);
    await expect(amazonConnector.check(ctx)).resolves.toMatchObject({ ok: true });
    expect(sim.requests().some((request) => request.status === 500)).toBe(true);

    const afn = sim.store.addOrders(1)[0];
    sim.store.get(afn).order.FulfillmentChannel = 'AFN';
    const error = await connectorError(
      amazonConnector.writers.createFulfillment!(ctx, { channelOrderId: afn, shipmentId: 'shp-afn', lines: [{ sku: sim.store.get(afn).items[0].SellerSKU!, quantity: 1 }], carrier: 'DHL', trackingNumber: 'TRK-AFN', shippedAt: new Date().toISOString() }),
    );
    expect(error.kind).toBe('BAD_RECORD');
    expect(error.message).toMatch(/InvalidInput: Shipment confirmation is not allowed for orders fulfilled by Amazon/);
  });

  it('classifies SP-API error codes: InvalidInput on a read is CONFIG, NotFound is that record, ServiceUnavailable is TRANSIENT', async () => {
    const sim = await simulator({ orders: 1 });
    const ctx = context(sim.config);
    // Neither CreatedAfter nor LastUpdatedAfter: the request the connection makes is wrong, not one record.
    const invalid = await connectorError(callSpApi(ctx, 'getOrders', { method: 'GET', path: 'orders/v0/orders', query: { MarketplaceIds: sim.config.marketplaceId } }));
    expect(invalid).toMatchObject({ kind: 'CONFIG', details: expect.objectContaining({ status: 400 }) });
    expect(invalid.message).toMatch(/InvalidInput: Exactly one of CreatedAfter and LastUpdatedAfter must be specified/);

    const missing = await connectorError(callSpApi(ctx, 'getOrderItems', { method: 'GET', path: 'orders/v0/orders/999-0000000-0000000/orderItems' }));
    expect(missing).toMatchObject({ kind: 'BAD_RECORD', details: expect.objectContaining({ status: 404 }) });
    expect(missing.message).toMatch(/NotFound: Order 999-0000000-0000000 not found/);

    sim.faults.failNext(10, 503);
    const outage = await connectorError(callSpApi(createConnectorContext({ connector: amazonConnector, config: sim.config, channel: 'amazon-test' }), 'getMarketplaceParticipations', { method: 'GET', path: 'sellers/v1/marketplaceParticipations' }));
    expect(outage.kind).toBe('TRANSIENT');
    expect(outage.retryable).toBe(true);
    expect(outage.message).toMatch(/503/);
  }, 30_000);

  it('check refuses a marketplace the seller does not sell on, naming marketplaceId', async () => {
    const sim = await simulator({ orders: 1 });
    const error = await connectorError(amazonConnector.check(context({ ...sim.config, marketplaceId: 'ATVPDKIKX0DER' })));
    expect(error.kind).toBe('CONFIG');
    expect(error.message).toMatch(/marketplaceId/);
    expect(error.message).toMatch(/A1PA6795UKMFR9/);
  });

  it('bad config is refused naming the field, before any request', async () => {
    const sim = await simulator({ orders: 1 });
    const error = await connectorError(Promise.resolve().then(() => context({ ...sim.config, sellerId: 'not a seller' })));
    expect(error.kind).toBe('CONFIG');
    expect(error.message).toMatch(/sellerId/);
    expect(sim.requests()).toHaveLength(0);
  });
});

describe('stock', () => {
  it('patches fulfillment_availability per SKU and reports each SKU\'s result', async () => {
    const sim = await simulator({ orders: 1 });
    const ctx = context(sim.config);
    const [good, refused] = sim.skus;
    sim.refuseStockFor(refused, { code: '90220', message: "'fulfillment_availability' is not allowed for listings fulfilled by Amazon" });
    const before = sim.stockOf(refused);
    const error = await connectorError(amazonConnector.writers.setStock!(ctx, [
      { sku: good, quantity: 17 },
      { sku: refused, quantity: 5 },
      { sku: 'NOT-ON-AMAZON', quantity: 3 },
    ]));
    expect(error.kind).toBe('BAD_RECORD');
    expect(error.message).toMatch(new RegExp(`1 SKU\\(s\\): ${refused} \\(ERROR 90220: 'fulfillment_availability' is not allowed`));
    expect(error.message).not.toMatch(new RegExp(`${good}|NOT-ON-AMAZON`));
    expect((error.details.body as { results: unknown[] }).results).toEqual([
      expect.objectContaining({ sku: good, status: 'ACCEPTED', submissionId: expect.any(String) }),
      expect.objectContaining({ sku: refused, status: 'INVALID' }),
      expect.objectContaining({ sku: 'NOT-ON-AMAZON', status: 'NOT_LISTED' }),
    ]);
    expect(sim.stockOf(good)).toBe(17);
    expect(sim.stockOf(refused)).toBe(before);

    const patch = sim.requests().find((request) => request.operation === 'patchListingsItem' && request.path.endsWith(`/${good}`))!;
    expect(patch.path).toBe(`/listings/2021-08-01/items/${sim.config.sellerId}/${good}`);
    expect(new URLSearchParams(patch.query).get('marketplaceIds')).toBe(sim.config.marketplaceId);
    expect(patch.body).toEqual({ productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 17, marketplace_id: sim.config.marketplaceId }] }] });
  });

  it('reads back the published merchant-fulfilled quantity, null for SKUs Amazon does not list', async () => {
    const sim = await simulator({ orders: 1 });
    const ctx = context(sim.config);
    await amazonConnector.writers.setStock!(ctx, [{ sku: sim.skus[2], quantity: 9 }]);
    const published = await amazonConnector.readers!.publishedStock!(ctx, [sim.skus[2], 'NOT-ON-AMAZON', sim.skus[3]]);
    expect(published).toEqual([
      { sku: sim.skus[2], quantity: 9 },
      { sku: 'NOT-ON-AMAZON', quantity: null },
      { sku: sim.skus[3], quantity: sim.stockOf(sim.skus[3]) },
    ]);
    const reads = sim.requests().filter((request) => request.operation === 'getListingsItem');
    expect(reads.every((request) => new URLSearchParams(request.query).get('includedData') === 'fulfillmentAvailability')).toBe(true);
    expect(amazonConnector.manifest.capabilities).toContain('stock.read');
  });
});

describe('shipment confirmation', () => {
  it('confirms with carrier, tracking and order items; the same hub shipment again adds no package', async () => {
    const sim = await simulator({ orders: 3 });
    const ctx = context(sim.config);
    const id = sim.orderIds()[1];
    const { items } = sim.store.get(id);
    const fulfillment = {
      channelOrderId: id,
      shipmentId: 'shp-42',
      // The first line carries its order item id, the others are found by SKU.
      lines: items.map((item, index) => ({ sku: item.SellerSKU!, quantity: item.QuantityOrdered, ...(index === 0 ? { channelLineId: item.OrderItemId } : {}) })),
      carrier: 'Speedy Parcels',
      trackingNumber: 'SP123456789',
      shippedAt: '2026-12-03T10:00:00Z',
    };
    await expect(amazonConnector.writers.createFulfillment!(ctx, fulfillment)).resolves.toEqual({ reference: `package:${packageReferenceId('shp-42')}` });
    const [confirmation] = sim.requests().filter((request) => request.operation === 'confirmShipment');
    expect(confirmation.path).toBe(`/orders/v0/orders/${id}/shipmentConfirmation`);
    expect(confirmation.status).toBe(204);
    expect(confirmation.body).toEqual({
      marketplaceId: sim.config.marketplaceId,
      packageDetail: {
        packageReferenceId: packageReferenceId('shp-42'),
        carrierCode: 'Other',
        carrierName: 'Speedy Parcels',
        trackingNumber: 'SP123456789',
        shipDate: '2026-12-03T10:00:00.000Z',
        orderItems: items.map((item) => ({ orderItemId: item.OrderItemId, quantity: item.QuantityOrdered })),
      },
    });
    expect(packageReferenceId('shp-42')).toMatch(/^[1-9]\d*$/);
    expect(sim.store.get(id).order.OrderStatus).toBe('Shipped');

    await amazonConnector.writers.createFulfillment!(ctx, { ...fulfillment, carrier: 'DHL' });
    expect(sim.packagesOf(id)).toHaveLength(1);
    expect(sim.fulfillmentsOf(id)).toEqual([{ trackingNumber: 'SP123456789', carrier: 'DHL' }]);
  });

  it('part of an order leaves it PartiallyShipped; an order id that is not Amazon\'s is refused before any call', async () => {
    const sim = await simulator({ orders: 12 });
    const ctx = context(sim.config);
    const id = sim.orderIds().find((candidate) => sim.store.get(candidate).items.length > 1 && sim.store.get(candidate).order.OrderStatus === 'Unshipped')!;
    const [first] = sim.store.get(id).items;
    await amazonConnector.writers.createFulfillment!(ctx, { channelOrderId: id, shipmentId: 'shp-part', lines: [{ sku: first.SellerSKU!, quantity: first.QuantityOrdered, channelLineId: first.OrderItemId }], carrier: 'UPS', trackingNumber: '1Z999', shippedAt: new Date().toISOString() });
    expect(sim.store.get(id).order.OrderStatus).toBe('PartiallyShipped');
    expect(sim.fulfillmentsOf(id)).toEqual([{ trackingNumber: '1Z999', carrier: 'UPS' }]);

    const before = sim.requests().length;
    const error = await connectorError(amazonConnector.writers.createFulfillment!(ctx, { channelOrderId: '12345', shipmentId: 'shp-x', lines: [], carrier: 'UPS', trackingNumber: '1Z', shippedAt: new Date().toISOString() }));
    expect(error.kind).toBe('BAD_RECORD');
    expect(error.message).toMatch(/channelOrderId "12345" is not an Amazon order id/);
    expect(sim.requests()).toHaveLength(before);
  });
});
