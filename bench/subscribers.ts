// Subscriptions under load: one gateway, N concurrent graphql-ws subscribers (each on its own
// connection, a handful of distinct selections, partner keys spread over channels) while order
// status changes are made through mutations at a steady rate. Prints event-to-delivery latency
// (event `at` → client receipt), delivery-time fetches per event, and gateway memory per subscriber.
// Subscribers run in a child process so the gateway's heap and RSS are measured alone.
//
//   node --import tsx bench/subscribers.ts --subscribers 2000 --rate 50 --seconds 20 [--channels 10]
//     [--concurrency 16] [--allocate]
// Status changes come from placeOrder on channels with a hold rule (PENDING, then ON_HOLD: two
// changes per mutation, no reservation), unless --allocate (PENDING, then ALLOCATED: the full
// allocation workflow, several times the work per change). At most --concurrency mutations are in
// flight: when the hub cannot keep up, the rate reached is reported rather than a growing backlog.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { percentile, startBenchHub, type BenchHub } from './support';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SELECTIONS = [
  `subscription { orderStatusChanged { cursor at status } }`,
  `subscription { orderStatusChanged { cursor at status order { id number status } } }`,
  `subscription { orderStatusChanged { cursor at previousStatus status order { id status customer { email } lines { sku quantity item { available } } } } }`,
  `subscription { e: orderStatusChanged { cursor at status o: order { ...O } } } fragment O on Order { id status totals { total { amount currency } } shipments { status trackingUrl } }`,
];

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

interface ClientConfig {
  url: string;
  subscribers: number;
  /** How many of SELECTIONS are used (the first is fetch-free). */
  selections: number;
  /** Partner key secret per channel; subscriber i uses channel i % channels and selection i % SELECTIONS. */
  keys: string[];
}

interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

interface ClientReport {
  received: number;
  errors: number;
  closed: number;
  /** Event `at` (the change was made) → receipt. */
  fromChange: Percentiles;
  /** The gateway process heard of the event (bus notice) → receipt: the subscription pipeline alone. */
  fromNotice: Percentiles;
  /** fromNotice per selection (the first needs no fetch: fan-out and socket alone). */
  fromNoticeBySelection: Percentiles[];
  /** CPU time of the subscriber process since the reset (user + system), ms. */
  cpuMs: number;
}

function summary(samples: number[]): Percentiles {
  return { p50: percentile(samples, 50) ?? NaN, p90: percentile(samples, 90) ?? NaN, p99: percentile(samples, 99) ?? NaN, max: percentile(samples, 100) ?? NaN };
}

const cpuMillis = (usage: NodeJS.CpuUsage) => Math.round((usage.user + usage.system) / 1000);
const seqOf = (cursor: string) => Number(Buffer.from(cursor, 'base64url').toString('utf8').split(':')[1]);

