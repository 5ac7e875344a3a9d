// Database commands one placeOrder sends before it answers, by subgraph, collection and command,
// and the ones sent just after the answer (ledger batches, event relays). The webhooks and channels
// subgraphs work on their own followers, never for a request: shown apart. Prints figures; asserts nothing.
//   node --import tsx bench/commands-per-order.ts
import { startBenchHub } from './support';

/**
 * Work the request hands off without waiting for it: the group relay (reads an outbox, stores its
 * events, pulls them) and the stock ledger (stores movements, pulls them). It starts while the
 * placement is still calling its next service, so it is told apart by what it does.
 */
function isDeferred(commandName: string, command: Record<string, unknown>): boolean {
  const collection = command[commandName];
  if (collection === 'events' || collection === 'stock_movements') return commandName === 'insert';
  if (commandName === 'find') return JSON.stringify(command.projection ?? {}) === '{"outbox":1}';
  if (commandName === 'update') return /"\$pullAll":\{"(outbox|pendingMovements)"/.test(JSON.stringify(command.updates ?? []));
  return false;
}

export async function benchCommandsPerOrder(): Promise<void> {
  const hub = await startBenchHub();
  const url = hub.stack.gateway.url;
  const loc = await hub.gql(url, `mutation($i: UpsertLocationInput!) { upsertLocation(input: $i) { id } }`, {
    i: { code: 'CPO-1', name: 'Berlin', kind: 'WAREHOUSE', priority: 0, address: { line1: 'x', city: 'Berlin', countryCode: 'DE', lat: 52.5, lng: 13.4 } },
  });
  for (const sku of ['CPO-A', 'CPO-B']) {
    await hub.gql(url, `mutation($i: UpsertInventoryItemInput!) { upsertInventoryItem(input: $i) { sku } }`, { i: { sku, name: sku } });
    await hub.gql(url, `mutation($i: SetStockInput!) { setStock(input: $i) { onHand } }`, { i: { sku, locationId: loc.upsertLocation.id, onHand: 1000 } });
  }
  const phases = { before: new Map<string, number>(), deferred: new Map<string, number>(), after: new Map<string, number>(), background: new Map<string, number>() };
  let phase: keyof typeof phases | null = null;
  for (const [name, running] of Object.entries(hub.stack.subgraphs)) {
    running.connection.getClient().on('commandStarted', (event) => {
      if (!phase || ['hello', 'isMaster', 'ismaster', 'ping', 'endSessions'].includes(event.commandName)) return;
      const target = event.command[event.commandName];
      const key = `${name}.${typeof target === 'string' ? target : '-'} ${event.commandName}`;
      const bucket = name === 'webhooks' || name === 'channels' ? phases.background : phase === 'before' && isDeferred(event.commandName, event.command) ? phases.deferred : phases[phase];
      bucket.set(key, (bucket.get(key) ?? 0) + 1);
    });
  }
  const place = (i: number) =>
    hub.gql(url, `mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id status } }`, {
      i: { channel: 'bench', channelOrderId: `CPO-${i}`, customer: { email: `cpo${i}@example.com`, name: 'Bench' }, currency: 'EUR',
        lines: [{ sku: 'CPO-A', quantity: 1, unitPrice: 100 }, { sku: 'CPO-B', quantity: 2, unitPrice: 100 }],
        shippingAddress: { name: 'B', line1: '1', city: 'Potsdam', countryCode: 'DE', lat: 52.39, lng: 13.06 } },
    });
  await place(0);
  await new Promise((r) => setTimeout(r, 1500));
  phase = 'before';
  await place(1);
  phase = 'after';
  await new Promise((r) => setTimeout(r, 1000));
  phase = null;
  const print = (title: string, counts: Map<string, number>) => {
    const rows = [...counts].sort();
    console.log(`${title}: ${rows.reduce((sum, [, count]) => sum + count, 0)} commands`);
    for (const [key, count] of rows) console.log(`${count.toString().padStart(5)}  ${key}`);
  };
  print('placeOrder (two lines, a new customer), awaited before the answer', phases.before);
  print('meanwhile, not awaited (event relays, ledger batches started by its writes)', phases.deferred);
  print('within a second after the answer (ledger, event relays, followers)', phases.after);
  print('webhooks and channels followers, meanwhile', phases.background);
  await hub.stop();
}
// Run on its own: node --import tsx bench/commands-per-order.ts
if (process.argv[1]?.endsWith('commands-per-order.ts')) {
  benchCommandsPerOrder().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
