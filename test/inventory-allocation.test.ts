// Order allocation through the gateway on the real test database: routing, safety stock, declarative
// idempotent allocation under concurrency, release / shipment / restock idempotency with their ledger,
// the resumable event log, and recovery of events a crash left in an outbox.
import { randomUUID } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { fewestShipmentsNearest } from '../subgraphs/inventory/src/services/allocation/strategies/fewest-shipments-nearest';
import { nearestFirst } from '../subgraphs/inventory/src/services/allocation/strategies/nearest-first';
import type { CandidateLocation, PlanInput } from '../subgraphs/inventory/src/services/allocation/strategies';
import { startTestStack, type TestStack } from './support/stack';

let hub: TestStack;
beforeAll(async () => {
  hub = await startTestStack();
});
afterAll(() => hub?.stop());

/** The inventory connection of the running subgraph (a restart replaces it). */
const db = () => hub.stack.subgraphs.inventory.connection;

const ALLOCATION = `orderId complete lines { sku locationId reserved shipped location { id code } } unallocated { sku quantity }`;
const ALLOCATE = `mutation($input: AllocateOrderInput!) { allocateOrder(input: $input) { ${ALLOCATION} } }`;
const RELEASE = `mutation($input: ReleaseAllocationInput!) { releaseAllocation(input: $input) { ${ALLOCATION} } }`;
const SHIP = `mutation($input: CommitShipmentInput!) { commitShipment(input: $input) { ${ALLOCATION} } }`;
const RESTOCK = `mutation($input: RestockInput!) { restock(input: $input) { sku onHand reserved available location { code } } }`;
const GET = `query($orderId: ID!) { allocation(orderId: $orderId) { ${ALLOCATION} } }`;
const SET_STOCK = `mutation($input: SetStockInput!) { setStock(input: $input) { onHand reserved available } }`;
const ADJUST = `mutation($input: AdjustStockInput!) { adjustStock(input: $input) { onHand reserved available } }`;
const EVENTS = `query($after: String, $first: Int, $types: [String!]) { inventoryEvents(after: $after, first: $first, types: $types) {
  cursor hasMore events { cursor type aggregateType aggregateId actor at payload } } }`;
const MOVEMENTS = `query($sku: String!, $locationId: ID) { stockMovements(sku: $sku, locationId: $locationId, first: 100) {
  edges { node { kind deltaOnHand deltaReserved onHandAfter reservedAfter reference location { code } } } } }`;

// Potsdam is next to Berlin, Augsburg next to Munich.
const CITIES = {
  BER: { lat: 52.52, lng: 13.405 },
  HAM: { lat: 53.551, lng: 9.993 },
  MUC: { lat: 48.137, lng: 11.575 },
  CGN: { lat: 50.938, lng: 6.96 },
} as const;
const POTSDAM = { lat: 52.39, lng: 13.06 };
const AUGSBURG = { lat: 48.37, lng: 10.9 };
type City = keyof typeof CITIES;

let codes = 0;
/** A fresh location in `city` (unique code per test); returns its id and code. */
async function location(city: City, extra: object = {}): Promise<{ id: string; code: string }> {
  const code = `${city}-${++codes}`;
  const { lat, lng } = CITIES[city];
  const result = await hub.data(`mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id code } }`, {
    input: { code, name: code, kind: 'WAREHOUSE', address: { line1: '1 Dock Rd', city, countryCode: 'DE', lat, lng }, ...extra },
  });
  return result.upsertLocation;
}
async function item(sku: string): Promise<void> {
  await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name: sku } });
}
async function stock(sku: string, locationId: string, onHand: number, safetyStock = 0): Promise<void> {
  await hub.data(SET_STOCK, { input: { sku, locationId, onHand, safetyStock } });
}
async function allocate(input: object) {
  return (await hub.data(ALLOCATE, { input })).allocateOrder;
}
/** Lines as `CODE:sku:reserved/shipped`, sorted. */
function lineSummary(allocation: any): string[] {
  return allocation.lines.map((line: any) => `${line.location.code}:${line.sku}:${line.reserved}/${line.shipped}`).sort();
}
async function level(sku: string, locationId: string) {
  return db().collection('stock_levels').findOne({ sku, locationId: new Types.ObjectId(locationId) });
}
async function counts() {
  // Movements reach the ledger just after their write answers; a ledger read through the graph waits for them.
  await hub.data(`{ stockMovements(sku: "-", first: 1) { edges { cursor } } }`);
  const names = ['stock_levels', 'stock_movements', 'events', 'allocation_requests'];
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await db().collection(name).countDocuments()])));
}
/** The whole event log, read in pages of `first`. */
async function allEvents(first = 100, types?: string[]) {
  const events: any[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = (await hub.data(EVENTS, { after, first, types })).inventoryEvents;
    events.push(...page.events);
    if (!page.hasMore) return { events, cursor: page.cursor as string | null };
    after = page.cursor;
  }
}

