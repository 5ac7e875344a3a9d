// Inventory through the gateway on the real test database: items, locations, exact stock under
// concurrency with a complete ledger, typed refusals that write nothing, and batched loading.
import { Types } from 'mongoose';
import { inventoryModels } from '../subgraphs/inventory/src/models';
import { StockService } from '../subgraphs/inventory/src/services/stock.service';
import { waitFor } from './support/fixtures';
import { countRoundTrips } from './support/round-trips';
import { startTestStack, type TestStack } from './support/stack';

let hub: TestStack;
beforeAll(async () => {
  hub = await startTestStack();
});
afterAll(() => hub?.stop());

const db = () => hub.subgraphs.inventory.connection;
const UPSERT_ITEM = `mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku name description barcode weightGrams active available onHand reserved createdAt } }`;
const UPSERT_LOCATION = `mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id code name kind priority active address { city countryCode lat lng } } }`;
const LEVEL = `sku onHand reserved safetyStock available location { code } item { sku }`;
const SET_STOCK = `mutation($input: SetStockInput!) { setStock(input: $input) { ${LEVEL} } }`;
const ADJUST = `mutation($input: AdjustStockInput!) { adjustStock(input: $input) { ${LEVEL} } }`;
const MOVEMENTS = `query($sku: String!, $locationId: ID, $after: String) { stockMovements(sku: $sku, locationId: $locationId, first: 100, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id kind deltaOnHand deltaReserved onHandAfter reservedAfter reason actor location { code } } } } }`;

const address = (city: string, lat = 52.52, lng = 13.405) => ({ line1: '1 Dock Rd', city, countryCode: 'DE', lat, lng });

async function location(code: string, extra: object = {}): Promise<string> {
  const result = await hub.data(UPSERT_LOCATION, { input: { code, name: `Location ${code}`, kind: 'WAREHOUSE', address: address('Berlin'), ...extra } });
  return result.upsertLocation.id;
}
async function item(sku: string): Promise<void> {
  await hub.data(UPSERT_ITEM, { input: { sku, name: `Item ${sku}` } });
}
async function counts() {
  // Movements reach the ledger just after their write answers; a ledger read through the graph waits for them.
  await hub.data(`{ stockMovements(sku: "-", first: 1) { edges { cursor } } }`);
  const names = ['inventory_items', 'locations', 'stock_levels', 'stock_movements'];
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await db().collection(name).countDocuments()])));
}
/**
 * Database round-trips of the inventory subgraph, except reads of its event log: peers (the orders
 * subgraph's backorder consumer) poll `inventoryEvents` in the background, which is not this request's cost.
 */
function inventoryCommands() {
  return countRoundTrips(hub.subgraphs.inventory.connection.getClient(), (collection) => collection !== 'events');
}

/** Every movement of a sku at one location, oldest first, through the paged GraphQL ledger. */
async function ledger(sku: string, locationId: string) {
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = await hub.data(MOVEMENTS, { sku, locationId, after });
    nodes.push(...page.stockMovements.edges.map((edge: any) => edge.node));
    if (!page.stockMovements.pageInfo.hasNextPage) return nodes.reverse();
    after = page.stockMovements.pageInfo.endCursor;
  }
}

