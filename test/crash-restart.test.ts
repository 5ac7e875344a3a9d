// A crash never leaves a data directory that will not start. The hub runs as `npm start` runs it
// (scripts/start.ts, embedded PostgreSQL and FerretDB), as a child process on a data directory of its
// own, and is killed with SIGKILL together with everything it started (database included) at random
// points of start-up and of a busy workload; started again on the same data, it starts, and every
// order whose placeOrder was answered before the kill is still there.
//
// The kill points are drawn from a seeded generator: OMS_CRASH_SEED=<seed> repeats a run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '@oms/connector-kit';
import { projectRoot } from '@oms/platform';
import { killTree, processesMentioning } from './fixtures/process-tree';

const SEED = Number(process.env.OMS_CRASH_SEED ?? Math.floor(Math.random() * 1e9));
const ADMIN_KEY = `crash-restart-admin-${SEED}-0123456789abcdef`;
const START_TIMEOUT_MS = 150_000;
const FERRETDB_STARTED = '✔ Starting FerretDB';

// Seeded, so a failing run can be repeated.
const random = seededRandom(SEED);
const between = (min: number, max: number) => Math.round(min + random() * (max - min));

interface Hub {
  child: ChildProcess;
  output(): string;
  /** Resolves when `text` has appeared in the hub's output. */
  saw(text: string): Promise<void>;
  /** When (Date.now()) `text` first appeared, if it did: only for the texts waited for with saw(). */
  seenAt(text: string): number | undefined;
  /** Resolves with the gateway URL once the hub prints that it is running. */
  running: Promise<string>;
  exited: Promise<string>;
}

function startHub(dataDir: string): Hub {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OMS_DATA_DIR: dataDir,
    OMS_DB_ENGINE: 'ferretdb',
    OMS_FERRETDB_BACKEND: 'embedded',
    OMS_DB_PORT: '0',
    OMS_PORTS: 'ephemeral',
    OMS_SEED: 'false',
    OMS_DEMO_CHANNELS: 'false',
    OMS_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  };
  // The suite's own database must not leak into the hub under test.
  for (const name of ['OMS_TEST_MONGODB_URI', 'OMS_TEST_DB_BACKEND', 'FERRETDB_POSTGRESQL_URL', 'OMS_FERRETDB_POSTGRESQL_URL', 'OMS_POSTGRES_PORT']) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts/start.ts')], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  const seen = new Map<string, number>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters.filter((w) => output.includes(w.text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      seen.set(waiter.text, Date.now());
      waiter.resolve();
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(String(code ?? signal))));
  const saw = (text: string) =>
    output.includes(text) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ text, resolve }));
  const running = Promise.race([
    saw('OMS Hub is running').then(() => /GraphQL API and IDE\s+(\S+)/.exec(output)![1]),
    exited.then((how) => Promise.reject(new Error(`the hub exited (${how}) before it was running:\n${tail(output)}`))),
  ]);
  running.catch(() => undefined);
  return { child, output: () => output, saw, seenAt: (text) => seen.get(text), running, exited };
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-25).join('\n');
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what())), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function waitRunning(hub: Hub): Promise<string> {
  return withTimeout(hub.running, START_TIMEOUT_MS, () => `the hub was not running within ${START_TIMEOUT_MS / 1000} s:\n${tail(hub.output())}`);
}

/** Kills the hub and everything it started at once, and waits until it has gone. */
async function crash(hub: Hub): Promise<void> {
  killTree(hub.child.pid!);
  await hub.exited;
}

async function gql<T>(url: string, query: string, variables: object = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  const payload = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (payload.errors?.length) throw new Error(payload.errors.map((error) => error.message).join('; '));
  return payload.data as T;
}

/** A point of start-up, named by a line the hub prints, and how long after it to kill. */
interface KillPoint {
  after: string;
  maxDelayMs: number;
}

/** Starts the hub and kills it at a random point of its start-up; says where. */
async function crashDuringStartUp(dataDir: string, points: KillPoint[]): Promise<string> {
  const point = points[Math.floor(random() * points.length)];
  const delay = between(0, point.maxDelayMs);
  const hub = startHub(dataDir);
  const exited = hub.exited.then((how) => Promise.reject(new Error(`the hub exited (${how}) before "${point.after}":\n${tail(hub.output())}`)));
  exited.catch(() => undefined); // it also rejects when the kill below ends the hub
  await withTimeout(Promise.race([hub.saw(point.after), exited]), START_TIMEOUT_MS, () => `no "${point.after}" from the hub:\n${tail(hub.output())}`);
  await new Promise((resolve) => setTimeout(resolve, delay));
  const stages = hub.output().match(/✔ [^\n]*/g) ?? [];
  const reached = hub.output().includes('OMS Hub is running') ? 'running' : stages.pop()?.replace(/^✔\s+/, '').replace(/\s+\d+\.\d s$/, '') ?? 'none';
  await crash(hub);
  return `killed ${delay} ms after "${point.after.trim()}" (last finished stage: ${reached})`;
}

const embedded = !process.env.MONGODB_URI && process.platform === 'linux';

