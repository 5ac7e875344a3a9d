// Round-trips and latency of a federated page of orders, and the gateway's overhead.
// Prints figures; asserts nothing. `npm run bench -- federated-page`
import { seedDemoData } from '../scripts/seed/demo-seed';
import { fmt, percentile, startBenchHub, timeIt } from './support';

const PAGE = `query Page($first: Int!) {
  orders(first: $first) {
    edges { node {
      number status
      customer { email name }
      lines { sku quantity unitPrice { amount currency } item { name available stock { location { name } available } } }
      shipments { status location { name } }
    } }
  }
}`;

const ORDERS_ONLY = `query Orders($first: Int!) { orders(first: $first) { edges { node { number status channel totals { total { amount currency } } } } } }`;

export async function benchFederatedPage(): Promise<void> {
  const hub = await startBenchHub();
  try {
    console.log('Seeding 200 orders through the gateway...');
    await seedDemoData(hub.stack.gateway.url, (message) => console.log(`  ${message}`), 200);

    console.log('\nDatabase commands per subgraph for one federated page (orders + customer + lines.item.stock.location + shipments.location):');
    console.log('  page size | orders | customers | inventory | fulfillment');
    // Let the background workflows finish what the seed started, then take the quietest of three runs
    // (a background retry can still land inside one).
    await new Promise((resolve) => setTimeout(resolve, 5000));
    for (const size of [10, 50, 100]) {
      const runs = [];
      for (let run = 0; run < 3; run++) {
        hub.resetCommands();
        await hub.gql(hub.stack.gateway.url, PAGE, { first: size });
        runs.push({ ...hub.commands });
      }
      const c = runs.reduce((best, run) => (Object.values(run).reduce((a, b) => a + b) < Object.values(best).reduce((a, b) => a + b) ? run : best));
      console.log(`  ${String(size).padStart(9)} | ${String(c.orders).padStart(6)} | ${String(c.customers).padStart(9)} | ${String(c.inventory).padStart(9)} | ${String(c.fulfillment).padStart(11)}`);
    }

    const runs = 100;
    await timeIt(10, () => hub.gql(hub.stack.gateway.url, PAGE, { first: 50 }));
    const federated = await timeIt(runs, () => hub.gql(hub.stack.gateway.url, PAGE, { first: 50 }));
    console.log(`\nFederated page of 50 through the gateway (${runs} runs): p50 ${fmt(percentile(federated, 50))}, p99 ${fmt(percentile(federated, 99))}`);

    await timeIt(10, () => hub.gql(hub.stack.subgraphs.orders.service.url, ORDERS_ONLY, { first: 50 }));
    const direct = await timeIt(runs, () => hub.gql(hub.stack.subgraphs.orders.service.url, ORDERS_ONLY, { first: 50 }));
    const viaGateway = await timeIt(runs, () => hub.gql(hub.stack.gateway.url, ORDERS_ONLY, { first: 50 }));
    console.log(`Orders-only page of 50 (${runs} runs): subgraph direct p50 ${fmt(percentile(direct, 50))} p99 ${fmt(percentile(direct, 99))}; via gateway p50 ${fmt(percentile(viaGateway, 50))} p99 ${fmt(percentile(viaGateway, 99))}`);
    console.log(`Gateway overhead (p50): ${fmt(percentile(viaGateway, 50) - percentile(direct, 50))}`);
  } finally {
    await hub.stop();
  }
}
