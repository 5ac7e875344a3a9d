// What the Shopify connector does with stock, per Admin API version, against its simulator over real
// HTTP: versions it implements and those it refuses (naming the config field), inventorySetQuantities
// as each version requires it (changeFromQuantity and an @idempotent key from 2026-04, enforced by
// the simulator as Shopify does), SKUs without a variant reported per SKU, and published quantities
// read back in batches for reconciliation.
import { createConnectorContext, type ConnectorContext } from '@oms/connector-kit';
import { SHOPIFY_API_VERSION, SHOPIFY_API_VERSIONS, shopifyConfigSchema, shopifyConnector, startShopifySimulator, type ShopifyApiVersion, type ShopifyConfig, type ShopifySimulatorHandle } from '@oms/connector-shopify';

const started: ShopifySimulatorHandle[] = [];
afterAll(() => Promise.all(started.map((sim) => sim.stop())));

async function simulator(apiVersion?: ShopifyApiVersion) {
  const sim = await startShopifySimulator({ orders: 0, restoreRate: 1000, ...(apiVersion ? { apiVersion } : {}) });
  started.push(sim);
  return sim;
}

const context = (config: ShopifyConfig): ConnectorContext<ShopifyConfig> => createConnectorContext({ connector: shopifyConnector, config, channel: 'shopify-stock' });

const stockWrites = (sim: ShopifySimulatorHandle) => sim.requests().filter((request) => (request.body as { operationName?: string })?.operationName === 'OmsSetStock');