(embedded ? describe : describe.skip)(`crash and restart (OMS_CRASH_SEED=${SEED})`, () => {
  let dataDir: string;
  let hub: Hub | undefined;
  const acknowledged: string[] = [];
  const story: string[] = [];
  let servicesStartMs = 6_000;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'oms-crash-'));
  });

  afterAll(async () => {
    if (hub) await crash(hub);
    for (const pid of processesMentioning(dataDir)) killTree(pid);
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`crash and restart, OMS_CRASH_SEED=${SEED}:\n  ${story.join('\n  ')}`);
  });

  it('starts again after a kill at a random point of its first start', async () => {
    // First start: the kill lands in initdb, in FerretDB's first use of PostgreSQL, or among the
    // first collections and index builds.
    story.push(`first start ${await crashDuringStartUp(dataDir, [
      { after: 'Creating the PostgreSQL cluster', maxDelayMs: 1_500 },
      { after: '✔ Starting PostgreSQL', maxDelayMs: 1_500 },
      { after: FERRETDB_STARTED, maxDelayMs: 6_000 },
    ])}`);

    const started = Date.now();
    hub = startHub(dataDir);
    void hub.saw(FERRETDB_STARTED);
    await waitRunning(hub);
    servicesStartMs = Date.now() - (hub.seenAt(FERRETDB_STARTED) ?? started);
    story.push(`second start: running after ${((Date.now() - started) / 1000).toFixed(1)} s, ${(servicesStartMs / 1000).toFixed(1)} s of it after FerretDB`);
  }, START_TIMEOUT_MS + 60_000);

  it('keeps every acknowledged order through a kill during a busy workload and a kill during the next start', async () => {
    const gatewayUrl = await hub!.running;
    const { upsertLocation } = await gql<{ upsertLocation: { id: string } }>(gatewayUrl, `mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id } }`, {
      input: { code: 'CRASH-WH', name: 'Crash test warehouse', kind: 'WAREHOUSE', priority: 1, address: { line1: '1 Depot Way', city: 'Berlin', countryCode: 'DE', lat: 52.52, lng: 13.405 } },
    });
    const skus = ['CRASH-A', 'CRASH-B'];
    for (const sku of skus) {
      await gql(gatewayUrl, `mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name: `Crash ${sku}` } });
      await gql(gatewayUrl, `mutation($input: SetStockInput!) { setStock(input: $input) { onHand } }`, { input: { sku, locationId: upsertLocation.id, onHand: 100_000, safetyStock: 0, reason: 'crash test' } });
    }

    // Orders placed four at a time until the kill; an order counts once placeOrder has answered.
    let killed = false;
    let firstAnswer: () => void;
    const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
    let placed = 0;
    const failures: string[] = [];
    const placeOrders = async (lane: number) => {
      for (let n = 0; !killed; n += 1) {
        try {
          const { placeOrder } = await gql<{ placeOrder: { id: string } }>(gatewayUrl, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, {
            input: {
              idempotencyKey: `crash-${SEED}-${lane}-${n}`,
              channel: 'web',
              customer: { email: `buyer${lane}@example.com`, name: 'Crash Buyer' },
              currency: 'EUR',
              lines: skus.map((sku) => ({ sku, quantity: 1, unitPrice: 1000, tax: 0 })),
              shippingAddress: { name: 'Crash Buyer', line1: '5 Main St', city: 'Berlin', countryCode: 'DE', lat: 52.52, lng: 13.405 },
              shippingPrice: 0,
            },
          });
          if (!killed) acknowledged.push(placeOrder.id);
          placed += 1;
          firstAnswer();
        } catch (error) {
          if (!killed) failures.push((error as Error).message);
          if (failures.length > 20) throw new Error(`placeOrder keeps failing before any kill: ${failures.slice(0, 3).join(' | ')}`);
        }
      }
    };
    const lanes = [0, 1, 2, 3].map(placeOrders);
    await withTimeout(answered, 60_000, () => `no placeOrder answered within 60 s: ${failures.slice(0, 3).join(' | ')}\n${tail(hub!.output())}`);
    const delay = between(500, 4_000);
    await new Promise((resolve) => setTimeout(resolve, delay));
    // Answers that arrive from here on may come after the kill began: they are not counted.
    killed = true;
    await crash(hub!);
    hub = undefined;
    await Promise.allSettled(lanes);
    story.push(`workload: killed ${delay} ms after the first answer, ${acknowledged.length} orders acknowledged (${placed} answered in all)`);
    expect(acknowledged.length).toBeGreaterThan(0);

    // The next start is killed too, at a random point: crash recovery, FerretDB, index builds over
    // collections that are there, the services' recovery of what the workload left half done (as
    // long as the services took to start the last time).
    story.push(`third start ${await crashDuringStartUp(dataDir, [
      { after: '✔ Starting PostgreSQL', maxDelayMs: 1_500 },
      { after: FERRETDB_STARTED, maxDelayMs: servicesStartMs },
    ])}`);

    const started = Date.now();
    hub = startHub(dataDir);
    const url = await waitRunning(hub);
    story.push(`fourth start: running after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const missing: string[] = [];
    for (let i = 0; i < acknowledged.length; i += 25) {
      const ids = acknowledged.slice(i, i + 25);
      const query = `query { ${ids.map((id, j) => `o${j}: order(id: ${JSON.stringify(id)}) { id }`).join(' ')} }`;
      const data = await gql<Record<string, { id: string } | null>>(url, query);
      ids.forEach((id, j) => {
        if (data[`o${j}`]?.id !== id) missing.push(id);
      });
    }
    expect(missing).toEqual([]);

    // And it works, not just reads: a new order is placed and answered.
    const { placeOrder } = await gql<{ placeOrder: { id: string; lines: unknown[] } }>(url, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id lines { sku } } }`, {
      input: {
        idempotencyKey: `crash-${SEED}-after`,
        channel: 'web',
        customer: { email: 'after@example.com', name: 'After Crash' },
        currency: 'EUR',
        lines: [{ sku: 'CRASH-A', quantity: 1, unitPrice: 1000, tax: 0 }],
        shippingAddress: { name: 'After Crash', line1: '5 Main St', city: 'Berlin', countryCode: 'DE', lat: 52.52, lng: 13.405 },
        shippingPrice: 0,
      },
    });
    expect(placeOrder.lines).toHaveLength(1);
  }, 3 * START_TIMEOUT_MS);
});