// ---------------------------------------------------------------- subscriber process
async function runClients(config: ClientConfig): Promise<void> {
  const { createClient } = await import('graphql-ws');
  const { default: WebSocket } = await import('ws');
  let received = 0;
  let errors = 0;
  let closed = 0;
  // Per delivery: when the change was made, which event, when it arrived.
  let changedAt: number[] = [];
  let seqs: number[] = [];
  let receivedAt: number[] = [];
  let selections: number[] = [];
  let cpuFrom = process.cpuUsage();
  const clients: Array<{ dispose(): void | Promise<void> }> = [];
  for (let i = 0; i < config.subscribers; i++) {
    const client = createClient({ url: config.url, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${config.keys[i % config.keys.length]}` } });
    const selection = Math.floor(i / config.keys.length) % config.selections;
    client.on('closed', () => (closed += 1));
    client.subscribe<Record<string, { at: string; cursor: string }>>(
      // Every channel gets every selection.
      { query: SELECTIONS[selection] },
      {
        next: (result) => {
          const now = Date.now();
          if (result.errors?.length) errors += 1;
          const event = Object.values(result.data ?? {})[0];
          if (event) {
            received += 1;
            changedAt.push(Date.parse(event.at));
            seqs.push(seqOf(event.cursor));
            receivedAt.push(now);
            selections.push(selection);
          }
        },
        error: () => (errors += 1),
        complete: () => undefined,
      },
    );
    clients.push(client);
    // Open connections in waves rather than all in one tick.
    if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.on('message', (message: string | { noticeAt: Record<number, number> }) => {
    if (message === 'reset') {
      [received, errors, changedAt, seqs, receivedAt, selections] = [0, 0, [], [], [], []];
      cpuFrom = process.cpuUsage();
    } else if (message === 'stop') {
      void Promise.all(clients.map((client) => client.dispose())).then(() => process.exit(0));
    } else if (typeof message === 'object') {
      const fromNotice = seqs.map((seq, i) => receivedAt[i] - (message.noticeAt[seq] ?? NaN));
      const known = (index?: number) => fromNotice.filter((ms, i) => !Number.isNaN(ms) && (index === undefined || selections[i] === index));
      const report: ClientReport = {
        received,
        errors,
        closed,
        fromChange: summary(receivedAt.map((at, i) => at - changedAt[i])),
        fromNotice: summary(known()),
        fromNoticeBySelection: SELECTIONS.map((_, index) => summary(known(index))),
        cpuMs: cpuMillis(process.cpuUsage(cpuFrom)),
      };
      process.send!(report);
    }
  });
  process.send!('opened');
}

// ---------------------------------------------------------------- gateway process
async function graphql<T>(url: string, secret: string, query: string, variables: object = {}): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify({ query, variables }) });
  const payload = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (payload.errors?.length) throw new Error(payload.errors.map((error) => error.message).join('; '));
  return payload.data as T;
}

async function createKey(hub: BenchHub, role: string, channels: string[] = []): Promise<string> {
  const data = await graphql<{ createApiKey: { secret: string } }>(hub.stack.gateway.url, hub.adminKey, `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`, {
    i: { name: `bench ${role} ${channels.join(',')}`, role, channels, rateLimitPerMinute: 1_000_000 },
  });
  return data.createApiKey.secret;
}

function memory() {
  gc();
  gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const subscribers = arg('subscribers', 2000);
  const rate = arg('rate', 50);
  const seconds = arg('seconds', 20);
  const channelCount = arg('channels', 10);
  const concurrency = arg('concurrency', 16);
  const allocate = process.argv.includes('--allocate');
  const selectionCount = Math.min(SELECTIONS.length, arg('selections', SELECTIONS.length));
  const hub = await startBenchHub();
  const url = hub.stack.gateway.url;
  let child: ChildProcess | undefined;
  try {
    const loader = await createKey(hub, 'ADMIN');
    const channels = Array.from({ length: channelCount }, (_, i) => `bench-ch${i}`);
    const partnerKeys = await Promise.all(channels.map((channel) => createKey(hub, 'PARTNER', [channel])));
    const location = (
      await graphql<{ upsertLocation: { id: string } }>(url, loader, `mutation($i: UpsertLocationInput!) { upsertLocation(input: $i) { id } }`, {
        i: { code: 'BENCH-SUBS', name: 'Berlin', kind: 'WAREHOUSE', address: { line1: '1 Depot Way', city: 'Berlin', countryCode: 'DE', lat: 52.52, lng: 13.405 } },
      })
    ).upsertLocation.id;
    // One SKU per channel: reservations on one stock level are serialised, so spread them.
    const skus = channels.map((channel) => `SUBS-${channel}`);
    for (const sku of skus) {
      await graphql(url, loader, `mutation($i: UpsertInventoryItemInput!) { upsertInventoryItem(input: $i) { sku } }`, { i: { sku, name: sku } });
      await graphql(url, loader, `mutation($i: SetStockInput!) { setStock(input: $i) { onHand } }`, { i: { sku, locationId: location, onHand: 1_000_000 } });
    }
    if (!allocate) {
      await graphql(url, loader, `mutation($i: HoldRuleInput!) { upsertHoldRule(input: $i) { id } }`, {
        i: { name: 'bench subscribers', reason: 'bench: hold every order', conditions: { all: [{ fact: 'channel', operator: 'in', value: channels }] } },
      });
    }
    let statusChanges = 0;
    const noticeAt: Record<number, number> = {};
    hub.stack.eventBus.subscribe('orders', (event) => {
      if (typeof event.payload.to !== 'string') return;
      statusChanges += 1;
      noticeAt[event.seq] = Date.now();
    });

    // A reference point: the same kind of read a delivery makes, as a plain query, during the load.
    const probeOrder = (
      await graphql<{ placeOrder: { id: string } }>(url, loader, `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }`, {
        i: {
          channel: 'bench-probe',
          customer: { email: 'probe@example.com', name: 'Probe' },
          currency: 'EUR',
          lines: [{ sku: skus[0], quantity: 1, unitPrice: 1000 }],
          shippingAddress: { name: 'Probe', line1: '1 Main St', city: 'Potsdam', countryCode: 'DE', lat: 52.39, lng: 13.06 },
        },
      })
    ).placeOrder.id;
    const probeLatencies: number[] = [];
    let probing = false;
    const probe = async () => {
      while (probing) {
        const t = Date.now();
        await graphql(url, loader, `query($id: ID!) { order(id: $id) { id number status } }`, { id: probeOrder }).catch(() => undefined);
        probeLatencies.push(Date.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    const before = memory();
    child = fork(__filename, ['--client'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.send({ url: url.replace(/^http/, 'ws'), subscribers, selections: selectionCount, keys: partnerKeys } satisfies ClientConfig);
    const opening = Date.now();
    await once(child, 'message');
    while (hub.stack.gateway.subscriptions.stats().live < subscribers) {
      if (Date.now() - opening > 180_000) throw new Error(`only ${hub.stack.gateway.subscriptions.stats().live} of ${subscribers} subscriptions went live`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const openSeconds = (Date.now() - opening) / 1000;
    const after = memory();

    // Load: rate/2 orders per second, each placed (PENDING) then allocated (ALLOCATED).
    const fetchesBefore = hub.stack.gateway.subscriptions.stats().fetches;
    child.send('reset');
    statusChanges = 0;
    const ordersPerSecond = rate / 2;
    probing = true;
    const probeDone = probe();
    const cpuFrom = process.cpuUsage();
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const started = Date.now();
    let placed = 0;
    let failed = 0;
    let inFlight = 0;
    const mutationLatencies: number[] = [];
    const pending: Array<Promise<void>> = [];
    while (Date.now() - started < seconds * 1000) {
      const due = Math.floor(((Date.now() - started) / 1000) * ordersPerSecond);
      while (placed < due && inFlight < concurrency) {
        const i = placed++;
        const channel = channels[i % channels.length];
        inFlight += 1;
        const t = Date.now();
        pending.push(
          graphql(url, loader, `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }`, {
            i: {
              channel,
              customer: { email: `subs${i % 200}@example.com`, name: 'Bench Buyer' },
              currency: 'EUR',
              lines: [{ sku: skus[i % skus.length], quantity: 1, unitPrice: 1000 }],
              shippingAddress: { name: 'Bench Buyer', line1: '1 Main St', city: 'Potsdam', countryCode: 'DE', lat: 52.39, lng: 13.06 },
            },
          }).then(
            () => void mutationLatencies.push(Date.now() - t),
            () => void (failed += 1),
          ).finally(() => (inFlight -= 1)),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const loadSeconds = (Date.now() - started) / 1000;
    const hubCpuMs = cpuMillis(process.cpuUsage(cpuFrom));
    loopDelay.disable();
    probing = false;
    await probeDone;
    await Promise.all(pending);
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // let deliveries drain
    const changesMade = statusChanges;
    child.send({ noticeAt });
    const [report] = (await once(child, 'message')) as [ClientReport];
    const fetches = hub.stack.gateway.subscriptions.stats().fetches - fetchesBefore;
    const expected = (changesMade * subscribers) / channelCount;

    console.log(`subscribers            ${subscribers} (one connection each; ${selectionCount} selections; ${channelCount} channels, one PARTNER key per channel)`);
    console.log(`opened and live in     ${openSeconds.toFixed(1)} s`);
    console.log(`status changes         ${changesMade} in ${loadSeconds.toFixed(1)} s = ${(changesMade / loadSeconds).toFixed(1)}/s (asked ${rate}/s; ${placed} placeOrder ${allocate ? 'allocated' : 'held'}, ${failed} failed, placeOrder p50 ${percentile(mutationLatencies, 50)} ms, at most ${concurrency} in flight)`);
    console.log(`deliveries             ${report.received} of ~${Math.round(expected)} expected (${(report.received / loadSeconds).toFixed(0)}/s), ${report.errors} with errors, ${report.closed} connections closed`);
    const line = (p: Percentiles) => `p50 ${p.p50} ms, p90 ${p.p90} ms, p99 ${p.p99} ms, max ${p.max} ms`;
    console.log(`change → delivery      ${line(report.fromChange)}   (event \`at\` → client receipt)`);
    console.log(`notice → delivery      ${line(report.fromNotice)}   (gateway hears of the stored event → client receipt)`);
    report.fromNoticeBySelection.slice(0, selectionCount).forEach((p, index) => console.log(`  selection ${index + 1}           ${line(p)}${index === 0 ? '   (event fields only: no fetch)' : ''}`));
    console.log(`plain order(id) query   p50 ${percentile(probeLatencies, 50)} ms, p90 ${percentile(probeLatencies, 90)} ms, p99 ${percentile(probeLatencies, 99)} ms   (HTTP through the gateway during the load: what a fetch costs meanwhile)`);
    console.log(`delivery-time fetches  ${fetches} (${(fetches / Math.max(1, changesMade)).toFixed(2)} per event; ${selectionCount - 1} selections need one, shared by all their subscribers)`);
    console.log(`CPU during the load     hub process ${(hubCpuMs / loadSeconds / 10).toFixed(0)}% of a core (all subgraphs, gateway, load generator), subscriber process ${(report.cpuMs / loadSeconds / 10).toFixed(0)}%`);
    console.log(`hub event-loop delay   p50 ${(loopDelay.percentile(50) / 1e6).toFixed(0)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms, max ${(loopDelay.max / 1e6).toFixed(0)} ms`);
    console.log(`gateway memory         heap ${mb(before.heap)} → ${mb(after.heap)}, RSS ${mb(before.rss)} → ${mb(after.rss)} (whole hub process)`);
    console.log(`per subscriber         heap ${kb((after.heap - before.heap) / subscribers)}, RSS ${kb((after.rss - before.rss) / subscribers)}`);
    void inFlight;
  } finally {
    if (child && child.exitCode === null) {
      child.send('stop');
      await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill();
    }
    await hub.stop();
  }
}

if (process.argv.includes('--client')) {
  process.once('message', (config: ClientConfig) => void runClients(config));
} else {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