describe('routing', () => {
  it('reserves at the location nearest to the destination, and lists the strategies', async () => {
    const [ber, muc] = await Promise.all([location('BER'), location('MUC')]);
    await item('ROUTE-1');
    await Promise.all([stock('ROUTE-1', ber.id, 10), stock('ROUTE-1', muc.id, 10)]);

    const nearBerlin = await allocate({ orderId: 'route-potsdam', lines: [{ sku: 'ROUTE-1', quantity: 3 }], destination: POTSDAM });
    expect(nearBerlin).toMatchObject({ orderId: 'route-potsdam', complete: true, unallocated: [] });
    expect(lineSummary(nearBerlin)).toEqual([`${ber.code}:ROUTE-1:3/0`]);
    expect(nearBerlin.lines[0]).toMatchObject({ locationId: ber.id, location: { id: ber.id } });
    const nearMunich = await allocate({ orderId: 'route-augsburg', lines: [{ sku: 'ROUTE-1', quantity: 3 }], destination: AUGSBURG });
    expect(lineSummary(nearMunich)).toEqual([`${muc.code}:ROUTE-1:3/0`]);

    expect(await level('ROUTE-1', ber.id)).toMatchObject({ onHand: 10, reserved: 3, sellable: 7, holds: [{ ref: 'route-potsdam', reserved: 3, shipped: 0 }] });
    expect(await level('ROUTE-1', muc.id)).toMatchObject({ onHand: 10, reserved: 3, sellable: 7, holds: [{ ref: 'route-augsburg', reserved: 3, shipped: 0 }] });

    const strategies = await hub.data(`{ allocationStrategies }`);
    expect(strategies.allocationStrategies).toEqual(['fewest-shipments-nearest', 'nearest-first', 'priority-first']);
  });

  it('breaks distance ties by priority and honours the chosen strategy', async () => {
    const [ber, muc] = await Promise.all([location('BER', { priority: 50 }), location('MUC', { priority: 5 })]);
    await item('ROUTE-2');
    await Promise.all([stock('ROUTE-2', ber.id, 5), stock('ROUTE-2', muc.id, 5)]);
    // No destination: every location is equally near, so the better priority (lower number) wins.
    expect(lineSummary(await allocate({ orderId: 'prio-1', lines: [{ sku: 'ROUTE-2', quantity: 1 }] }))).toEqual([`${muc.code}:ROUTE-2:1/0`]);
    // priority-first ignores the nearer Berlin; nearest-first takes it.
    expect(lineSummary(await allocate({ orderId: 'prio-2', lines: [{ sku: 'ROUTE-2', quantity: 1 }], destination: POTSDAM, strategy: 'priority-first' }))).toEqual([
      `${muc.code}:ROUTE-2:1/0`,
    ]);
    expect(lineSummary(await allocate({ orderId: 'prio-3', lines: [{ sku: 'ROUTE-2', quantity: 1 }], destination: POTSDAM, strategy: 'nearest-first' }))).toEqual([
      `${ber.code}:ROUTE-2:1/0`,
    ]);
  });

  it('ships from one farther location that has every line rather than from several nearer ones', async () => {
    const [ber, ham, muc, cgn] = await Promise.all([location('BER'), location('HAM'), location('MUC'), location('CGN')]);
    await Promise.all(['FEW-A', 'FEW-B', 'FEW-C'].map(item));
    // Nearest to Potsdam: Berlin (A only), Hamburg (B only); Munich has A and B; Cologne has C.
    await Promise.all([stock('FEW-A', ber.id, 2), stock('FEW-B', ham.id, 2), stock('FEW-A', muc.id, 2), stock('FEW-B', muc.id, 2), stock('FEW-C', cgn.id, 2), stock('FEW-C', muc.id, 1)]);
    const lines = [{ sku: 'FEW-A', quantity: 2 }, { sku: 'FEW-B', quantity: 2 }, { sku: 'FEW-C', quantity: 2 }];

    const fewest = await allocate({ orderId: 'few-1', lines, destination: POTSDAM });
    expect(fewest.complete).toBe(true);
    expect(lineSummary(fewest)).toEqual([`${cgn.code}:FEW-C:2/0`, `${muc.code}:FEW-A:2/0`, `${muc.code}:FEW-B:2/0`].sort());
    await hub.data(RELEASE, { input: { orderId: 'few-1' } });

    // nearest-first on the same stock: three locations.
    const nearest = await allocate({ orderId: 'few-2', lines, destination: POTSDAM, strategy: 'nearest-first' });
    expect(new Set(nearest.lines.map((line: any) => line.location.code))).toEqual(new Set([ber.code, ham.code, cgn.code]));
  });

  it('splits a line no single location can fill over the fewest locations, nearest first', async () => {
    const [ber, ham, muc] = await Promise.all([location('BER'), location('HAM'), location('MUC')]);
    await item('SPLIT-1');
    await Promise.all([stock('SPLIT-1', ber.id, 6), stock('SPLIT-1', ham.id, 3), stock('SPLIT-1', muc.id, 6)]);
    const split = await allocate({ orderId: 'split-1', lines: [{ sku: 'SPLIT-1', quantity: 10 }], destination: POTSDAM });
    // Berlin (nearest of the two largest) then Munich finishes the line; Hamburg (nearer, but too small) is not needed.
    expect(lineSummary(split)).toEqual([`${ber.code}:SPLIT-1:6/0`, `${muc.code}:SPLIT-1:4/0`]);
    expect(split.complete).toBe(true);

    // More than all locations hold: everything sellable is reserved, the rest is backordered.
    const short = await allocate({ orderId: 'split-2', lines: [{ sku: 'SPLIT-1', quantity: 7 }], destination: POTSDAM });
    expect(lineSummary(short)).toEqual([`${ham.code}:SPLIT-1:3/0`, `${muc.code}:SPLIT-1:2/0`]);
    expect(short).toMatchObject({ complete: false, unallocated: [{ sku: 'SPLIT-1', quantity: 2 }] });
  });

  it('never dips into safety stock', async () => {
    const [ber, muc] = await Promise.all([location('BER'), location('MUC')]);
    await item('SAFE-1');
    await Promise.all([stock('SAFE-1', ber.id, 10, 8), stock('SAFE-1', muc.id, 5, 0)]);
    // Berlin is nearer but has only 2 sellable: Munich serves the whole line.
    expect(lineSummary(await allocate({ orderId: 'safe-1', lines: [{ sku: 'SAFE-1', quantity: 4 }], destination: POTSDAM }))).toEqual([`${muc.code}:SAFE-1:4/0`]);
    const rest = await allocate({ orderId: 'safe-2', lines: [{ sku: 'SAFE-1', quantity: 10 }], destination: POTSDAM });
    expect(lineSummary(rest)).toEqual([`${ber.code}:SAFE-1:2/0`, `${muc.code}:SAFE-1:1/0`]);
    expect(rest.unallocated).toEqual([{ sku: 'SAFE-1', quantity: 7 }]);
    expect(await level('SAFE-1', ber.id)).toMatchObject({ onHand: 10, reserved: 2, safetyStock: 8, sellable: 0 });
    const read = await hub.data(`{ inventoryItem(sku: "SAFE-1") { onHand reserved available } }`);
    expect(read.inventoryItem).toEqual({ onHand: 15, reserved: 7, available: 0 });
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const ber = await location('BER');
    await item('BAD-ALLOC');
    await stock('BAD-ALLOC', ber.id, 5);
    const before = await counts();
    const cases: Array<[string, object, string]> = [
      [ALLOCATE, { orderId: 'bad-1', lines: [{ sku: 'BAD-ALLOC', quantity: 1 }], strategy: 'cheapest' }, 'input.strategy'],
      [ALLOCATE, { orderId: 'bad-1', lines: [{ sku: 'BAD-ALLOC', quantity: 1 }, { sku: 'NO-SUCH-SKU', quantity: 1 }] }, 'input.lines[1].sku'],
      [ALLOCATE, { orderId: 'bad-1', lines: [{ sku: 'BAD-ALLOC', quantity: 0 }] }, 'input.lines[0].quantity'],
      [ALLOCATE, { orderId: 'bad-1', lines: [{ sku: 'BAD-ALLOC', quantity: -2 }] }, 'input.lines[0].quantity'],
      [ALLOCATE, { orderId: ' ', lines: [{ sku: 'BAD-ALLOC', quantity: 1 }] }, 'input.orderId'],
      [ALLOCATE, { orderId: 'bad-1', lines: [{ sku: 'BAD-ALLOC', quantity: 1 }], destination: { lat: 95, lng: 0 } }, 'input.destination.lat'],
      [SHIP, { orderId: 'bad-1', shipmentId: 's', locationId: 'nope', lines: [{ sku: 'BAD-ALLOC', quantity: 1 }] }, 'input.locationId'],
      [RESTOCK, { sku: 'BAD-ALLOC', locationId: ber.id, quantity: 0, reference: 'r' }, 'input.quantity'],
      [RESTOCK, { sku: 'BAD-ALLOC', locationId: ber.id, quantity: 1, reference: ' ' }, 'input.reference'],
    ];
    for (const [mutation, input, field] of cases) {
      const result = await hub.gql(mutation, { input });
      expect({ field, extensions: result.errors?.[0]?.extensions }).toMatchObject({ field, extensions: { code: 'BAD_USER_INPUT', field } });
    }
    expect(await counts()).toEqual(before);
    expect(await hub.data(GET, { orderId: 'bad-1' })).toEqual({ allocation: null });
    // No lines is not an error: the order wants nothing, so nothing is reserved.
    expect(await allocate({ orderId: 'bad-2', lines: [] })).toEqual({ orderId: 'bad-2', complete: true, lines: [], unallocated: [] });
    expect(await level('BAD-ALLOC', ber.id)).toMatchObject({ reserved: 0 });
  });
});

