// Order import from Shopify into the hub: the Shopify simulator seeded with N orders, read by the
// Shopify connector through runOrdersSync and written by GraphHubSink (placeOrder reserves and routes).
// Prints orders/minute, batches and duplicates; asserts nothing.
// Run alone: node --import tsx bench/connector-import.ts --orders 10000 [--minutes 5] [--parallelism 4] [--skus 50]
import { createConnectorContext, GraphHubSink, runOrdersSync } from '@oms/connector-kit';
import { ensureInventory, hubOrders } from '@oms/connector-kit/src/conformance/hub-fixtures';
import { shopifyConnector, startShopifySimulator } from '@oms/connector-shopify';
import { internalHeaders, serviceIdentity } from '@oms/platform';
import { startBenchHub } from './support';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

export async function benchConnectorImport(): Promise<void> {
  const orders = option('orders', 10_000);
  const parallelism = option('parallelism', 4);
  const skus = option('skus', 50);
  // A time budget: the rate over the first minutes of a large import (0: import everything).
  const minutes = process.argv.includes('--minutes') ? option('minutes', 5) : 0;
  const hub = await startBenchHub();
  // The import runs as the connector runtime does: an internal service identity signed for the gateway
  // (short-lived tokens, so the sink asks for fresh headers per request).
  const identity = serviceIdentity('connector-runtime');
  const freshHeaders = () => internalHeaders(identity);
  // Shopify's standard plan restores 50 cost points/s, which caps reading long before the hub: the
  // simulator restores far faster here so the figure is the hub's import rate. The read cost is printed.
  const sim = await startShopifySimulator({ orders, catalogue: skus, restoreRate: 1_000_000 });
  try {
    const url = hub.stack.gateway.url;
    const gql = async (query: string, variables?: object) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await freshHeaders()) }, body: JSON.stringify({ query, variables }) });
      return response.json();
    };
    const target = { gatewayUrl: url, headers: {}, gql, stop: async () => undefined };
    await ensureInventory(target, sim.skus, 10_000_000);
    console.log(`Shopify simulator: ${orders} orders over ${sim.skus.length} SKUs; hub stocked; sink parallelism ${parallelism}`);

    const channel = 'shopify-bench';
    const ctx = createConnectorContext({ connector: shopifyConnector, config: sim.config, channel });
    const sink = new GraphHubSink({ url, headers: freshHeaders, parallelism });
    const started = Date.now();
    let lastReport = started;
    const budget = new AbortController();
    const timer = minutes > 0 ? setTimeout(() => budget.abort(), minutes * 60_000) : undefined;
    const result = await runOrdersSync({
      connector: shopifyConnector,
      ctx,
      checkpoint: null,
      sink,
      signal: budget.signal,
      onBatch: ({ batch }) => {
        if (Date.now() - lastReport < 15_000) return;
        lastReport = Date.now();
        console.log(`  … batch ${batch}, ${Math.round(((Date.now() - started) / 1000) * 10) / 10} s`);
      },
    });
    clearTimeout(timer);
    const seconds = (Date.now() - started) / 1000;
    if (result.aborted) console.log(`stopped after the ${minutes}-minute budget (the rest would import on the next sync, from the saved checkpoint)`);

    const inHub = await hubOrders(target, channel);
    const distinct = new Set(inHub.orders.map((order) => order.channelOrderId)).size;
    const graphRequests = sim.requests().length;
    console.log(`imported: ${result.imported} of ${orders} (created ${result.outcomes.CREATED}, unchanged ${result.outcomes.UNCHANGED}, failed ${result.outcomes.FAILED}, dead-lettered ${result.deadLettered})`);
    console.log(`batches: ${result.batches} (${(result.read / Math.max(1, result.batches)).toFixed(1)} orders per page)`);
    console.log(`time: ${seconds.toFixed(1)} s → ${Math.round((result.imported / seconds) * 60)} orders/minute`);
    console.log(`hub: ${inHub.totalCount} orders for ${channel}, ${distinct} distinct channel ids → duplicates: ${inHub.totalCount - distinct}`);
    console.log(`Shopify side: ${graphRequests} GraphQL requests, ${sim.costSpent()} cost points (${Math.round(sim.costSpent() / 50)} s of a standard plan's 50 points/s)`);
  } finally {
    await sim.stop();
    await hub.stop();
  }
}

if (require.main === module) {
  benchConnectorImport().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
