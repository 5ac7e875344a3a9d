// Loads the demo data through the public graph, so it passes the same validation as any client.
// Runs only when the hub has no locations yet; every order carries an idempotency key, so an
// interrupted seed can simply run again.
import { internalHeaders, serviceIdentity } from '@oms/platform';
import { CHANNELS, CUSTOMERS, ITEMS, LOCATIONS, prng } from './demo-data';

type Progress = (message: string) => void;

async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    // The seed runs inside the hub's process, so it signs as a hub service like any internal caller.
    headers: { 'content-type': 'application/json', ...(await internalHeaders(serviceIdentity('demo-seed'))) },
    body: JSON.stringify({ query, variables }),
  });
  const payload = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (payload.errors?.length) throw new Error(`Seeding failed: ${payload.errors.map((error) => error.message).join('; ')}`);
  return payload.data as T;
}

/**
 * Runs many mutations of one kind in a few requests, using aliases. A request's mutations run one
 * after another, so the requests go LANES at a time.
 */
async function batchMutations(url: string, field: string, inputType: string, inputs: object[], selection: string, size = 10): Promise<unknown[]> {
  const chunks: object[][] = [];
  for (let start = 0; start < inputs.length; start += size) chunks.push(inputs.slice(start, start + size));
  const results: unknown[][] = [];
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) {
      const n = next++;
      const chunk = chunks[n];
      const variables = Object.fromEntries(chunk.map((input, i) => [`i${i}`, input]));
      const header = chunk.map((_, i) => `$i${i}: ${inputType}`).join(', ');
      const body = chunk.map((_, i) => `m${i}: ${field}(input: $i${i}) ${selection}`).join('\n');
      const data = await gql<Record<string, unknown>>(url, `mutation Seed(${header}) {\n${body}\n}`, variables);
      results[n] = chunk.map((_, i) => data[`m${i}`]);
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  return results.flat();
}

const LANES = 6;

export async function seedDemoData(url: string, progress: Progress, orderCount = 100): Promise<boolean> {
  const existing = await gql<{ locations: unknown[] }>(url, '{ locations { id } }');
  if (existing.locations.length > 0) {
    progress('Demo data already loaded (delete .data/ to start over)');
    return false;
  }
  const random = prng(42);
  progress(`Seeding demo data: ${LOCATIONS.length} locations`);
  const locations = (await batchMutations(url, 'upsertLocation', 'UpsertLocationInput!', [...LOCATIONS], '{ id code }')) as Array<{ id: string }>;

  progress(`Seeding demo data: ${ITEMS.length} SKUs with stock at every location`);
  await batchMutations(url, 'upsertInventoryItem', 'UpsertInventoryItemInput!', ITEMS.map(({ sku, name }) => ({ sku, name })), '{ sku }');
  const stock = ITEMS.flatMap((item) =>
    locations.map((location) => ({ sku: item.sku, locationId: location.id, onHand: Math.floor(random() * 60), safetyStock: 2, reason: 'demo opening stock' })),
  );
  await batchMutations(url, 'setStock', 'SetStockInput!', stock, '{ onHand }');

  progress(`Seeding demo data: ${CUSTOMERS.length} customers`);
  await batchMutations(
    url,
    'upsertCustomer',
    'UpsertCustomerInput!',
    CUSTOMERS.map(({ email, name, tier, address: { lat: _lat, lng: _lng, ...address } }) => ({ email, name, tier, addresses: [{ ...address, isDefault: true }] })),
    '{ id }',
  );

  const orders = Array.from({ length: orderCount }, (_, n) => {
    const customer = CUSTOMERS[Math.floor(random() * CUSTOMERS.length)];
    const channel = CHANNELS[n % CHANNELS.length];
    const lineCount = 1 + Math.floor(random() * 3);
    const skus = new Set<number>();
    while (skus.size < lineCount) skus.add(Math.floor(random() * ITEMS.length));
    const lines = [...skus].map((index) => {
      const quantity = 1 + Math.floor(random() * 2);
      return { sku: ITEMS[index].sku, quantity, unitPrice: ITEMS[index].priceCents, tax: Math.round(ITEMS[index].priceCents * quantity * 0.19) };
    });
    return {
      idempotencyKey: `demo-order-${n + 1}`,
      channel,
      channelOrderId: channel === 'web' || channel === 'pos' ? undefined : `${channel.toUpperCase()}-${100000 + n}`,
      customer: { email: customer.email, name: customer.name },
      currency: 'EUR',
      lines,
      shippingAddress: customer.address,
      shippingPrice: channel === 'pos' ? 0 : 495,
      placedAt: new Date(Date.now() - (orderCount - n) * 3_600_000).toISOString(),
    };
  });
  progress(`Seeding demo data: ${orders.length} orders across ${CHANNELS.length} channels`);
  // One batch import: the hub places them concurrently, each exactly once.
  const imported = await gql<{ importOrders: { failed: number; results: Array<{ order: { id: string } | null; error: { message: string; field: string | null } | null }> } }>(
    url,
    `mutation($input: [PlaceOrderInput!]!) { importOrders(input: $input) { failed results { order { id } error { message field } } } }`,
    { input: orders },
  );
  const refused = imported.importOrders.results.find((result) => result.error);
  if (refused?.error) throw new Error(`Demo order refused: ${refused.error.field ?? ''} ${refused.error.message}`);
  const placedOrders = imported.importOrders.results.flatMap((result) => (result.order ? [result.order] : []));
  progress(`Seeding demo data: ${placedOrders.length}/${orders.length} orders placed`);

  // Orders allocate and create their shipments themselves; move some of them along so the demo
  // shows every stage: picked, packed, shipped with tracking, delivered.
  const placedIds = new Set(placedOrders.map((order) => order.id));
  const page = await gql<{ orders: { edges: Array<{ node: { id: string; shipments: Array<{ id: string; status: string }> } }> } }>(
    url,
    `{ orders(first: 100) { edges { node { id shipments { id status } } } } }`,
  );
  const shipments = page.orders.edges
    .filter((edge) => placedIds.has(edge.node.id))
    .flatMap((edge) => edge.node.shipments)
    .filter((shipment) => shipment.status === 'PENDING');
  const toShip = shipments.filter((_, n) => n % 3 === 0);
  progress(`Seeding demo data: moving ${toShip.length} shipments through pick, pack and ship`);
  const moveAlong = async (shipment: { id: string }, n: number) => {
    await gql(url, `mutation($id: ID!) { pickShipment(id: $id) { id } }`, { id: shipment.id });
    await gql(url, `mutation($id: ID!) { packShipment(id: $id) { id } }`, { id: shipment.id });
    await gql(url, `mutation($input: ShipShipmentInput!) { shipShipment(input: $input) { id } }`, {
      input: { id: shipment.id, carrier: n % 2 === 0 ? 'DHL' : 'UPS', trackingNumber: `DEMO${String(100000 + n)}` },
    });
    if (n % 2 === 0) await gql(url, `mutation($id: ID!) { deliverShipment(id: $id) { id } }`, { id: shipment.id });
  };
  // A few shipments at a time: each one's steps are in order, the shipments are independent.
  let next = 0;
  const lane = async () => {
    while (next < toShip.length) {
      const n = next++;
      await moveAlong(toShip[n], n);
    }
  };
  await Promise.all(Array.from({ length: 6 }, lane));
  progress('Demo data loaded');
  return true;
}
