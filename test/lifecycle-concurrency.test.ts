// No oversell under load: 200 orders race for 50 units; when stock arrives, backorders are served
// in priority order (order priority, then customer tier, then oldest first).
import { adjustStock, CITIES, createItem, createLocation, orderInput, waitFor } from './support/fixtures';
import { startTestStack, type TestStack } from './support/stack';

let hub: TestStack;

beforeAll(async () => {
  hub = await startTestStack();
});
afterAll(() => hub?.stop());

async function reservedAndOnHand(sku: string) {
  const data = await hub.data<{ inventoryItem: { stock: Array<{ onHand: number; reserved: number }> } }>(
    `query($sku: String!) { inventoryItem(sku: $sku) { stock { onHand reserved } } }`,
    { sku },
  );
  return data.inventoryItem.stock;
}

/** Ids of every order in a status, following pagination. */
async function idsWithStatus(status: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const data: any = await hub.data(
      `query($s: [OrderStatus!], $after: String) { orders(first: 100, after: $after, filter: { status: $s }) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
      { s: [status], after },
    );
    data.orders.edges.forEach((edge: any) => ids.add(edge.node.id));
    if (!data.orders.pageInfo.hasNextPage) return ids;
    after = data.orders.pageInfo.endCursor;
  }
}

it('reserves exactly the 50 units of 200 concurrent orders, backorders the rest, then serves backorders by priority', async () => {
  const near = await createLocation(hub, CITIES.berlin, 1);
  const far = await createLocation(hub, CITIES.munich, 2);
  const sku = await createItem(hub, [
    { locationId: near, onHand: 30 },
    { locationId: far, onHand: 20 },
  ]);

  // Every 10th order is urgent; placedAt is explicit so "oldest first" is well defined.
  const base = Date.parse('2026-01-01T00:00:00Z');
  const inputs = Array.from({ length: 200 }, (_, i) =>
    orderInput({ lines: [{ sku, quantity: 1 }], priority: i % 10 === 0 ? 5 : 0, placedAt: new Date(base + i * 60_000).toISOString(), email: `racer${i}@example.com` }),
  );
  const results = await Promise.all(
    inputs.map((input) => hub.gql(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id priority placedAt } }`, { input })),
  );
  expect(results.filter((result) => result.errors)).toEqual([]);
  const placed = results.map((result) => result.data.placeOrder as { id: string; priority: number; placedAt: string });
  expect(new Set(placed.map((order) => order.id)).size).toBe(200);

  await waitFor('every order to be allocated or backordered', async () => (await idsWithStatus('ALLOCATED')).size + (await idsWithStatus('BACKORDERED')).size === 200, 150_000);
  const levels = await reservedAndOnHand(sku);
  for (const level of levels) expect(level.reserved).toBeLessThanOrEqual(level.onHand);
  expect(levels.reduce((sum, level) => sum + level.reserved, 0)).toBe(50);
  expect((await idsWithStatus('ALLOCATED')).size).toBe(50);
  const backordered = await idsWithStatus('BACKORDERED');
  expect(backordered.size).toBe(150);

  // The next 20 units go to the waiting orders with the highest priority, oldest first.
  const expectedServed = placed
    .filter((order) => backordered.has(order.id))
    .sort((a, b) => b.priority - a.priority || Date.parse(a.placedAt) - Date.parse(b.placedAt))
    .slice(0, 20)
    .map((order) => order.id)
    .sort();

  await adjustStock(hub, sku, far, 20);
  await waitFor('20 backorders to be allocated', async () => (await idsWithStatus('ALLOCATED')).size === 70, 90_000);
  const stillBackordered = await idsWithStatus('BACKORDERED');
  expect(stillBackordered.size).toBe(130);
  const served = [...backordered].filter((id) => !stillBackordered.has(id)).sort();
  expect(served).toEqual(expectedServed);

  const after = await reservedAndOnHand(sku);
  for (const level of after) expect(level.reserved).toBeLessThanOrEqual(level.onHand);
  expect(after.reduce((sum, level) => sum + level.reserved, 0)).toBe(70);
  // A generous bound: 200 orders through four subgraphs on FerretDB take ~30 s on a quiet machine.
}, 240_000);
