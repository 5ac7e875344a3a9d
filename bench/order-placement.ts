// Order placement rate with routing and reservation: orders/second through the gateway,
// over a spread catalogue and on one hot SKU. Prints figures; asserts nothing.
import { startBenchHub, percentile, fmt, type BenchHub } from './support';

async function setup(hub: BenchHub, skuCount: number, unitsPerLocation: number) {
  const url = hub.stack.gateway.url;
  const cities = [
    { city: 'Berlin', lat: 52.52, lng: 13.405 },
    { city: 'Hamburg', lat: 53.55, lng: 9.99 },
    { city: 'Munich', lat: 48.14, lng: 11.58 },
  ];
  const locations: string[] = [];
  for (const [i, city] of cities.entries()) {
    const data = await hub.gql(url, `mutation($i: UpsertLocationInput!) { upsertLocation(input: $i) { id } }`, {
      i: { code: `BENCH-${i}`, name: city.city, kind: 'WAREHOUSE', priority: i, address: { line1: 'x', city: city.city, countryCode: 'DE', lat: city.lat, lng: city.lng } },
    });
    locations.push(data.upsertLocation.id);
  }
  const skus = Array.from({ length: skuCount }, (_, i) => `BENCH-SKU-${i}`);
  for (const sku of skus) {
    await hub.gql(url, `mutation($i: UpsertInventoryItemInput!) { upsertInventoryItem(input: $i) { sku } }`, { i: { sku, name: sku } });
    for (const locationId of locations) {
      await hub.gql(url, `mutation($i: SetStockInput!) { setStock(input: $i) { onHand } }`, { i: { sku, locationId, onHand: unitsPerLocation } });
    }
  }
  return skus;
}

async function placeMany(hub: BenchHub, count: number, concurrency: number, lineFor: (i: number) => Array<{ sku: string; quantity: number }>) {
  const url = hub.stack.gateway.url;
  const latencies: number[] = [];
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t = process.hrtime.bigint();
      await hub.gql(url, `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id status } }`, {
        i: {
          channel: 'bench',
          channelOrderId: `B-${started}-${i}`,
          customer: { email: `bench${i % 500}@example.com`, name: 'Bench Buyer' },
          currency: 'EUR',
          lines: lineFor(i).map((line) => ({ ...line, unitPrice: 1000 })),
          shippingAddress: { name: 'Bench Buyer', line1: '1 Main St', city: 'Potsdam', countryCode: 'DE', lat: 52.39, lng: 13.06 },
        },
      });
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (Date.now() - started) / 1000;
  return { seconds, rate: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export async function benchOrderPlacement(): Promise<void> {
  const hub = await startBenchHub();
  try {
    console.log('Setting up 3 locations and 50 SKUs...');
    const skus = await setup(hub, 50, 1000);
    for (const concurrency of [1, 16, 32]) {
      const result = await placeMany(hub, 200, concurrency, (i) => [
        { sku: skus[i % skus.length], quantity: 1 },
        { sku: skus[(i * 7 + 3) % skus.length], quantity: 2 },
      ]);
      console.log(
        `200 two-line orders over 50 SKUs, concurrency ${concurrency}: ${result.rate.toFixed(1)} orders/s (${(result.rate * 60).toFixed(0)}/min), latency p50 ${fmt(result.p50)} p99 ${fmt(result.p99)}`,
      );
    }
    const hot = await placeMany(hub, 200, 32, () => [{ sku: skus[0], quantity: 1 }]);
    console.log(`200 one-line orders on one hot SKU, concurrency 32: ${hot.rate.toFixed(1)} orders/s, latency p50 ${fmt(hot.p50)} p99 ${fmt(hot.p99)}`);
  } finally {
    await hub.stop();
  }
}