describe('declarative allocation', () => {
  it('is idempotent per order and tops up a backorder when stock arrives', async () => {
    const ber = await location('BER');
    await item('IDEM-1');
    await stock('IDEM-1', ber.id, 3);
    const input = { orderId: 'idem-1', lines: [{ sku: 'IDEM-1', quantity: 5 }], destination: POTSDAM };
    const first = await allocate(input);
    expect(first).toMatchObject({ complete: false, unallocated: [{ sku: 'IDEM-1', quantity: 2 }] });
    const before = await counts();
    const again = await allocate(input);
    expect(again).toEqual(first);
    expect(await counts()).toEqual(before);
    expect(await level('IDEM-1', ber.id)).toMatchObject({ onHand: 3, reserved: 3 });
    expect((await hub.data(GET, { orderId: 'idem-1' })).allocation).toEqual(first);

    // Stock rises: the event carries `available`, and the same call now completes the order.
    await hub.data(ADJUST, { input: { sku: 'IDEM-1', locationId: ber.id, delta: 4, reason: 'receipt' } });
    const { events } = await allEvents(100, ['inventory.stock.adjusted']);
    expect(events.filter((event) => event.payload.sku === 'IDEM-1').at(-1)).toMatchObject({
      aggregateType: 'StockLevel',
      aggregateId: `IDEM-1@${ber.id}`,
      payload: { sku: 'IDEM-1', locationId: ber.id, onHand: 7, reserved: 3, available: 4, deltaOnHand: 4 },
    });
    const topped = await allocate(input);
    expect(topped).toMatchObject({ complete: true, unallocated: [] });
    expect(lineSummary(topped)).toEqual([`${ber.code}:IDEM-1:5/0`]);
    // Two reservations in the ledger (3, then the missing 2), nothing more for the repeats.
    const ledger = (await hub.data(MOVEMENTS, { sku: 'IDEM-1' })).stockMovements.edges.map((edge: any) => edge.node);
    expect(ledger.filter((entry: any) => entry.kind === 'RESERVATION').map((entry: any) => [entry.deltaReserved, entry.reference])).toEqual([[2, 'idem-1'], [3, 'idem-1']]);
  });

  it('serialises concurrent calls for one order: 20 identical calls reserve the wanted quantity once', async () => {
    const [ber, muc] = await Promise.all([location('BER'), location('MUC')]);
    await item('SAME-1');
    await Promise.all([stock('SAME-1', ber.id, 10), stock('SAME-1', muc.id, 10)]);
    const input = { orderId: 'same-1', lines: [{ sku: 'SAME-1', quantity: 12 }], destination: POTSDAM };
    const results = await Promise.all(Array.from({ length: 20 }, () => hub.gql(ALLOCATE, { input })));
    expect(results.filter((result) => result.errors).map((result) => result.errors)).toEqual([]);
    for (const result of results) expect(lineSummary(result.data.allocateOrder)).toEqual([`${ber.code}:SAME-1:10/0`, `${muc.code}:SAME-1:2/0`]);
    expect(await level('SAME-1', ber.id)).toMatchObject({ reserved: 10 });
    expect(await level('SAME-1', muc.id)).toMatchObject({ reserved: 2 });
    // The ledger is written in batches after the answer; reading it through the graph waits for them.
    const ledger = (await hub.data(MOVEMENTS, { sku: 'SAME-1' })).stockMovements.edges.map((edge: any) => edge.node);
    expect(ledger.filter((entry: any) => entry.kind === 'RESERVATION')).toHaveLength(2);
    expect(await db().collection('stock_movements').countDocuments({ sku: 'SAME-1', kind: 'RESERVATION' })).toBe(2);
  });

  it('reserves exactly the stock there is when 200 orders race for 50 units over two locations', async () => {
    const [ber, muc] = await Promise.all([location('BER'), location('MUC')]);
    await item('RACE-ALLOC');
    await Promise.all([stock('RACE-ALLOC', ber.id, 25), stock('RACE-ALLOC', muc.id, 25)]);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        hub.gql(ALLOCATE, { input: { orderId: `race-${i}`, lines: [{ sku: 'RACE-ALLOC', quantity: 1 }], destination: i % 2 ? POTSDAM : AUGSBURG } }),
      ),
    );
    expect(results.filter((result) => result.errors).map((result) => result.errors)).toEqual([]);
    const allocations = results.map((result) => result.data.allocateOrder);
    const reserved = allocations.filter((allocation) => allocation.complete);
    expect(reserved).toHaveLength(50);
    expect(allocations.filter((allocation) => !allocation.complete).every((allocation) => allocation.lines.length === 0 && allocation.unallocated[0].quantity === 1)).toBe(true);
    for (const locationId of [ber.id, muc.id]) {
      const doc: any = await level('RACE-ALLOC', locationId);
      expect(doc).toMatchObject({ onHand: 25, reserved: 25, sellable: 0, free: 0 });
      expect(doc.holds).toHaveLength(25);
      expect(doc.holds.reduce((sum: number, hold: any) => sum + hold.reserved, 0)).toBe(25);
    }
    // Every reservation event shows a level that never held more than it had.
    const { events } = await allEvents(500, ['inventory.stock.reserved']);
    const raced = events.filter((event) => event.payload.sku === 'RACE-ALLOC');
    expect(raced).toHaveLength(50);
    expect(raced.every((event) => event.payload.reserved <= event.payload.onHand)).toBe(true);
    expect(new Set(raced.map((event) => event.payload.orderId)).size).toBe(50);
  }, 240_000);
});

