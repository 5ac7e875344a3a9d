// Database commands an idle hub sends: every command of every subgraph (background loops, followers,
// leases, safety nets — nothing excluded), counted over a window after start-up has settled, and
// printed per minute by subgraph and collection. Target (issue 9): at most 100 a minute in total.
// `npm run bench idle -- --seconds 60 --settle 10 [--active]`. With --active every follower has
// something to follow first: a webhook endpoint for every event and a subscription on each of the
// three logs are open (and one order placed), then the hub is left alone. Prints figures; asserts nothing.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBenchHub, type BenchHub } from './support';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const BUDGET_PER_MINUTE = 100;

export async function benchIdle(): Promise<void> {
  const seconds = option('seconds', 60);
  const settleSeconds = option('settle', 10);
  const active = process.argv.includes('--active');
  const hub = await startBenchHub();
  let closeFollowers: () => Promise<void> = async () => undefined;
  try {
    if (active) closeFollowers = await openFollowers(hub);
    const counts = new Map<string, number>();
    let recording = false;
    for (const [name, running] of Object.entries(hub.stack.subgraphs)) {
      running.connection.getClient().on('commandStarted', (event) => {
        if (!recording) return;
        const target = event.command[event.commandName];
        const key = `${name} ${typeof target === 'string' ? target : `(${event.commandName})`} ${event.commandName}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      });
    }
    console.log(`start-up done${active ? ' (a webhook endpoint and three subscriptions open)' : ''}; settling ${settleSeconds} s, then counting for ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, settleSeconds * 1000));
    recording = true;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    recording = false;

    const perMinute = (count: number) => (count * 60) / seconds;
    const bySubgraph = new Map<string, number>();
    for (const [key, count] of counts) {
      const subgraph = key.split(' ')[0];
      bySubgraph.set(subgraph, (bySubgraph.get(subgraph) ?? 0) + count);
    }
    console.log('\ncommands/min  subgraph collection command');
    for (const [key, count] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`${perMinute(count).toFixed(1).padStart(12)}  ${key}`);
    console.log('\ncommands/min  subgraph');
    for (const name of Object.keys(hub.stack.subgraphs).sort()) console.log(`${perMinute(bySubgraph.get(name) ?? 0).toFixed(1).padStart(12)}  ${name}`);
    const total = perMinute([...counts.values()].reduce((sum, count) => sum + count, 0));
    console.log(`${total.toFixed(1).padStart(12)}  total (budget ${BUDGET_PER_MINUTE}/min: ${total <= BUDGET_PER_MINUTE ? 'within' : 'over'})`);
  } finally {
    await closeFollowers();
    await hub.stop();
  }
}

/** A webhook endpoint for every event, a subscription on each log, and one order through all of them. */
async function openFollowers(hub: BenchHub): Promise<() => Promise<void>> {
  const gateway = hub.stack.gateway.url;
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  await hub.gql(gateway, `mutation($i: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $i) { endpoint { id } } }`, {
    i: { url: hookUrl, eventTypes: ['orders.*', 'fulfillment.*', 'inventory.*'] },
  });
  const { createClient } = await import('graphql-ws');
  const { default: WebSocket } = await import('ws');
  const client = createClient({ url: gateway.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${hub.adminKey}` } });
  const received: string[] = [];
  const subscriptions = [
    'subscription { orderStatusChanged { cursor status } }',
    'subscription { shipmentUpdated { cursor } }',
    'subscription { stockLevelChanged { cursor } }',
  ].map((query) => client.subscribe({ query }, { next: () => received.push(query), error: (error) => console.error('subscription failed', error), complete: () => undefined }));

  const location = await hub.gql(gateway, `mutation($i: UpsertLocationInput!) { upsertLocation(input: $i) { id } }`, {
    i: { code: 'IDLE-1', name: 'Berlin', kind: 'WAREHOUSE', priority: 0, address: { line1: 'x', city: 'Berlin', countryCode: 'DE', lat: 52.5, lng: 13.4 } },
  });
  await hub.gql(gateway, `mutation($i: UpsertInventoryItemInput!) { upsertInventoryItem(input: $i) { sku } }`, { i: { sku: 'IDLE-A', name: 'IDLE-A' } });
  await hub.gql(gateway, `mutation($i: SetStockInput!) { setStock(input: $i) { onHand } }`, { i: { sku: 'IDLE-A', locationId: location.upsertLocation.id, onHand: 10 } });
  await hub.gql(gateway, `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id status } }`, {
    i: { channel: 'bench', channelOrderId: 'IDLE-1', customer: { email: 'idle@example.com', name: 'Bench' }, currency: 'EUR',
      lines: [{ sku: 'IDLE-A', quantity: 1, unitPrice: 100 }], shippingAddress: { name: 'B', line1: '1', city: 'Potsdam', countryCode: 'DE', lat: 52.39, lng: 13.06 } },
  });
  const deadline = Date.now() + 15_000;
  while (new Set(received).size < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  console.log(`subscription events received before counting: ${received.length}`);
  return async () => {
    for (const unsubscribe of subscriptions) unsubscribe();
    await client.dispose();
    receiver.close();
  };
}
