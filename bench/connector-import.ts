// Order import from Shopify into the hub: the Shopify simulator seeded with N orders, read by the
// Shopify connector through runOrdersSync (next page read while the hub imports the current one) and
// written by GraphHubSink through importOrders (placement reserves and routes every order).
// Prints orders/minute overall, for the first and the last 1,000 orders, then checks duplicates
// (hub orders per channel order id, read from the orders database) and oversell (reserved never above on hand; reserved units equal
// to the units ordered when stock is ample). Asserts nothing.
// Run alone: node --import tsx bench/connector-import.ts [--orders 10000] [--skus 50] [--stock 10000000]
//   [--window 1000] [--batch 250] [--parallelism 2] [--minutes 5]
import { createConnectorContext, GraphHubSink, isConnectorError, runOrdersSync } from '@oms/connector-kit';
import { ensureInventory } from '@oms/connector-kit/src/conformance/hub-fixtures';
import { shopifyConnector, startShopifySimulator } from '@oms/connector-shopify';
import { internalHeaders, serviceIdentity } from '@oms/platform';
import { startBenchHub } from './support';

/** Failed batches the bench resumes after (the runtime retries forever, with backoff). */
const MAX_RESUMES = 5;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

interface Mark {
  at: number;
  /** Orders the hub holds from the batches so far (created, unchanged, cancelled). */
  imported: number;
}

/** Orders per minute between the mark where `from` orders were in and the one where `to` were. */
function windowRate(marks: Mark[], from: number, to: number): { rate: number; seconds: number } | null {
  const start = from === 0 ? marks[0] : [...marks].reverse().find((mark) => mark.imported <= from);
  const end = marks.find((mark) => mark.imported >= to);
  if (!start || !end || end.at <= start.at) return null;
  const seconds = (end.at - start.at) / 1000;
  return { rate: Math.round(((end.imported - start.imported) / seconds) * 60), seconds };
}

export async function benchConnectorImport(): Promise<void> {
  const orders = option('orders', 10_000);
  const skus = option('skus', 50);
  const stock = option('stock', 10_000_000);
  const window = Math.min(option('window', 1_000), Math.floor(orders / 2));
  const batchSize = option('batch', 250);
  const parallelism = option('parallelism', 2);
  // A time budget: the rate over the first minutes of a large import (0: import everything).
  const minutes = process.argv.includes('--minutes') ? option('minutes', 5) : 0;
  const hub = await startBenchHub();
  // The import runs as the connector runtime does: an internal service identity signed for the gateway
  // (short-lived tokens, so the sink asks for fresh headers per request).
  const identity = serviceIdentity('connector-runtime');
  const freshHeaders = () => internalHeaders(identity);
  // Shopify's standard plan restores 50 cost points/s, which caps reading long before the hub: the
  // simulator restores far faster here so the figure is the hub's import rate. The read cost is printed.
  const seeding = Date.now();
  const sim = await startShopifySimulator({ orders, catalogue: skus, restoreRate: 1_000_000 });
  const seededMs = Date.now() - seeding;
  try {
    const url = hub.stack.gateway.url;
    const gql = async (query: string, variables?: object) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await freshHeaders()) }, body: JSON.stringify({ query, variables }) });
      return response.json();
    };
    const target = { gatewayUrl: url, headers: {}, gql, stop: async () => undefined };
    await ensureInventory(target, sim.skus, stock);
    console.log(`Shopify simulator: ${orders} orders over ${sim.skus.length} SKUs (seeded in ${seededMs} ms); hub stocked with ${stock} per SKU`);
    console.log(`sink: importOrders of up to ${batchSize} orders, ${parallelism} in flight; one page read ahead`);

    const channel = 'shopify-bench';
    const ctx = createConnectorContext({ connector: shopifyConnector, config: sim.config, channel });
    const sink = new GraphHubSink({ url, headers: freshHeaders, batchSize, parallelism });
    const started = Date.now();
    const marks: Mark[] = [{ at: started, imported: 0 }];
    let lastReport = started;
    const budget = new AbortController();
    const timer = minutes > 0 ? setTimeout(() => budget.abort(), minutes * 60_000) : undefined;
    // As the connector runtime does: a failed batch (the hub busy or failing) is retried from the last
    // saved checkpoint; the orders of that batch already in the hub come back UNCHANGED.
    const result = { imported: 0, read: 0, batches: 0, deadLettered: 0, outcomes: { CREATED: 0, UNCHANGED: 0, CANCELLED: 0, FAILED: 0 }, aborted: false };
    let checkpoint: string | null = null;
    let resumes = 0;
    for (;;) {
      try {
        const run = await runOrdersSync({
          connector: shopifyConnector,
          ctx,
          checkpoint,
          sink,
          signal: budget.signal,
          onBatch: (report) => {
            checkpoint = report.checkpoint;
            result.batches += 1;
            result.imported += report.imported;
            result.read += report.imported + report.deadLettered;
            result.deadLettered += report.deadLettered;
            for (const kind of Object.keys(result.outcomes) as Array<keyof typeof result.outcomes>) result.outcomes[kind] += report.outcomes[kind];
            const now = Date.now();
            marks.push({ at: now, imported: marks[marks.length - 1].imported + report.imported });
            if (now - lastReport < 15_000) return;
            lastReport = now;
            const done = marks[marks.length - 1].imported;
            console.log(`  … batch ${result.batches}, ${done} orders, ${((now - started) / 1000).toFixed(1)} s, ${Math.round((done / ((now - started) / 1000)) * 60)} orders/min so far`);
          },
        });
        result.aborted = run.aborted;
        break;
      } catch (error) {
        if (!isConnectorError(error) || !error.retryable || resumes >= MAX_RESUMES) throw error;
        resumes += 1;
        const waitMs = Math.max(error.details.retryAfterMs ?? 0, 5_000);
        console.log(`  ! a batch failed (${error.message.slice(0, 160)}); resuming from the saved checkpoint in ${waitMs / 1000} s (${resumes} of ${MAX_RESUMES})`);
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
    clearTimeout(timer);
    const seconds = (Date.now() - started) / 1000;
    if (result.aborted) console.log(`stopped after the ${minutes}-minute budget (the rest would import on the next sync, from the saved checkpoint)`);

    const total = marks[marks.length - 1].imported;
    const first = windowRate(marks, 0, window);
    const last = windowRate(marks, total - window, total);
    const overall = Math.round((result.imported / seconds) * 60);
    console.log(`imported: ${result.imported} of ${orders} (created ${result.outcomes.CREATED}, unchanged ${result.outcomes.UNCHANGED}, failed ${result.outcomes.FAILED}, dead-lettered ${result.deadLettered})`);
    console.log(`batches: ${result.batches} (${(result.read / Math.max(1, result.batches)).toFixed(1)} orders per page); resumed after a failed batch: ${resumes}`);
    console.log(`time: ${seconds.toFixed(1)} s → ${overall} orders/minute overall`);
    if (first && last) {
      console.log(`first ${window}: ${first.rate} orders/minute (${first.seconds.toFixed(1)} s); last ${window}: ${last.rate} orders/minute (${last.seconds.toFixed(1)} s) → last/first ${Math.round((last.rate / first.rate) * 100)}%`);
    }

    // Read from the orders database in one aggregation: paging 10,000 orders through the graph costs minutes on FerretDB.
    const perId = await hub.stack.subgraphs.orders.connection
      .collection('orders')
      .aggregate<{ _id: string; n: number }>([{ $match: { channel } }, { $group: { _id: '$channelOrderId', n: { $sum: 1 } } }])
      .toArray();
    const stored = perId.reduce((sum, row) => sum + row.n, 0);
    const inHub = new Set(perId.map((row) => row._id));
    const missing = sim.orderIds().filter((id) => !inHub.has(id)).length;
    console.log(`duplicates: ${stored} hub orders for ${channel}, ${perId.length} distinct channel order ids → ${stored - perId.length} duplicates; ${missing} channel orders missing`);
    await checkStock(gql, sim.skus, stock, sim.store, !result.aborted && result.deadLettered === 0);

    const graphRequests = sim.requests().length;
    console.log(`Shopify side: ${graphRequests} GraphQL requests, ${sim.costSpent()} cost points (${Math.round(sim.costSpent() / 50)} s of a standard plan's 50 points/s)`);
  } finally {
    await sim.stop();
    await hub.stop();
  }
}

