// Overload: drives the hub past what it admits and prints how it degrades and recovers. Clients
// place two-line orders with idempotency keys and, when refused (UNAVAILABLE / RATE_LIMITED), wait as
// long as the hint says (with jitter) and retry. Prints throughput, refusals, how fast refusals are
// answered, p50/p99 per order (retries included), readiness latency during the load, and the time
// from the end of the load until /readyz answers ready. Asserts nothing.
//   npm run bench overload -- [--orders 200] [--concurrency 64] [--burst 200]
// Admission limits come from the usual variables (OMS_GATEWAY_MAX_CONCURRENT, OMS_GATEWAY_QUEUE_TIMEOUT_MS,
// ...; README.md), e.g. `OMS_GATEWAY_QUEUE_TIMEOUT_MS=5000 npm run bench overload` to refuse sooner.
import { startBenchHub, percentile, fmt as fmtMs, type BenchHub } from './support';

const fmt = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? '-' : fmtMs(ms));

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const PLACE = `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }`;
const MAX_ATTEMPTS = 30;

interface Outcome {
  placed: boolean;
  attempts: number;
  ms: number;
}

interface Counters {
  refusals: number;
  /** Refusals by who refused: `gateway`, a subgraph, or `lock:<subject>`. */
  by: Map<string, number>;
  refusalMs: number[];
  other: Map<string, number>;
}

async function setup(hub: BenchHub): Promise<string[]> {
  const url = hub.stack.gateway.url;
  const locations: string[] = [];
  for (const [i, city] of [{ city: 'Berlin', lat: 52.52, lng: 13.405 }, { city: 'Munich', lat: 48.14, lng: 11.58 }].entries()) {
    const data = await hub.gql(url, `mutation($i: UpsertLocationInput!) { upsertLocation(input: $i) { id } }`, {
      i: { code: `OVL-${i}`, name: city.city, kind: 'WAREHOUSE', priority: i, address: { line1: 'x', city: city.city, countryCode: 'DE', lat: city.lat, lng: city.lng } },
    });
    locations.push(data.upsertLocation.id);
  }
  const skus = Array.from({ length: 20 }, (_, i) => `OVL-SKU-${i}`);
  for (const sku of skus) {
    await hub.gql(url, `mutation($i: UpsertInventoryItemInput!) { upsertInventoryItem(input: $i) { sku } }`, { i: { sku, name: sku } });
    for (const locationId of locations) await hub.gql(url, `mutation($i: SetStockInput!) { setStock(input: $i) { onHand } }`, { i: { sku, locationId, onHand: 10_000 } });
  }
  return skus;
}

