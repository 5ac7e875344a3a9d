// A file channel's inbox run by the connector runtime: an ERP/WMS connection added through the graph
// (local-folder transport), the simulated warehouse drops a shipment confirmation and a stock count;
// the runtime's sync applies them. The shipment is shipped with tracking, the valid count is set, the
// count below what is reserved is refused: an INBOX dead letter naming file and row, with the count
// and what was reserved, listed on the connection. Such letters are not retried from the hub.
import { startErpWmsSimulator, type ErpWmsSimulatorHandle } from '@oms/connector-erp-wms';
import { waitFor } from './support/fixtures';
import { startTestStack, type TestStack } from './support/stack';

jest.setTimeout(60_000);

const WAREHOUSE = 'WMS-INBOX';
const CHANNEL = 'erp-wms-inbox';
const RUN = 'id status startedAt error';
let hub: TestStack;
let sim: ErpWmsSimulatorHandle;
let locationId: string;
let connectionId: string;

async function stocked(sku: string, onHand: number) {
  await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name: `Item ${sku}` } });
  await hub.data(`mutation($input: SetStockInput!) { setStock(input: $input) { onHand } }`, { input: { sku, locationId, onHand, reason: 'opening stock' } });
}

async function stockAt(sku: string) {
  const data = await hub.data<{ inventoryItem: { stock: Array<{ location: { id: string }; onHand: number; reserved: number }> } }>(
    `query($sku: String!) { inventoryItem(sku: $sku) { stock { location { id } onHand reserved } } }`,
    { sku },
  );
  return data.inventoryItem.stock.find((level) => level.location.id === locationId)!;
}

async function placeOrder(sku: string, quantity: number) {
  const data = await hub.data<{ placeOrder: { id: string; shipments: Array<{ id: string; status: string }> } }>(
    `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id shipments { id status } } }`,
    {
      input: {
        channel: 'web',
        customer: { email: 'ada@example.com', name: 'Ada' },
        currency: 'EUR',
        lines: [{ sku, quantity, unitPrice: 1000 }],
        shippingAddress: { name: 'Ada', line1: '1 Rue de la Paix', city: 'Lyon', postalCode: '69001', countryCode: 'FR' },
      },
    },
  );
  return data.placeOrder;
}

/** Triggers a sync and waits for a run started after this call to finish. */
async function syncNow() {
  for (;;) {
    const since = Date.now();
    const result = await hub.gql(`mutation($id: ID!) { triggerChannelSync(id: $id) { ${RUN} } }`, { id: connectionId });
    // The sync started when the connection was added may still hold the lease for a moment.
    if (result.errors?.[0]?.extensions?.code === 'CONFLICT') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    if (result.errors) throw new Error(`triggerChannelSync failed: ${JSON.stringify(result.errors)}`);
    const run = result.data.triggerChannelSync;
    const finished = await waitFor(`sync ${run.id} to finish`, async () => {
      const data = await hub.data(`query($id: ID!) { channelConnection(id: $id) { runs(first: 5) { ${RUN} } } }`, { id: connectionId });
      return data.channelConnection.runs.find((candidate: { id: string; status: string }) => candidate.id === run.id && candidate.status !== 'RUNNING');
    }, 30_000);
    if (Date.parse(run.startedAt) >= since - 5) return finished;
  }
}

beforeAll(async () => {
  hub = await startTestStack();
  sim = await startErpWmsSimulator({ transport: 'local', config: { warehouseCode: WAREHOUSE } });
  const location = await hub.data<{ upsertLocation: { id: string } }>(`mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id } }`, {
    input: { code: WAREHOUSE, name: 'WMS Inbox', kind: 'THIRD_PARTY_LOGISTICS', priority: 1, address: { line1: '5 Rue du Dépôt', city: 'Lyon', countryCode: 'FR', lat: 45.75, lng: 4.85 } },
  });
  locationId = location.upsertLocation.id;
  const added = await hub.data(`mutation($input: AddChannelConnectionInput!) { addChannelConnection(input: $input) { id status capabilities } }`, {
    input: { name: 'WMS Lyon', kind: 'erp-wms', channel: CHANNEL, syncIntervalSeconds: 3600, config: { transport: 'local', rootDir: sim.config.rootDir, stateDir: sim.config.stateDir, warehouseCode: WAREHOUSE } },
  });
  expect(added.addChannelConnection).toMatchObject({ status: 'ACTIVE' });
  connectionId = added.addChannelConnection.id;
}, 60_000);

afterAll(async () => {
  await sim?.stop();
  await hub?.stop();
}, 30_000);