describe('batched allocation', () => {
  const ALLOCATE_MANY = `mutation($input: [AllocateOrderInput!]!) { allocateOrders(input: $input) { ${ALLOCATION} } }`;

  it('plans many orders in the order given from one read, one write per stock level, each with its own ledger entry and event', async () => {
    const [ber, muc] = await Promise.all([location('BER'), location('MUC')]);
    await Promise.all([item('BATCH-A'), item('BATCH-B')]);
    await Promise.all([stock('BATCH-A', ber.id, 5), stock('BATCH-A', muc.id, 3), stock('BATCH-B', ber.id, 10)]);
    const input = Array.from({ length: 8 }, (_, i) => ({ orderId: `batch-${i}`, lines: [{ sku: 'BATCH-A', quantity: 1 }, { sku: 'BATCH-B', quantity: 1 }], destination: POTSDAM }));
    const versions = async () => Promise.all([level('BATCH-A', ber.id), level('BATCH-A', muc.id), level('BATCH-B', ber.id)].map(async (doc) => (await doc)?.version));
    const before = await versions();

    const allocations = (await hub.data(ALLOCATE_MANY, { input })).allocateOrders;
    // Berlin's five units of A go to the first five orders (nearest to Potsdam), Munich's three to the rest.
    expect(allocations.map((allocation: any) => [allocation.orderId, allocation.complete, lineSummary(allocation)])).toEqual(
      input.map(({ orderId }, i) => [orderId, true, [`${(i < 5 ? ber : muc).code}:BATCH-A:1/0`, `${ber.code}:BATCH-B:1/0`].sort()]),
    );
    // One compare-and-set per level for all eight orders.
    expect((await versions()).map((version, i) => version - before[i])).toEqual([1, 1, 1]);
    expect(await level('BATCH-A', ber.id)).toMatchObject({ onHand: 5, reserved: 5, sellable: 0 });
    expect((await level('BATCH-B', ber.id))!.holds).toHaveLength(8);
    const ledger = (await hub.data(MOVEMENTS, { sku: 'BATCH-A' })).stockMovements.edges.map((edge: any) => edge.node);
    expect(ledger.filter((entry: any) => entry.kind === 'RESERVATION').map((entry: any) => entry.reference).sort()).toEqual(input.map(({ orderId }) => orderId).sort());
    const { events } = await allEvents(500, ['inventory.stock.reserved']);
    const reservedA = events.filter((event) => event.payload.sku === 'BATCH-A' && event.payload.locationId === ber.id).map((event) => event.payload.reserved);
    expect(reservedA).toEqual([1, 2, 3, 4, 5]);

    // A repeat changes nothing; what each order holds reads back the same.
    const again = (await hub.data(ALLOCATE_MANY, { input })).allocateOrders;
    expect(again.map(lineSummary)).toEqual(allocations.map(lineSummary));
    expect((await versions()).map((version, i) => version - before[i])).toEqual([1, 1, 1]);
  });

  it('backorders what no location has, tops up an order allocated before, and refuses an invalid input as a whole', async () => {
    const ber = await location('BER');
    await item('BATCH-C');
    await stock('BATCH-C', ber.id, 3);
    await allocate({ orderId: 'batch-c-0', lines: [{ sku: 'BATCH-C', quantity: 1 }] });
    const allocations = (
      await hub.data(ALLOCATE_MANY, {
        input: [
          { orderId: 'batch-c-0', lines: [{ sku: 'BATCH-C', quantity: 2 }] },
          { orderId: 'batch-c-1', lines: [{ sku: 'BATCH-C', quantity: 3 }] },
        ],
      })
    ).allocateOrders;
    expect(allocations.map((allocation: any) => [lineSummary(allocation), allocation.unallocated])).toEqual([
      [[`${ber.code}:BATCH-C:2/0`], []],
      [[`${ber.code}:BATCH-C:1/0`], [{ sku: 'BATCH-C', quantity: 2 }]],
    ]);

    const refused = await hub.gql(ALLOCATE_MANY, { input: [{ orderId: 'batch-c-2', lines: [{ sku: 'BATCH-C', quantity: 1 }] }, { orderId: 'batch-c-3', lines: [{ sku: 'NO-SUCH-SKU', quantity: 1 }] }] });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input[1].lines[0].sku' });
    expect(await hub.data(GET, { orderId: 'batch-c-2' })).toEqual({ allocation: null });
  });
});