/** One order, retried as the refusals say until placed (or MAX_ATTEMPTS). */
async function placeWithRetries(hub: BenchHub, key: string, skus: string[], i: number, counters: Counters): Promise<Outcome> {
  const started = Date.now();
  const input = {
    idempotencyKey: key,
    channel: 'bench-overload',
    customer: { email: `overload${i % 200}@example.com`, name: 'Overload Buyer' },
    currency: 'EUR',
    lines: [
      { sku: skus[i % skus.length], quantity: 1, unitPrice: 1000 },
      { sku: skus[(i * 7 + 3) % skus.length], quantity: 2, unitPrice: 1000 },
    ],
    shippingAddress: { name: 'Overload Buyer', line1: '1 Main St', city: 'Potsdam', countryCode: 'DE', lat: 52.39, lng: 13.06 },
  };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const sent = Date.now();
    let body: { data?: { placeOrder?: { id: string } | null } | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
    try {
      const response = await fetch(hub.stack.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.adminKey}` },
        body: JSON.stringify({ query: PLACE, variables: { i: input } }),
      });
      body = (await response.json()) as typeof body;
    } catch (error) {
      body = { errors: [{ message: (error as Error).message, extensions: { code: 'NETWORK' } }] };
    }
    if (body.data?.placeOrder?.id) return { placed: true, attempts: attempt, ms: Date.now() - started };
    const error = body.errors?.[0];
    const code = String(error?.extensions?.code ?? 'NONE');
    const hint = error?.extensions?.retryAfterSeconds;
    if ((code === 'UNAVAILABLE' || code === 'RATE_LIMITED') && typeof hint === 'number') {
      counters.refusals += 1;
      counters.refusalMs.push(Date.now() - sent);
      const source = error?.extensions?.lock ? `lock:${String(error.extensions.lock)}` : String(error?.extensions?.service ?? error?.extensions?.serviceName ?? code);
      counters.by.set(source, (counters.by.get(source) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, hint * 1000 * (0.5 + Math.random())));
      continue;
    }
    counters.other.set(code, (counters.other.get(code) ?? 0) + 1);
    if (counters.other.get(code) === 1) console.log(`  (first ${code}: ${error?.message ?? 'no message'})`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return { placed: false, attempts: MAX_ATTEMPTS, ms: Date.now() - started };
}

/** /readyz latencies sampled while `until` is pending. */
async function sampleReadiness(hub: BenchHub, until: Promise<unknown>): Promise<number[]> {
  const readyz = `${hub.stack.gateway.origin}/readyz`;
  const samples: number[] = [];
  let done = false;
  void until.finally(() => (done = true));
  while (!done) {
    const started = Date.now();
    await fetch(readyz).then((response) => response.arrayBuffer(), () => undefined);
    samples.push(Date.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return samples;
}

/** Milliseconds from now until /readyz answers 200. */
async function timeToReady(hub: BenchHub): Promise<number> {
  const started = Date.now();
  for (;;) {
    const ok = await fetch(`${hub.stack.gateway.origin}/readyz`).then((response) => response.ok, () => false);
    if (ok) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function scenario(hub: BenchHub, skus: string[], label: string, count: number, concurrency: number): Promise<void> {
  const counters: Counters = { refusals: 0, by: new Map(), refusalMs: [], other: new Map() };
  const outcomes: Outcome[] = [];
  const run = `${label}-${Date.now()}`;
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      outcomes.push(await placeWithRetries(hub, `${run}-${i}`, skus, i, counters));
    }
  };
  const load = Promise.all(Array.from({ length: concurrency }, worker));
  const readiness = sampleReadiness(hub, load);
  await load;
  const seconds = (Date.now() - started) / 1000;
  const readyAfterMs = await timeToReady(hub);
  const readyzMs = await readiness;
  const placed = outcomes.filter((outcome) => outcome.placed);
  const ms = placed.map((outcome) => outcome.ms);
  const gatewayLoad = hub.stack.gateway.admission?.stats();
  console.log(`${label}: ${count} two-line orders, ${concurrency} clients at once, retrying as told`);
  console.log(`  placed            ${placed.length}/${count} in ${seconds.toFixed(1)} s: ${(placed.length / seconds).toFixed(1)} orders/s`);
  console.log(`  per order         p50 ${fmt(percentile(ms, 50))}  p99 ${fmt(percentile(ms, 99))}  (retries included; ${(outcomes.reduce((sum, outcome) => sum + outcome.attempts, 0) / Math.max(1, outcomes.length)).toFixed(2)} attempts per order)`);
  console.log(`  refusals          ${counters.refusals}${counters.by.size ? ` (${[...counters.by].map(([source, n]) => `${source} ${n}`).join(', ')})` : ''}, answered in p50 ${fmt(percentile(counters.refusalMs, 50))}, p99 ${fmt(percentile(counters.refusalMs, 99))}; other errors: ${counters.other.size ? [...counters.other].map(([code, n]) => `${code} ${n}`).join(', ') : 'none'}`);
  console.log(`  /readyz in load   p50 ${fmt(percentile(readyzMs, 50))}  max ${fmt(readyzMs.length ? Math.max(...readyzMs) : undefined)} (${readyzMs.length} probes)`);
  console.log(`  ready again after ${fmt(readyAfterMs)} once the load stopped; gateway admitted ${gatewayLoad?.admitted ?? '?'} and refused ${gatewayLoad?.refused ?? '?'} so far`);
}

export async function benchOverload(): Promise<void> {
  const orders = arg('orders', 200);
  const concurrency = arg('concurrency', 64);
  const burst = arg('burst', 200);
  const hub = await startBenchHub();
  try {
    const limits = hub.stack.gateway.admission?.limits;
    console.log(`Gateway admits ${limits?.maxConcurrent} at once, ${limits?.maxQueued} waiting for at most ${limits?.maxQueueWaitMs} ms. Setting up 2 locations and 20 SKUs...`);
    const skus = await setup(hub);
    await scenario(hub, skus, 'steady overload', orders, concurrency);
    if (burst > 0) await scenario(hub, skus, 'burst', burst, burst);
  } finally {
    await hub.stop();
  }
}

if (require.main === module) {
  benchOverload().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