describe('inventory items and locations', () => {
  it('upserts a location by code and an item by sku, and reads them back', async () => {
    const created = await hub.data(UPSERT_LOCATION, { input: { code: 'ber-1', name: 'Berlin 1', kind: 'WAREHOUSE', address: address('Berlin', 52.5, 13.4) } });
    expect(created.upsertLocation).toMatchObject({ code: 'BER-1', priority: 100, active: true, address: { city: 'Berlin', countryCode: 'DE', lat: 52.5, lng: 13.4 } });
    const updated = await hub.data(UPSERT_LOCATION, { input: { code: 'BER-1', name: 'Berlin One', kind: 'STORE', address: address('Potsdam', 52.39, 13.06), priority: 5 } });
    expect(updated.upsertLocation).toMatchObject({ id: created.upsertLocation.id, name: 'Berlin One', kind: 'STORE', priority: 5, address: { city: 'Potsdam', lat: 52.39 } });
    const byId = await hub.data(`query($id: ID!) { location(id: $id) { code name } bad: location(id: "nope") { code } }`, { id: created.upsertLocation.id });
    expect(byId).toEqual({ location: { code: 'BER-1', name: 'Berlin One' }, bad: null });

    const first = await hub.data(UPSERT_ITEM, { input: { sku: 'TSHIRT-RED-M', name: 'T-shirt', description: 'Red', barcode: '4006381333931', weightGrams: 180 } });
    expect(first.upsertInventoryItem).toMatchObject({ sku: 'TSHIRT-RED-M', active: true, weightGrams: 180, available: 0, onHand: 0, reserved: 0 });
    const second = await hub.data(UPSERT_ITEM, { input: { sku: 'TSHIRT-RED-M', name: 'T-shirt (red)', description: null, active: false } });
    expect(second.upsertInventoryItem).toMatchObject({ name: 'T-shirt (red)', description: null, barcode: '4006381333931', active: false, createdAt: first.upsertInventoryItem.createdAt });
    const read = await hub.data(`{ inventoryItem(sku: "TSHIRT-RED-M") { name active } unknown: inventoryItem(sku: "NOPE") { sku } }`);
    expect(read).toEqual({ inventoryItem: { name: 'T-shirt (red)', active: false }, unknown: null });
    expect(await db().collection('inventory_items').countDocuments({ sku: 'TSHIRT-RED-M' })).toBe(1);
    expect(await db().collection('locations').countDocuments({ code: 'BER-1' })).toBe(1);
  });

  it('refuses bad input naming the field, and unknown sku or location as NOT_FOUND, writing nothing', async () => {
    const locationId = await location('BAD-1');
    await item('BAD-SKU');
    const before = await counts();
    const cases: Array<[string, object, string, string]> = [
      [UPSERT_LOCATION, { code: 'BAD-2', name: 'x', kind: 'STORE', address: { ...address('x'), lat: 91 } }, 'BAD_USER_INPUT', 'input.address.lat'],
      [UPSERT_LOCATION, { code: 'BAD-2', name: 'x', kind: 'STORE', address: { ...address('x'), countryCode: 'Germany' } }, 'BAD_USER_INPUT', 'input.address.countryCode'],
      [UPSERT_LOCATION, { code: 'no spaces', name: 'x', kind: 'STORE', address: address('x') }, 'BAD_USER_INPUT', 'input.code'],
      [UPSERT_ITEM, { sku: '  ', name: 'x' }, 'BAD_USER_INPUT', 'input.sku'],
      [UPSERT_ITEM, { sku: 'NEW-1', name: 'x', weightGrams: -1 }, 'BAD_USER_INPUT', 'input.weightGrams'],
      [ADJUST, { sku: 'BAD-SKU', locationId, delta: 0, reason: 'count' }, 'BAD_USER_INPUT', 'input.delta'],
      [ADJUST, { sku: 'BAD-SKU', locationId: 'nope', delta: 1, reason: 'count' }, 'BAD_USER_INPUT', 'input.locationId'],
      [ADJUST, { sku: 'BAD-SKU', locationId, delta: 1, reason: ' ' }, 'BAD_USER_INPUT', 'input.reason'],
      [SET_STOCK, { sku: 'BAD-SKU', locationId, onHand: -1 }, 'BAD_USER_INPUT', 'input.onHand'],
      [SET_STOCK, { sku: 'BAD-SKU', locationId, onHand: 1, safetyStock: -2 }, 'BAD_USER_INPUT', 'input.safetyStock'],
      [ADJUST, { sku: 'GHOST', locationId, delta: 1, reason: 'r' }, 'NOT_FOUND', 'input.sku'],
      [SET_STOCK, { sku: 'BAD-SKU', locationId: new Types.ObjectId().toHexString(), onHand: 1 }, 'NOT_FOUND', 'input.locationId'],
      // No level exists yet: refused against an empty level, and no empty level is left behind.
      [ADJUST, { sku: 'BAD-SKU', locationId, delta: -1, reason: 'damage' }, 'INSUFFICIENT_STOCK', 'input.delta'],
    ];
    for (const [mutation, input, code, field] of cases) {
      const result = await hub.gql(mutation, { input });
      expect({ field, extensions: result.errors?.[0]?.extensions }).toMatchObject({ field, extensions: { code, field } });
    }
    expect(await counts()).toEqual(before);
  });
});