/** Posts a GraphQL document to the simulator as any client would. */
async function post(sim: ShopifySimulatorHandle, apiVersion: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${sim.baseUrl}/admin/api/${apiVersion}/graphql.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': sim.config.accessToken },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('Shopify API versions', () => {
  it('uses the current version by default and refuses versions it does not implement, naming apiVersion', () => {
    const base = { shopDomain: 'my-shop.myshopify.com', accessToken: 'shpat_x' };
    expect(shopifyConfigSchema.parse(base).apiVersion).toBe(SHOPIFY_API_VERSION);
    expect(SHOPIFY_API_VERSIONS).toContain('2026-04');
    for (const apiVersion of ['2027-01', 'unstable', '2024-10']) {
      const result = shopifyConfigSchema.safeParse({ ...base, apiVersion });
      expect(result.success).toBe(false);
      expect(result.error!.issues[0].path).toEqual(['apiVersion']);
      expect(result.error!.issues[0].message).toContain(`apiVersion "${apiVersion}" is not a Shopify API version this connector implements`);
    }
    expect(() => context({ ...base, apiVersion: '2027-01' } as unknown as ShopifyConfig)).toThrow(/apiVersion/);
  });

  it.each(['2025-10', '2026-01', '2026-04', SHOPIFY_API_VERSION] as ShopifyApiVersion[])('publishes stock to a shop on API %s the way that version requires', async (apiVersion) => {
    const sim = await simulator(apiVersion);
    const [first, second] = sim.skus;
    await shopifyConnector.writers.setStock!(context(sim.config), [
      { sku: first, quantity: 17 },
      { sku: second, quantity: 0 },
    ]);
    expect(sim.stockOf(first)).toBe(17);
    expect(sim.stockOf(second)).toBe(0);
    const [write] = stockWrites(sim);
    expect(write.path).toBe(`/admin/api/${apiVersion}/graphql.json`);
    const body = write.body as { query: string; variables: { input: { ignoreCompareQuantity?: boolean; quantities: Array<Record<string, unknown>> }; idempotencyKey?: string } };
    if (apiVersion >= '2026-01') {
      expect(body.query).toContain('@idempotent(key: $idempotencyKey)');
      expect(body.variables.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.variables.input.quantities.every((quantity) => 'changeFromQuantity' in quantity && quantity.changeFromQuantity === null)).toBe(true);
      expect(body.variables.input.ignoreCompareQuantity).toBeUndefined();
    } else {
      expect(body.variables.input.ignoreCompareQuantity).toBe(true);
      expect(body.query).not.toContain('@idempotent');
    }
  });

  it('simulates what each version enforces: 2026-04 refuses a write without @idempotent or changeFromQuantity, 2025-10 has no changeFromQuantity', async () => {
    const sim = await simulator('2026-04');
    const [sku] = sim.skus;
    const item = `gid://shopify/InventoryItem/${sim.store.variantBySku(sku)!.inventoryItemId}`;
    const location = `gid://shopify/Location/${sim.store.locations[0].id}`;
    const legacy = `mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code message } } }`;
    const input = { name: 'available', reason: 'correction', ignoreCompareQuantity: true, quantities: [{ inventoryItemId: item, locationId: location, quantity: 5 }] };
    const withoutKey = await post(sim, '2026-04', legacy, { input });
    expect(withoutKey.body.errors[0].message).toMatch(/@idempotent/);

    const keyed = `mutation($input: InventorySetQuantitiesInput!, $key: String!) { inventorySetQuantities(input: $input) @idempotent(key: $key) { inventoryAdjustmentGroup { id } userErrors { code message } } }`;
    const withoutChangeFrom = await post(sim, '2026-04', keyed, { input, key: 'k-1' });
    expect(withoutChangeFrom.body.errors[0].message).toMatch(/changeFromQuantity/);
    expect(sim.stockOf(sku)).not.toBe(5);

    // A stale changeFromQuantity is refused; a repeat with the same key answers the first result once.
    const stale = await post(sim, '2026-04', keyed, { input: { ...input, quantities: [{ ...input.quantities[0], changeFromQuantity: 99_999 }] }, key: 'k-2' });
    expect(stale.body.data.inventorySetQuantities.userErrors[0].code).toBe('CHANGE_FROM_QUANTITY_STALE');
    const set = { ...input, quantities: [{ ...input.quantities[0], changeFromQuantity: null }] };
    const once = await post(sim, '2026-04', keyed, { input: set, key: 'k-3' });
    const again = await post(sim, '2026-04', keyed, { input: set, key: 'k-3' });
    expect(again.body.data.inventorySetQuantities.inventoryAdjustmentGroup.id).toBe(once.body.data.inventorySetQuantities.inventoryAdjustmentGroup.id);
    expect(sim.stockOf(sku)).toBe(5);

    const old = await simulator('2025-10');
    const changeFrom = await post(old, '2025-10', keyed.replace(' @idempotent(key: $key)', '').replace(', $key: String!', ''), { input: set });
    expect(changeFrom.body.errors[0].message).toMatch(/changeFromQuantity/);
    expect((await post(old, '2027-01', legacy, { input })).status).toBe(404);
  });

  it('publishes the SKUs the shop has and reports those it has no variant for', async () => {
    const sim = await simulator();
    const [sku] = sim.skus;
    const result = await shopifyConnector.writers.setStock!(context(sim.config), [
      { sku, quantity: 8 },
      { sku: 'NO-SUCH-VARIANT', quantity: 3 },
    ]);
    expect(sim.stockOf(sku)).toBe(8);
    expect(result.rejected).toEqual([{ sku: 'NO-SUCH-VARIANT', reason: 'Shopify has no product variant with SKU NO-SUCH-VARIANT' }]);
  });
});

describe('Shopify published stock', () => {
  it("reads back what the shop shows at the connection's location, many SKUs per query", async () => {
    const sim = await simulator();
    const skus = sim.skus.slice(0, 4);
    sim.store.setAvailable(skus[1], 3);
    const before = sim.requests().length;
    const published = await shopifyConnector.readers!.publishedStock!(context(sim.config), [...skus, 'NO-SUCH-VARIANT']);
    const location = `gid://shopify/Location/${sim.store.locations[0].id}`;
    expect(published).toEqual([...skus.map((sku) => ({ sku, channelLocationId: location, quantity: sim.stockOf(sku) })), { sku: 'NO-SUCH-VARIANT', channelLocationId: location, quantity: null }]);
    expect(published[1].quantity).toBe(3);
    // The default location once, then one query for all five SKUs.
    const queries = sim.requests().slice(before).map((request) => (request.body as { operationName?: string }).operationName);
    expect(queries.filter((name) => name === 'OmsPublishedStock')).toHaveLength(1);
  });
});