describe('release, shipment and restock', () => {
  it('ships reserved units once per shipment, refuses more than is reserved, releases and restocks idempotently', async () => {
    const [ber, muc] = await Promise.all([location('BER'), location('MUC')]);
    await Promise.all([item('LIFE-1'), item('LIFE-2')]);
    await Promise.all([stock('LIFE-1', ber.id, 10), stock('LIFE-2', ber.id, 1)]);
    await allocate({ orderId: 'life-1', lines: [{ sku: 'LIFE-1', quantity: 5 }], destination: POTSDAM });

    const ship = { orderId: 'life-1', shipmentId: 'shp-1', locationId: ber.id, lines: [{ sku: 'LIFE-1', quantity: 2 }] };
    const shipped = (await hub.data(SHIP, { input: ship })).commitShipment;
    expect(shipped).toMatchObject({ complete: true, lines: [{ sku: 'LIFE-1', reserved: 3, shipped: 2 }] });
    expect(await level('LIFE-1', ber.id)).toMatchObject({ onHand: 8, reserved: 3, free: 5, sellable: 5 });
    const before = await counts();
    expect((await hub.data(SHIP, { input: ship })).commitShipment).toEqual(shipped);
    expect(await counts()).toEqual(before);

    // More than is reserved, or a line the order does not hold there: refused as a whole, nothing written.
    const tooMany = await hub.gql(SHIP, { input: { ...ship, shipmentId: 'shp-2', lines: [{ sku: 'LIFE-1', quantity: 4 }] } });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'INSUFFICIENT_STOCK', field: 'input.lines[0].quantity', reserved: 3, requested: 4 });
    const notHeld = await hub.gql(SHIP, { input: { ...ship, shipmentId: 'shp-2', lines: [{ sku: 'LIFE-1', quantity: 1 }, { sku: 'LIFE-2', quantity: 1 }] } });
    expect(notHeld.errors?.[0].extensions).toMatchObject({ code: 'INSUFFICIENT_STOCK', field: 'input.lines[1].quantity', reserved: 0 });
    const elsewhere = await hub.gql(SHIP, { input: { ...ship, shipmentId: 'shp-2', locationId: muc.id } });
    expect(elsewhere.errors?.[0].extensions).toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    expect(await counts()).toEqual(before);

    // Release one, then the rest; the released units are no longer wanted (no phantom backorder).
    const partly = (await hub.data(RELEASE, { input: { orderId: 'life-1', lines: [{ sku: 'LIFE-1', quantity: 1 }], reason: 'line reduced' } })).releaseAllocation;
    expect(partly).toMatchObject({ complete: true, unallocated: [], lines: [{ reserved: 2, shipped: 2 }] });
    const released = (await hub.data(RELEASE, { input: { orderId: 'life-1', reason: 'cancelled' } })).releaseAllocation;
    expect(released).toMatchObject({ complete: true, unallocated: [], lines: [{ sku: 'LIFE-1', reserved: 0, shipped: 2 }] });
    const afterRelease = await counts();
    expect((await hub.data(RELEASE, { input: { orderId: 'life-1' } })).releaseAllocation).toEqual(released);
    expect(await counts()).toEqual(afterRelease);
    expect(await level('LIFE-1', ber.id)).toMatchObject({ onHand: 8, reserved: 0, sellable: 8 });
    // Nothing reserved is left to ship.
    expect((await hub.gql(SHIP, { input: { ...ship, shipmentId: 'shp-3', lines: [{ sku: 'LIFE-1', quantity: 1 }] } })).errors?.[0].extensions?.code).toBe('INSUFFICIENT_STOCK');

    // A return: on hand again, once per reference.
    const restock = { sku: 'LIFE-1', locationId: ber.id, quantity: 2, reference: 'RMA-1', reason: 'customer return' };
    expect((await hub.data(RESTOCK, { input: restock })).restock).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
    expect((await hub.data(RESTOCK, { input: restock })).restock).toMatchObject({ onHand: 10, available: 10 });
    expect((await hub.data(RESTOCK, { input: { ...restock, reference: 'RMA-2', quantity: 1 } })).restock).toMatchObject({ onHand: 11 });

    const ledger = (await hub.data(MOVEMENTS, { sku: 'LIFE-1', locationId: ber.id })).stockMovements.edges.map((edge: any) => edge.node).reverse();
    expect(ledger.map((entry: any) => [entry.kind, entry.deltaOnHand, entry.deltaReserved, entry.onHandAfter, entry.reservedAfter, entry.reference])).toEqual([
      ['STOCK_TAKE', 10, 0, 10, 0, null],
      ['RESERVATION', 0, 5, 10, 5, 'life-1'],
      ['SHIPMENT', -2, -2, 8, 3, 'shp-1'],
      ['RELEASE', 0, -1, 8, 2, 'life-1'],
      ['RELEASE', 0, -2, 8, 0, 'life-1'],
      ['RETURN', 2, 0, 10, 0, 'RMA-1'],
      ['RETURN', 1, 0, 11, 0, 'RMA-2'],
    ]);
    const { events } = await allEvents(500);
    const mine = events.filter((event) => event.aggregateId === `LIFE-1@${ber.id}`);
    expect(mine.map((event) => event.type)).toEqual([
      'inventory.stock.set',
      'inventory.stock.reserved',
      'inventory.stock.shipped',
      'inventory.stock.released',
      'inventory.stock.released',
      'inventory.stock.restocked',
      'inventory.stock.restocked',
    ]);
    expect(mine[2].payload).toEqual({
      sku: 'LIFE-1', locationId: ber.id, onHand: 8, reserved: 3, safetyStock: 0, available: 5, deltaOnHand: -2, deltaReserved: -2, reference: 'shp-1', orderId: 'life-1', shipmentId: 'shp-1',
    });
    expect(mine[4].payload).toMatchObject({ orderId: 'life-1', available: 8, reason: 'cancelled' });
  });

  it('releases from the farthest location first', async () => {
    const [ber, muc] = await Promise.all([location('BER'), location('MUC')]);
    await item('FAR-1');
    await Promise.all([stock('FAR-1', ber.id, 3), stock('FAR-1', muc.id, 3)]);
    const split = await allocate({ orderId: 'far-1', lines: [{ sku: 'FAR-1', quantity: 5 }], destination: POTSDAM });
    expect(lineSummary(split)).toEqual([`${ber.code}:FAR-1:3/0`, `${muc.code}:FAR-1:2/0`]);
    const released = (await hub.data(RELEASE, { input: { orderId: 'far-1', lines: [{ sku: 'FAR-1', quantity: 3 }] } })).releaseAllocation;
    // Munich (farther from Potsdam) gives back both its units first, then Berlin one; its empty hold disappears.
    expect(lineSummary(released)).toEqual([`${ber.code}:FAR-1:2/0`]);
    expect(released).toMatchObject({ complete: true, unallocated: [] });
    expect(await level('FAR-1', muc.id)).toMatchObject({ reserved: 0, holds: [] });
    expect((await hub.data(GET, { orderId: 'far-1' })).allocation).toEqual(released);
    expect(await hub.data(GET, { orderId: 'never-allocated' })).toEqual({ allocation: null });
  });
});

