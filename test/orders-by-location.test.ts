// Orders found by the location they are allocated to, and counted per channel per day: the
// location follows the allocation (placement, a split across locations, cancellation), and the
// per-day counts are exact, in the caller's scope and over a bounded range.
import { CITIES, createItem, createLocation, orderInput, placeOrder, waitFor } from './support/fixtures';
import { startTestStack, type TestStack } from './support/stack';

jest.setTimeout(90_000);

let hub: TestStack;
let berlin: string;
let munich: string;

async function idsAt(locationId: string): Promise<string[]> {
  const data = await hub.data<{ orders: { edges: Array<{ node: { id: string } }> } }>(`query($location: ID) { orders(filter: { locationId: $location }, first: 100) { edges { node { id } } } }`, { location: locationId });
  return data.orders.edges.map(({ node }) => node.id).sort();
}

beforeAll(async () => {
  hub = await startTestStack();
  [berlin, munich] = await Promise.all([createLocation(hub, CITIES.berlin), createLocation(hub, CITIES.munich)]);
});
afterAll(() => hub?.stop());

describe('orders(filter: { locationId })', () => {
  it('lists an order under every location it is allocated to, and under none once it is cancelled', async () => {
    // 3 units in Berlin, 2 in Munich: an order of 5 is split across both.
    const sku = await createItem(hub, [
      { locationId: berlin, onHand: 3 },
      { locationId: munich, onHand: 2 },
    ]);
    const berlinOnly = await placeOrder(hub, { lines: [{ sku, quantity: 1 }] });
    const split = await placeOrder(hub, { lines: [{ sku, quantity: 4 }] });
    expect(new Set(split.allocations.map((line: { locationId: string }) => line.locationId))).toEqual(new Set([berlin, munich]));

    expect(await idsAt(berlin)).toEqual([berlinOnly.id, split.id].sort());
    expect(await idsAt(munich)).toEqual([split.id]);

    await hub.data(`mutation($id: ID!) { cancelOrder(id: $id, reason: "test") { id } }`, { id: split.id });
    await waitFor('the cancelled order to leave its locations', async () => (await idsAt(munich)).length === 0);
    expect(await idsAt(berlin)).toEqual([berlinOnly.id]);
  });
});

describe('orderCountsByDay', () => {
  it('counts every order per channel per UTC day in the range, and only the partner’s channels for a partner', async () => {
    const sku = await createItem(hub, [{ locationId: berlin, onHand: 100 }]);
    const day = (offset: number, hour: number) => new Date(Date.UTC(2026, 10, 10 + offset, hour)).toISOString();
    const placed = [
      ...Array.from({ length: 3 }, () => ({ channel: 'shop-a', placedAt: day(0, 1) })),
      ...Array.from({ length: 2 }, () => ({ channel: 'shop-a', placedAt: day(0, 23) })),
      { channel: 'shop-b', placedAt: day(0, 12) },
      { channel: 'shop-b', placedAt: day(1, 0) },
      // Outside [from, to): the day before and the day the range ends.
      { channel: 'shop-a', placedAt: day(-1, 23) },
      { channel: 'shop-a', placedAt: day(2, 0) },
    ];
    for (const { channel, placedAt } of placed) await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel, placedAt });
    const query = `query($from: DateTime!, $to: DateTime!) { orderCountsByDay(from: $from, to: $to) { day channel count } }`;
    const range = { from: day(0, 0), to: day(2, 0) };

    expect((await hub.data<{ orderCountsByDay: unknown[] }>(query, range)).orderCountsByDay).toEqual([
      { day: '2026-11-10', channel: 'shop-a', count: 5 },
      { day: '2026-11-10', channel: 'shop-b', count: 1 },
      { day: '2026-11-11', channel: 'shop-b', count: 1 },
    ]);
    const partner = await hub.createKey('PARTNER', { channels: ['shop-b'] });
    const seen = await hub.gql<{ orderCountsByDay: unknown[] }>(query, range, partner.headers);
    expect(seen.data?.orderCountsByDay).toEqual([
      { day: '2026-11-10', channel: 'shop-b', count: 1 },
      { day: '2026-11-11', channel: 'shop-b', count: 1 },
    ]);
  });

  it('refuses an empty or too long range, naming the field', async () => {
    const query = `query($from: DateTime!, $to: DateTime!) { orderCountsByDay(from: $from, to: $to) { day } }`;
    const backwards = await hub.gql(query, { from: '2026-11-10T00:00:00Z', to: '2026-11-10T00:00:00Z' });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const tooLong = await hub.gql(query, { from: '2026-01-01T00:00:00Z', to: '2026-04-03T00:00:01Z' });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});