describe('an ERP/WMS connection in the runtime', () => {
  it('applies the warehouse files on its sync: the shipment ships with tracking, the valid count is set, the count below reserved is a dead letter in the graph', async () => {
    await stocked('INB-SHIP-1', 20);
    await stocked('INB-CNT-1', 10);
    await stocked('INB-CNT-2', 10);
    const order = await placeOrder('INB-SHIP-1', 3);
    await placeOrder('INB-CNT-2', 5);
    expect(await stockAt('INB-CNT-2')).toMatchObject({ onHand: 10, reserved: 5 });

    sim.dropShipmentConfirmations([{ orderRef: order.id, sku: 'INB-SHIP-1', quantity: 3, carrier: 'UPS', trackingNumber: '1Z999AA10123456784' }], 'confirmations-1.csv');
    const countFile = sim.dropStockCounts([{ sku: 'INB-CNT-1', quantity: 40 }, { sku: 'INB-CNT-2', quantity: 2 }], 'stock-count-1.csv');

    expect(await syncNow()).toMatchObject({ status: 'SUCCEEDED', error: null });

    const shipment = await hub.data(`query($id: ID!) { shipment(id: $id) { status carrier trackingNumber } }`, { id: order.shipments[0].id });
    expect(shipment.shipment).toEqual({ status: 'SHIPPED', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    expect((await stockAt('INB-CNT-1')).onHand).toBe(40);
    // The connection acts as itself: the ledger names it.
    const ledger = await hub.data(`query($sku: String!, $loc: ID!) { stockMovements(sku: $sku, locationId: $loc, first: 1) { edges { node { kind actor reference } } } }`, { sku: 'INB-CNT-1', loc: locationId });
    expect(ledger.stockMovements.edges[0].node).toEqual({ kind: 'STOCK_TAKE', actor: `service:erp-wms:${CHANNEL}`, reference: `${countFile}#2` });
    expect(await stockAt('INB-CNT-2')).toMatchObject({ onHand: 10, reserved: 5 });
    expect(sim.files.files('inbound')).toEqual([]);

    const data = await hub.data(
      `query($id: ID!) { channelConnection(id: $id) {
        counts { deadLetters }
        refusedStockCounts { sku locationId warehouse count reserved file row deadLetterId }
        deadLetters { edges { node { id stream stage status reason file row column channelRecordId stockCountRefusal { sku count reserved } } } }
      } }`,
      { id: connectionId },
    );
    const view = data.channelConnection;
    expect(view.counts.deadLetters).toBe(1);
    const [letter] = view.deadLetters.edges.map((edge: { node: unknown }) => edge.node);
    expect(letter).toMatchObject({ stream: 'INBOX', stage: 'HUB', status: 'OPEN', file: countFile, row: 3, column: 'qty_on_hand', stockCountRefusal: { sku: 'INB-CNT-2', count: 2, reserved: 5 } });
    expect(letter.reason).toMatch(/below reserved .*count 2, reserved 5/);
    expect(view.refusedStockCounts).toEqual([{ sku: 'INB-CNT-2', locationId, warehouse: WAREHOUSE, count: 2, reserved: 5, file: countFile, row: 3, deadLetterId: letter.id }]);

    // The file is archived: the hub cannot apply it again, the warehouse sends a corrected count.
    const retried = await hub.data(`mutation($c: ID!) { retryDeadLetters(connectionId: $c) { id } }`, { c: connectionId });
    expect(retried.retryDeadLetters).toEqual([]);
    const named = await hub.gql(`mutation($c: ID!, $ids: [ID!]) { retryDeadLetters(connectionId: $c, ids: $ids) { id } }`, { c: connectionId, ids: [letter.id] });
    expect(named.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids[0]' });
    const after = await hub.data(`query($id: ID!) { channelConnection(id: $id) { deadLetters { edges { node { id status } } } } }`, { id: connectionId });
    expect(after.channelConnection.deadLetters.edges.map((edge: { node: unknown }) => edge.node)).toEqual([{ id: letter.id, status: 'OPEN' }]);
  });

  it('a bad row in a dropped file is a dead letter naming file, row and column; the next sync does not apply the file again', async () => {
    await stocked('INB-CNT-3', 10);
    const file = sim.dropStockCounts([{ sku: 'INB-CNT-3', quantity: 'twelve' }, { sku: 'INB-CNT-3', quantity: 12 }], 'stock-count-2.csv');

    await syncNow();
    expect((await stockAt('INB-CNT-3')).onHand).toBe(12);
    const letters = await hub.data(`query($id: ID!) { channelConnection(id: $id) { deadLetters { edges { node { stream stage file row column reason stockCountRefusal { sku } } } } } }`, { id: connectionId });
    expect(letters.channelConnection.deadLetters.edges.map((edge: { node: unknown }) => edge.node)).toContainEqual({
      stream: 'INBOX',
      stage: 'FILE',
      file,
      row: 2,
      column: 'qty_on_hand',
      reason: expect.stringMatching(/stock-count-2\.csv row 2, column qty_on_hand: "twelve" is not a whole number/),
      stockCountRefusal: null,
    });

    await hub.data(`mutation($input: AdjustStockInput!) { adjustStock(input: $input) { onHand } }`, { input: { sku: 'INB-CNT-3', locationId, delta: -2, reason: 'damaged' } });
    await syncNow();
    expect((await stockAt('INB-CNT-3')).onHand).toBe(10);
  });
});