describe('event log', () => {
  it('pages from a cursor without gaps or duplicates, filtered by type', async () => {
    const ber = await location('BER');
    await item('EVT-1');
    await stock('EVT-1', ber.id, 4);
    await hub.data(ADJUST, { input: { sku: 'EVT-1', locationId: ber.id, delta: 2, reason: 'receipt' } });
    await allocate({ orderId: 'evt-1', lines: [{ sku: 'EVT-1', quantity: 1 }] });

    const whole = await allEvents(1000);
    const paged = await allEvents(3);
    expect(paged.events.map((event) => event.cursor)).toEqual(whole.events.map((event) => event.cursor));
    expect(new Set(paged.events.map((event) => event.cursor)).size).toBe(paged.events.length);
    expect(paged.cursor).toBe(whole.cursor);
    // Resuming from a cursor in the middle returns exactly the rest.
    const middle = Math.floor(whole.events.length / 2);
    const rest = (await hub.data(EVENTS, { after: whole.events[middle - 1].cursor, first: 1000 })).inventoryEvents;
    expect(rest.events.map((event: any) => event.cursor)).toEqual(whole.events.slice(middle).map((event) => event.cursor));
    // Nothing new: an empty page keeps the cursor.
    expect((await hub.data(EVENTS, { after: whole.cursor, first: 10 })).inventoryEvents).toEqual({ cursor: whole.cursor, hasMore: false, events: [] });

    const reservedOnly = await allEvents(2, ['inventory.stock.reserved']);
    expect(reservedOnly.events.length).toBeGreaterThan(0);
    expect(reservedOnly.events.every((event) => event.type === 'inventory.stock.reserved')).toBe(true);
    expect(reservedOnly.events.map((event) => event.cursor)).toEqual(whole.events.filter((event) => event.type === 'inventory.stock.reserved').map((event) => event.cursor));

    const mine = whole.events.filter((event) => event.aggregateId === `EVT-1@${ber.id}`);
    expect(mine.map((event) => [event.type, event.payload.available])).toEqual([
      ['inventory.stock.set', 4],
      ['inventory.stock.adjusted', 6],
      ['inventory.stock.reserved', 5],
    ]);
    expect(mine[0]).toMatchObject({ aggregateType: 'StockLevel', actor: hub.adminActor });
    expect(new Date(mine[0].at).getTime()).toBeLessThanOrEqual(new Date(mine[2].at).getTime());

    const bad = await hub.gql(EVENTS, { after: 'bm90LWEtY3Vyc29y', first: 10 });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('strategies (pure)', () => {
  const loc = (id: string, distanceKm: number, priority = 100): CandidateLocation => ({ id, code: id, priority, lat: 0, lng: 0, distanceKm });
  const input = (missing: Record<string, number>, stock: Record<string, Record<string, number>>, locations: CandidateLocation[]): PlanInput => ({
    missing: new Map(Object.entries(missing)),
    locations,
    sellable: new Map(Object.entries(stock).map(([id, skus]) => [id, new Map(Object.entries(skus))])),
    destination: { lat: 0, lng: 0 },
  });

  it('prefers one location for the whole order, then the nearest, then priority', () => {
    const plan = fewestShipmentsNearest.plan(input({ A: 1, B: 1 }, { near: { A: 5 }, far: { A: 5, B: 5 }, farther: { A: 5, B: 5 } }, [loc('near', 1), loc('far', 10), loc('farther', 10, 1)]));
    // far and farther tie on distance; farther has the better priority.
    expect(plan).toEqual([{ sku: 'A', locationId: 'farther', quantity: 1 }, { sku: 'B', locationId: 'farther', quantity: 1 }]);
  });

  it('splits over a location already shipping before opening another one', () => {
    const plan = fewestShipmentsNearest.plan(input({ A: 2, B: 4 }, { x: { A: 2, B: 1 }, y: { B: 3 }, z: { B: 5 } }, [loc('x', 1), loc('y', 2), loc('z', 30)]));
    // z serves B whole (4 units) and beats x (A whole, 2 units); A then comes from x (nearest with all of it).
    expect(plan).toEqual([{ sku: 'B', locationId: 'z', quantity: 4 }, { sku: 'A', locationId: 'x', quantity: 2 }]);
    const split = fewestShipmentsNearest.plan(input({ A: 2, B: 6 }, { x: { A: 2, B: 1 }, y: { B: 3 }, z: { B: 5 } }, [loc('x', 1), loc('y', 2), loc('z', 30)]));
    expect(split).toEqual([{ sku: 'A', locationId: 'x', quantity: 2 }, { sku: 'B', locationId: 'x', quantity: 1 }, { sku: 'B', locationId: 'z', quantity: 5 }]);
    expect(nearestFirst.plan(input({ B: 6 }, { x: { B: 1 }, y: { B: 3 }, z: { B: 5 } }, [loc('z', 30), loc('y', 2), loc('x', 1)]))).toEqual([
      { sku: 'B', locationId: 'x', quantity: 1 },
      { sku: 'B', locationId: 'y', quantity: 3 },
      { sku: 'B', locationId: 'z', quantity: 2 },
    ]);
  });
});

// Last: restarts the inventory subgraph.
describe('crash recovery', () => {
  it('relays events a crash left in an outbox at start, once, including ones relayed but not yet removed', async () => {
    const ber = await location('BER');
    await item('CRASH-EVT');
    await stock('CRASH-EVT', ber.id, 5);
    const before = await allEvents(1000);
    const lastSeq = (await db().collection('events').find().sort({ seq: -1 }).limit(1).toArray())[0].seq as number;

    // Stop the subgraph, then leave what two crashes leave behind: a change whose event was never relayed,
    // and one whose event reached the log but was not yet pulled from the outbox.
    const dbName = db().name;
    await hub.stack.subgraphs.inventory.stop();
    const raw = await mongoose.createConnection(process.env.OMS_TEST_MONGODB_URI!, { dbName }).asPromise();
    try {
      const aggregateId = `CRASH-EVT@${ber.id}`;
      const event = (id: string, onHand: number, delta: number) => ({
        id,
        type: 'inventory.stock.adjusted',
        aggregateType: 'StockLevel',
        aggregateId,
        payload: { sku: 'CRASH-EVT', locationId: ber.id, onHand, reserved: 0, safetyStock: 0, available: onHand, deltaOnHand: delta, deltaReserved: 0, reason: 'crash' },
        actor: 'crashed',
        at: new Date(),
      });
      const relayedNotPulled = event(randomUUID(), 6, 1);
      const neverRelayed = event(randomUUID(), 8, 2);
      const { id, ...stored } = relayedNotPulled;
      await raw.collection('events').insertOne({ _id: id as any, ...stored, seq: lastSeq + 1 });
      await raw.collection('stock_levels').updateOne(
        { sku: 'CRASH-EVT', locationId: new Types.ObjectId(ber.id) },
        { $inc: { onHand: 3, free: 3, sellable: 3, version: 2 }, $push: { outbox: { $each: [relayedNotPulled, neverRelayed] } } } as any,
      );
    } finally {
      await raw.close();
    }

    await hub.stack.restartSubgraph('inventory');
    const after = await allEvents(1000);
    const fresh = after.events.slice(before.events.length);
    expect(fresh.map((event) => [event.type, event.actor, event.payload.onHand])).toEqual([
      ['inventory.stock.adjusted', 'crashed', 6],
      ['inventory.stock.adjusted', 'crashed', 8],
    ]);
    expect(await db().collection('events').countDocuments({ aggregateId: `CRASH-EVT@${ber.id}` })).toBe(3);
    expect(await level('CRASH-EVT', ber.id)).toMatchObject({ onHand: 8, outbox: [] });

    // The restarted log continues after the recovered events.
    await hub.data(ADJUST, { input: { sku: 'CRASH-EVT', locationId: ber.id, delta: -1, reason: 'after restart' } });
    const next = (await hub.data(EVENTS, { after: after.cursor, first: 10 })).inventoryEvents;
    expect(next.events.map((event: any) => [event.type, event.payload.onHand, event.payload.available])).toEqual([['inventory.stock.adjusted', 7, 7]]);
    expect(await db().collection('stock_levels').countDocuments({ 'outbox.0': { $exists: true } })).toBe(0);
  });
});