describe('stock levels and the ledger', () => {
  it('computes available per location and sums items over active locations only', async () => {
    const [a, b, closed] = await Promise.all([location('SUM-A'), location('SUM-B'), location('SUM-C')]);
    await item('SUM-SKU');
    const set = await hub.data(SET_STOCK, { input: { sku: 'SUM-SKU', locationId: a, onHand: 10, safetyStock: 3, reason: 'count' } });
    expect(set.setStock).toEqual({ sku: 'SUM-SKU', onHand: 10, reserved: 0, safetyStock: 3, available: 7, location: { code: 'SUM-A' }, item: { sku: 'SUM-SKU' } });
    await hub.data(SET_STOCK, { input: { sku: 'SUM-SKU', locationId: b, onHand: 2, safetyStock: 5 } });
    await hub.data(ADJUST, { input: { sku: 'SUM-SKU', locationId: closed, delta: 40, reason: 'receipt' } });
    await hub.data(UPSERT_LOCATION, { input: { code: 'SUM-C', name: 'Closed', kind: 'STORE', address: address('Bonn'), active: false } });
    const read = await hub.data(`{ inventoryItem(sku: "SUM-SKU") { onHand reserved available stock { onHand available location { code active } } } }`);
    // B is below its safety stock: it contributes 0 available, never a negative number.
    expect(read.inventoryItem).toMatchObject({ onHand: 12, reserved: 0, available: 7 });
    expect(read.inventoryItem.stock).toHaveLength(3);
    // Lowering safety stock in a stock take moves `sellable` with it.
    const lowered = await hub.data(SET_STOCK, { input: { sku: 'SUM-SKU', locationId: b, onHand: 2, safetyStock: 0 } });
    expect(lowered.setStock).toMatchObject({ onHand: 2, safetyStock: 0, available: 2 });
    await counts();
    const level = await db().collection('stock_levels').findOne({ sku: 'SUM-SKU', locationId: new Types.ObjectId(b) });
    expect(level).toMatchObject({ onHand: 2, reserved: 0, free: 2, sellable: 2, pendingMovements: [] });
  });

  it('lands 100 concurrent +1/-1 adjustments exactly, with a ledger that replays to the level', async () => {
    const locationId = await location('RACE-1');
    await item('RACE-SKU');
    await hub.data(SET_STOCK, { input: { sku: 'RACE-SKU', locationId, onHand: 50, reason: 'opening count' } });
    const deltas = Array.from({ length: 100 }, (_, i) => (i % 5 < 3 ? 1 : -1)); // 60 x +1, 40 x -1
    const racer = await hub.createKey('STAFF', { name: 'racer' });
    const results = await Promise.all(
      deltas.map((delta, i) => hub.gql(ADJUST, { input: { sku: 'RACE-SKU', locationId, delta, reason: `race ${i}` } }, racer.headers)),
    );
    expect(results.filter((result) => result.errors).map((result) => result.errors)).toEqual([]);
    const read = await hub.data(`{ inventoryItem(sku: "RACE-SKU") { onHand available } }`);
    expect(read.inventoryItem).toEqual({ onHand: 70, available: 70 });

    const entries = await ledger('RACE-SKU', locationId);
    expect(entries).toHaveLength(101);
    expect(entries[0]).toMatchObject({ kind: 'STOCK_TAKE', deltaOnHand: 50, onHandAfter: 50, reason: 'opening count', actor: hub.adminActor });
    for (let i = 1; i < entries.length; i++) {
      expect(entries[i]).toMatchObject({ kind: 'ADJUSTMENT', actor: racer.actor, reservedAfter: 0, location: { code: 'RACE-1' } });
      expect(entries[i].onHandAfter).toBe(entries[i - 1].onHandAfter + entries[i].deltaOnHand);
    }
    expect(entries.reduce((sum, entry) => sum + entry.deltaOnHand, 0)).toBe(70);
    const total = await hub.data(`{ stockMovements(sku: "RACE-SKU", first: 1) { totalCount } }`);
    expect(total.stockMovements.totalCount).toBe(101);
    expect(entries[100].onHandAfter).toBe(70);
    expect(new Set(entries.map((entry) => entry.reason)).size).toBe(101);
    const stored = await db().collection('stock_movements').find({ sku: 'RACE-SKU' }).sort({ version: 1 }).toArray();
    expect(stored.map((entry) => entry.version)).toEqual(Array.from({ length: 101 }, (_, i) => i + 1));
    expect(await db().collection('stock_levels').findOne({ sku: 'RACE-SKU' })).toMatchObject({ onHand: 70, free: 70, sellable: 70, version: 101, pendingMovements: [] });
  });

  it('never removes more than is free: concurrent removals stop exactly at zero', async () => {
    const locationId = await location('DRAIN-1');
    await item('DRAIN-SKU');
    await hub.data(SET_STOCK, { input: { sku: 'DRAIN-SKU', locationId, onHand: 10 } });
    const results = await Promise.all(Array.from({ length: 30 }, () => hub.gql(ADJUST, { input: { sku: 'DRAIN-SKU', locationId, delta: -1, reason: 'pick' } })));
    expect(results.filter((result) => !result.errors)).toHaveLength(10);
    expect(results.filter((result) => result.errors?.[0].extensions?.code === 'INSUFFICIENT_STOCK')).toHaveLength(20);
    const tooMuch = await hub.gql(ADJUST, { input: { sku: 'DRAIN-SKU', locationId, delta: -1, reason: 'pick' } });
    expect(tooMuch.errors?.[0].extensions).toMatchObject({ code: 'INSUFFICIENT_STOCK', field: 'input.delta', free: 0, requested: 1 });
    expect(await db().collection('stock_levels').findOne({ sku: 'DRAIN-SKU' })).toMatchObject({ onHand: 0, free: 0 });
    // The ledger is written in batches after the answer; reading it through the graph waits for them.
    expect(await ledger('DRAIN-SKU', locationId)).toHaveLength(11);
    expect(await db().collection('stock_movements').countDocuments({ sku: 'DRAIN-SKU' })).toBe(11);
  });

  it('reserves and releases through the service, refusing stock takes below reservations and removals of reserved units', async () => {
    const locationId = await location('RES-1');
    await item('RES-SKU');
    await hub.data(SET_STOCK, { input: { sku: 'RES-SKU', locationId, onHand: 10, safetyStock: 2 } });
    // The service below writes beside the hub's, like a second process: FerretDB does not isolate
    // concurrent updates of one level across writers, so each side's ledger batch lands before the other writes.
    await counts();
    const stock = new StockService(inventoryModels(db()));
    const actor = { actor: 'orders' };
    await expect(stock.reserve(actor, { sku: 'RES-SKU', locationId, quantity: 9, reference: 'ORD-1' })).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    expect(await stock.reserve(actor, { sku: 'RES-SKU', locationId, quantity: 6, reference: 'ORD-1' })).toMatchObject({ onHand: 10, reserved: 6, free: 4, sellable: 2 });
    await expect(stock.reserve(actor, { sku: 'RES-SKU', locationId, quantity: 0, reference: 'ORD-2' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'input.quantity' } });
    await stock.drainLedger();

    const before = await counts();
    const setBelow = await hub.gql(SET_STOCK, { input: { sku: 'RES-SKU', locationId, onHand: 5 } });
    expect(setBelow.errors?.[0].extensions).toMatchObject({ code: 'INSUFFICIENT_STOCK', field: 'input.onHand', reserved: 6 });
    const removeReserved = await hub.gql(ADJUST, { input: { sku: 'RES-SKU', locationId, delta: -5, reason: 'damage' } });
    expect(removeReserved.errors?.[0].extensions).toMatchObject({ code: 'INSUFFICIENT_STOCK', free: 4, requested: 5 });
    expect(await counts()).toEqual(before);
    const level = await hub.data(ADJUST, { input: { sku: 'RES-SKU', locationId, delta: -4, reason: 'damage' } });
    expect(level.adjustStock).toMatchObject({ onHand: 6, reserved: 6, available: 0 });

    await expect(stock.release(actor, { sku: 'RES-SKU', locationId, quantity: 7, reference: 'ORD-1' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await stock.release(actor, { sku: 'RES-SKU', locationId, quantity: 6, reference: 'ORD-1' })).toMatchObject({ onHand: 6, reserved: 0, free: 6, sellable: 4 });
    // This service is not the hub's: its ledger batch is its own to wait for.
    await stock.drainLedger();
    const entries = await ledger('RES-SKU', locationId);
    expect(entries.map((entry) => [entry.kind, entry.deltaOnHand, entry.deltaReserved, entry.onHandAfter, entry.reservedAfter])).toEqual([
      ['STOCK_TAKE', 10, 0, 10, 0],
      ['RESERVATION', 0, 6, 10, 6],
      ['ADJUSTMENT', -4, 0, 6, 6],
      ['RELEASE', 0, -6, 6, 0],
    ]);
    expect(entries[1].actor).toBe('orders');
  });

  it('moves outbox entries left by an interrupted write into the ledger, once', async () => {
    const locationId = await location('CRASH-1');
    await item('CRASH-SKU');
    await hub.data(SET_STOCK, { input: { sku: 'CRASH-SKU', locationId, onHand: 5 } });
    // The hub's ledger batch lands before the test writes the level behind its back.
    await ledger('CRASH-SKU', locationId);
    // What a crash right after the stock update leaves: the level changed, the movement only in the outbox.
    const lost = (deltaOnHand: number) => ({ _id: new Types.ObjectId(), kind: 'ADJUSTMENT', deltaOnHand, deltaReserved: 0, reason: 'lost', reference: null, actor: 'crashed', at: new Date() });
    const levels = db().collection('stock_levels');
    const filter = { sku: 'CRASH-SKU', locationId: new Types.ObjectId(locationId) };
    await levels.updateOne(filter, { $inc: { onHand: 3, free: 3, sellable: 3, version: 1 }, $push: { pendingMovements: lost(3) } } as any);
    await levels.updateOne(filter, { $inc: { onHand: -1, free: -1, sellable: -1, version: 1 }, $push: { pendingMovements: lost(-1) } } as any);

    const stock = new StockService(inventoryModels(db()));
    expect(await stock.recoverPendingMovements()).toBe(1);
    expect(await stock.recoverPendingMovements()).toBe(0);
    expect(await levels.findOne(filter)).toMatchObject({ onHand: 7, version: 3, pendingMovements: [] });
    const entries = await ledger('CRASH-SKU', locationId);
    expect(entries.map((entry) => [entry.deltaOnHand, entry.onHandAfter])).toEqual([[5, 5], [3, 8], [-1, 7]]);
  });
});

describe('batched loading', () => {
  const PAGE = `query($skus: [String!], $first: Int) { inventoryItems(first: $first, filter: { skus: $skus }) {
    edges { node { sku available onHand stock { onHand available location { name } item { name } } } } } }`;

  it('costs the same number of inventory database commands for a page of 50 as for a page of 10', async () => {
    const [a, b] = await Promise.all([location('PAGE-A'), location('PAGE-B')]);
    const skus = Array.from({ length: 50 }, (_, i) => `PAGE-${String(i).padStart(3, '0')}`);
    await Promise.all(skus.map(item));
    await Promise.all(skus.flatMap((sku, i) => [
      hub.data(SET_STOCK, { input: { sku, locationId: a, onHand: i } }),
      hub.data(SET_STOCK, { input: { sku, locationId: b, onHand: 1 } }),
    ]));

    // Let the writes' ledger batches and event relays finish first: they are not the page's cost.
    await counts();
    await waitFor('the page levels relayed', async () => (await db().collection('stock_levels').countDocuments({ sku: { $in: skus }, 'outbox.0': { $exists: true } })) === 0);
    const counter = inventoryCommands();
    counter.reset();
    const ten = await hub.data(PAGE, { skus, first: 10 });
    const costOfTen = counter.count();
    counter.reset();
    const fifty = await hub.data(PAGE, { skus, first: 50 });
    const costOfFifty = counter.count();

    expect(ten.inventoryItems.edges).toHaveLength(10);
    expect(fifty.inventoryItems.edges).toHaveLength(50);
    const total = await hub.data(`query($skus: [String!]) { inventoryItems(first: 1, filter: { skus: $skus, active: true }) { totalCount pageInfo { hasNextPage } } }`, { skus });
    expect(total.inventoryItems).toEqual({ totalCount: 50, pageInfo: { hasNextPage: true } });
    const node = fifty.inventoryItems.edges[49].node;
    expect(node).toMatchObject({ sku: 'PAGE-049', onHand: 50, available: 50 });
    expect(node.stock.map((level: any) => level.location.name).sort()).toEqual(['Location PAGE-A', 'Location PAGE-B']);
    expect(costOfTen).toBeGreaterThan(0);
    expect(costOfFifty).toBe(costOfTen);
    expect(costOfFifty).toBeLessThanOrEqual(5);

    // Federation references batch too: 50 representations, one `$in` per loader.
    counter.reset();
    const entities = await fetch(hub.subgraphs.inventory.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await hub.signedHeaders()) },
      body: JSON.stringify({
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on InventoryItem { sku available } ... on Location { code } } }`,
        variables: { r: [...skus.map((sku) => ({ __typename: 'InventoryItem', sku })), { __typename: 'Location', id: a }] },
      }),
    }).then((response) => response.json() as Promise<any>);
    expect(entities.data._entities).toHaveLength(51);
    expect(entities.data._entities[10]).toEqual({ sku: 'PAGE-010', available: 11 });
    expect(counter.count()).toBeLessThanOrEqual(4);
  });
});