/**
 * Oversell: for every SKU and location 0 ≤ reserved ≤ on hand. With stock to spare, every ordered unit
 * is reserved once: reserved per SKU equals the units the channel's orders hold (none lost or doubled).
 */
async function checkStock(gql: (query: string, variables?: object) => Promise<any>, skus: string[], stock: number, store: { orders: Map<number, { lineItems: Array<{ sku: string | null; quantity: number }> }> }, complete: boolean): Promise<void> {
  const ordered = new Map<string, number>();
  for (const order of store.orders.values()) for (const line of order.lineItems) if (line.sku) ordered.set(line.sku, (ordered.get(line.sku) ?? 0) + line.quantity);
  const read = async () => {
    const fields = skus.map((sku, index) => `s${index}: inventoryItem(sku: ${JSON.stringify(sku)}) { sku stock { onHand reserved } }`).join(' ');
    const answer = await gql(`{ ${fields} }`);
    return skus.map((_, index) => answer.data[`s${index}`] as { sku: string; stock: Array<{ onHand: number; reserved: number }> });
  };
  // Allocation may finish after an order's answer: wait until reservations stop moving (at most 30 s).
  let items = await read();
  for (let waited = 0; waited < 30_000; waited += 1_000) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const again = await read();
    const same = JSON.stringify(again) === JSON.stringify(items);
    items = again;
    if (same) break;
  }
  const oversold = items.flatMap((item) => item.stock.filter((level) => level.reserved < 0 || level.reserved > level.onHand).map(() => item.sku));
  const ample = complete && [...ordered.values()].every((units) => units <= stock);
  const mismatched = ample ? items.filter((item) => item.stock.reduce((sum, level) => sum + level.reserved, 0) !== (ordered.get(item.sku) ?? 0)) : [];
  const reserved = items.reduce((sum, item) => sum + item.stock.reduce((total, level) => total + level.reserved, 0), 0);
  console.log(
    `oversell: ${oversold.length} SKU locations with reserved outside 0..onHand; ${reserved} units reserved` +
      (ample ? ` for ${[...ordered.values()].reduce((a, b) => a + b, 0)} ordered → ${mismatched.length} SKUs where reserved ≠ ordered` : ' (stock short of demand, or not every order imported: reserved ≤ on hand is the check)'),
  );
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
