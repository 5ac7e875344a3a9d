// Database commands one placeOrder sends before it answers, by subgraph, collection and command.
// Prints figures; asserts nothing.
import { startBenchHub } from './support';

async function main() {
  const hub = await startBenchHub();
  const url = hub.stack.gateway.url;
  const loc = await hub.gql(url, `mutation($i: UpsertLocationInput!) { upsertLocation(input: $i) { id } }`, {
    i: { code: 'CPO-1', name: 'Berlin', kind: 'WAREHOUSE', priority: 0, address: { line1: 'x', city: 'Berlin', countryCode: 'DE', lat: 52.5, lng: 13.4 } },
  });
  for (const sku of ['CPO-A', 'CPO-B']) {
    await hub.gql(url, `mutation($i: UpsertInventoryItemInput!) { upsertInventoryItem(input: $i) { sku } }`, { i: { sku, name: sku } });
    await hub.gql(url, `mutation($i: SetStockInput!) { setStock(input: $i) { onHand } }`, { i: { sku, locationId: loc.upsertLocation.id, onHand: 1000 } });
  }
  const byCollection = new Map<string, number>();
  let recording = false;
  for (const [name, running] of Object.entries(hub.stack.subgraphs)) {
    running.connection.getClient().on('commandStarted', (event) => {
      if (!recording || ['hello', 'isMaster', 'ismaster', 'ping', 'endSessions'].includes(event.commandName)) return;
      const target = event.command[event.commandName];
      const key = `${name}.${typeof target === 'string' ? target : '-'} ${event.commandName}`;
      byCollection.set(key, (byCollection.get(key) ?? 0) + 1);
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
  recording = true;
  await place(1);
  recording = false;
  const rows = [...byCollection].sort();
  for (const [key, count] of rows) console.log(`${count.toString().padStart(3)}  ${key}`);
  console.log(`${rows.reduce((s, [, c]) => s + c, 0)} commands before the answer`);
  await hub.stop();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
