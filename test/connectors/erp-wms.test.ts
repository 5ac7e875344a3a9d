// The ERP/WMS connector against its simulated warehouse (a real SFTP server in-process) and a real hub:
// files applied once, partial uploads left alone, bad rows dead-lettered by file/row/column, 850s in
// with 997/855 back, shipment confirmations shipping hub shipments, 856s and stock counts the hub
// refuses below what is reserved.
import { createConnectorContext, ConnectorError } from '@oms/connector-kit';
import { serviceIdentity } from '@oms/platform';
import { erpWmsConnector, exportOrders, processInbox, readInterchange, startErpWmsSimulator, ConnectionState, type ErpWmsSimulatorHandle, type ErpWmsSimulatorOptions } from '@oms/connector-erp-wms';
import { waitFor } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

const WAREHOUSE = 'WMS-LYON';
let hub: TestStack;
let locationId: string;
const simulators: ErpWmsSimulatorHandle[] = [];
let channelCounter = 0;

async function simulator(options: ErpWmsSimulatorOptions = {}) {
  const sim = await startErpWmsSimulator({ ...options, config: { warehouseCode: WAREHOUSE, ...options.config } });
  simulators.push(sim);
  const channel = `erp-wms-${++channelCounter}`;
  const ctx = createConnectorContext({ connector: erpWmsConnector, config: sim.config, channel });
  // The connection acts as itself: ledgers and histories name it.
  const inbox = () => processInbox({ ctx, hub: { url: hub.gatewayUrl, headers: () => hub.signedHeaders(serviceIdentity(`erp-wms:${channel}`)) } });
  return { sim, channel, ctx, inbox };
}

async function stockAt(sku: string) {
  const data = await hub.data<{ inventoryItem: { stock: Array<{ location: { id: string }; onHand: number; reserved: number }> } }>(
    `query($sku: String!) { inventoryItem(sku: $sku) { stock { location { id } onHand reserved } } }`,
    { sku },
  );
  return data.inventoryItem.stock.find((level) => level.location.id === locationId)!;
}

async function stocked(skus: string[], onHand: number) {
  for (const sku of skus) {
    await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku, name: `Item ${sku}` } });
    await hub.data(`mutation($input: SetStockInput!) { setStock(input: $input) { onHand } }`, { input: { sku, locationId, onHand, reason: 'opening stock' } });
  }
}

async function hubOrder(channel: string, channelOrderId: string) {
  const data = await hub.data<{ orderByChannel: { id: string; status: string; purchaseOrderNumber: string | null; promise: { latestShipAt: string | null } | null; lines: Array<{ sku: string; quantity: number }> } | null }>(
    `query($c: String!, $id: String!) { orderByChannel(channel: $c, channelOrderId: $id) { id status purchaseOrderNumber promise { latestShipAt } lines { sku quantity } } }`,
    { c: channel, id: channelOrderId },
  );
  return data.orderByChannel;
}

async function placeOrder(lines: Array<{ sku: string; quantity: number }>) {
  const data = await hub.data<{ placeOrder: { id: string; shipments: Array<{ id: string; status: string; lines: Array<{ sku: string; quantity: number }> }> } }>(
    `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id shipments { id status lines { sku quantity } } } }`,
    {
      input: {
        channel: 'web',
        customer: { email: 'ada@example.com', name: 'Ada' },
        currency: 'EUR',
        lines: lines.map((line) => ({ ...line, unitPrice: 1000 })),
        shippingAddress: { name: 'Ada', line1: '1 Rue de la Paix', city: 'Lyon', postalCode: '69001', countryCode: 'FR' },
      },
    },
  );
  return data.placeOrder;
}

const csv = (rows: string[][]) => rows.map((row) => row.join(',')).join('\n') + '\n';
const ORDER_HEADER = ['order_ref', 'line_no', 'sku', 'qty', 'unit_price', 'email', 'ship_name', 'address1', 'city', 'zip', 'country'];
const orderRow = (ref: string, sku: string, qty: string) => [ref, '1', sku, qty, '9.90', 'buyer@b2b.example', 'B2B Buyer', '3 Quai Perrache', 'Lyon', '69002', 'FR'];

beforeAll(async () => {
  hub = await startTestStack();
  const location = await hub.data<{ upsertLocation: { id: string } }>(
    `mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id } }`,
    { input: { code: WAREHOUSE, name: 'WMS Lyon', kind: 'THIRD_PARTY_LOGISTICS', priority: 1, address: { line1: '5 Rue du Dépôt', city: 'Lyon', countryCode: 'FR', lat: 45.75, lng: 4.85 } } },
  );
  locationId = location.upsertLocation.id;
  await stocked(['EW-RED-1', 'EW-BLU-2', 'EW-GRN-3'], 10_000);
}, 120_000);

afterAll(async () => {
  await Promise.all(simulators.map((sim) => sim.stop()));
  await hub?.stop();
}, 60_000);

describe('ERP/WMS files over SFTP', () => {
  it('a CSV with a bad row: that order is a dead letter naming file, row and column; the rest is applied and the file moves to processed/', async () => {
    const { sim, channel, inbox } = await simulator();
    sim.files.drop('orders-b2b.csv', csv([ORDER_HEADER, orderRow('B2B-1', 'EW-RED-1', '2'), orderRow('B2B-2', 'EW-BLU-2', 'two'), orderRow('B2B-3', 'EW-GRN-3', '1')]));

    const report = await inbox();

    expect(report.files).toEqual([expect.objectContaining({ file: 'orders-b2b.csv', kind: 'orders', outcome: 'APPLIED', applied: 2, deadLettered: 1 })]);
    expect(report.deadLetters).toEqual([expect.objectContaining({ stream: 'ORDERS', file: 'orders-b2b.csv', row: 3, column: 'qty', channelId: 'B2B-2' })]);
    expect(report.deadLetters[0].reason).toMatch(/orders-b2b\.csv row 3, column qty: "two" is not a whole number/);
    expect(await hubOrder(channel, 'B2B-1')).toMatchObject({ lines: [{ sku: 'EW-RED-1', quantity: 2 }] });
    expect(await hubOrder(channel, 'B2B-2')).toBeNull();
    expect(await hubOrder(channel, 'B2B-3')).not.toBeNull();
    expect(sim.files.files('inbound')).toEqual([]);
    expect(sim.files.files('processed')).toEqual(['orders-b2b.csv']);
  });

  it('a file still being uploaded is not read; once renamed, it is', async () => {
    const { sim, channel, inbox } = await simulator();
    const content = csv([ORDER_HEADER, orderRow('UP-1', 'EW-RED-1', '1')]);
    sim.files.drop('orders-upload.csv', content, 'uploading');

    const early = await inbox();
    expect(early.files).toEqual([]);
    expect(await hubOrder(channel, 'UP-1')).toBeNull();

    sim.files.drop('orders-upload.csv', content, 'complete');
    const later = await inbox();
    expect(later.files.map((file) => file.file)).toEqual(['orders-upload.csv']);
    expect(await hubOrder(channel, 'UP-1')).not.toBeNull();
  });

  it('with done markers, a file is read only once its .done marker exists', async () => {
    const { sim, channel, inbox } = await simulator({ config: { completion: 'done-marker' } });
    sim.files.drop('orders-marked.csv', csv([ORDER_HEADER, orderRow('MK-1', 'EW-BLU-2', '1')]), 'unmarked');
    expect((await inbox()).files).toEqual([]);
    expect(await hubOrder(channel, 'MK-1')).toBeNull();

    sim.files.markDone('orders-marked.csv');
    expect((await inbox()).files).toEqual([expect.objectContaining({ file: 'orders-marked.csv', outcome: 'APPLIED' })]);
    expect(await hubOrder(channel, 'MK-1')).not.toBeNull();
    expect(sim.files.files('inbound')).toEqual([]);
  });

  it('the same content dropped again is set aside, not applied twice', async () => {
    const { sim, inbox } = await simulator();
    await stocked(['EW-DUP-1'], 5);
    const counts = [{ sku: 'EW-DUP-1', quantity: 40 }];
    sim.dropStockCounts(counts, 'count-monday.csv');
    expect((await inbox()).files).toEqual([expect.objectContaining({ file: 'count-monday.csv', outcome: 'APPLIED', applied: 1 })]);
    // The warehouse moves 3 units by hand in the hub, then re-sends Monday's file by mistake.
    await hub.data(`mutation($input: AdjustStockInput!) { adjustStock(input: $input) { onHand } }`, { input: { sku: 'EW-DUP-1', locationId, delta: -3, reason: 'damaged' } });
    sim.files.drop('count-monday-again.csv', sim.files.read('processed', 'count-monday.csv'));
    const again = await inbox();
    expect(again.files).toEqual([expect.objectContaining({ file: 'count-monday-again.csv', outcome: 'DUPLICATE', applied: 0 })]);
    expect((await stockAt('EW-DUP-1')).onHand).toBe(37);
    expect(sim.files.files('processed/duplicates')).toEqual(['count-monday-again.csv']);
  });

  it('an 850 becomes a hub order with its PO number; a 997 and an 855 go back, and the partner\'s 997 settles them', async () => {
    const { sim, channel, ctx, inbox } = await simulator();
    sim.dropPurchaseOrders([{ poNumber: 'PO-77001', shipBy: '20261215', lines: [{ sku: 'EW-RED-1', quantity: 4, price: 12.5 }, { sku: 'EW-GRN-3', quantity: 1, price: 3 }] }]);

    const [batch] = await collect(erpWmsConnector.streams.orders.read(ctx, null));
    expect(batch.records[0]).toMatchObject({ ok: true, record: { channelOrderId: 'PO-77001', purchaseOrderNumber: 'PO-77001', currency: 'USD', promise: { latestShipAt: '2026-12-15T00:00:00.000Z' }, shippingAddress: { city: 'Columbus', countryCode: 'US' } } });

    const report = await inbox();
    expect(report.deadLetters).toEqual([]);
    expect(await hubOrder(channel, 'PO-77001')).toMatchObject({
      purchaseOrderNumber: 'PO-77001',
      promise: { latestShipAt: '2026-12-15T00:00:00.000Z' },
      lines: [{ sku: 'EW-RED-1', quantity: 4 }, { sku: 'EW-GRN-3', quantity: 1 }],
    });
    const [ack997] = sim.files.outboundX12('997');
    const segments997 = segmentsOf(ack997.interchange);
    expect(segments997).toEqual(expect.arrayContaining([['AK2', '850', '0001'], ['AK5', 'A'], ['AK9', 'A', '1', '1', '1']]));
    const [ack855] = sim.files.outboundX12('855');
    expect(segmentsOf(ack855.interchange)).toEqual(expect.arrayContaining([['BAK', '00', 'AC', 'PO-77001', expect.any(String)], ['ACK', 'IA', '4', 'EA']]));
    // Control numbers are unique across interchanges and groups, and persisted for the next run.
    expect(ack997.interchange.control).not.toBe(ack855.interchange.control);
    expect(ack997.interchange.groups[0].control).not.toBe(ack855.interchange.groups[0].control);
    const saved = (await new ConnectionState(sim.config.stateDir, channel).read()).controlNumbers;
    expect(saved.interchange).toBe(Math.max(Number(ack997.interchange.control), Number(ack855.interchange.control)));

    // A 997 is never acknowledged itself: the partner answers the 855 only.
    expect(sim.acknowledgeOutbound()).toHaveLength(1);
    await inbox();
    const sent = Object.values((await new ConnectionState(sim.config.stateDir, channel).read()).interchanges);
    expect(sent.map((entry) => [entry.transaction, entry.ack]).sort()).toEqual([['855', 'A'], ['997', null]]);
  });

  it('a malformed 850 segment gets a 997 with AK5 R and a dead letter; the other purchase order of the group is imported', async () => {
    const { sim, channel, inbox } = await simulator();
    sim.dropPurchaseOrders([
      { poNumber: 'PO-88001', lines: [{ sku: 'EW-BLU-2', quantity: 2, price: 7 }] },
      { poNumber: 'PO-88002', lines: [{ sku: 'EW-BLU-2', quantity: 2, price: 7 }], malformed: 'quantity' },
    ]);

    const report = await inbox();

    expect(report.deadLetters).toEqual([expect.objectContaining({ stream: 'ORDERS', channelId: 'PO-88002' })]);
    expect(report.deadLetters[0].reason).toMatch(/850 0002 \(PO PO-88002\): segment \d+ \(PO102\): quantity "TWO"/);
    expect(await hubOrder(channel, 'PO-88001')).not.toBeNull();
    expect(await hubOrder(channel, 'PO-88002')).toBeNull();
    const segments = segmentsOf(sim.files.outboundX12('997')[0].interchange);
    expect(segments).toEqual(expect.arrayContaining([['AK2', '850', '0002'], ['AK3', 'PO1', expect.any(String), '', '8'], ['AK4', '2', '', '6', 'TWO'], ['AK5', 'R', '5'], ['AK9', 'P', '2', '2', '1']]));
    expect(sim.files.outboundX12('855').flatMap((entry) => segmentsOf(entry.interchange)).filter((segment) => segment[0] === 'BAK').map((segment) => segment[3])).toEqual(['PO-88001']);
  });

  it('a broken envelope is rejected as a whole: 997 AK9 R, dead letter, nothing imported', async () => {
    const { sim, inbox } = await simulator();
    const name = sim.dropPurchaseOrders([{ poNumber: 'PO-99001', lines: [{ sku: 'EW-RED-1', quantity: 1, price: 1 }] }]);
    const text = sim.files.read('inbound', name).replace(/SE\*\d+\*/, 'SE*99*');
    sim.files.drop(name, text);
    const report = await inbox();
    expect(report.deadLetters).toEqual([expect.objectContaining({ stream: 'EDI', file: name, reason: expect.stringMatching(/SE01 \(99\) does not match/) })]);
    expect(segmentsOf(sim.files.outboundX12('997')[0].interchange)).toEqual(expect.arrayContaining([['AK9', 'R', '0', '0', '0', '3']]));
  });

  it('a shipment confirmation ships the hub shipment with its tracking; the 856 carries it, once per shipment', async () => {
    const { sim, ctx, inbox } = await simulator({ config: { outboundFormat: 'x12' } });
    await stocked(['EW-SHIP-1'], 20);
    const order = await placeOrder([{ sku: 'EW-SHIP-1', quantity: 3 }]);
    expect(order.shipments).toEqual([expect.objectContaining({ status: 'PENDING', lines: [expect.objectContaining({ sku: 'EW-SHIP-1', quantity: 3 })] })]);

    // The order goes to the WMS as an orders file; its confirmation quotes the exported order_ref.
    const exported = await exportOrders(ctx, [{ orderRef: order.id, email: 'ada@example.com', shippingAddress: { name: 'Ada', line1: '1 Rue de la Paix', city: 'Lyon', postalCode: '69001', countryCode: 'FR' }, lines: [{ sku: 'EW-SHIP-1', quantity: 3 }] }]);
    const [exportRow] = sim.files.outboundCsv('orders-').find((entry) => entry.file === exported.file)!.rows;
    expect(exportRow).toMatchObject({ order_ref: order.id, line_no: '1', sku: 'EW-SHIP-1', qty: '3', ship_name: 'Ada', city: 'Lyon', country: 'FR' });

    sim.dropShipmentConfirmations([
      { orderRef: exportRow.order_ref, sku: 'EW-SHIP-1', quantity: 3, carrier: 'UPS', trackingNumber: '1Z999AA10123456784' },
      { orderRef: order.id, sku: 'EW-SHIP-1', quantity: 'three', trackingNumber: '1Z999AA10123456785' },
    ]);
    const report = await inbox();

    expect(report.files[0]).toMatchObject({ kind: 'shipments', applied: 1, deadLettered: 1 });
    expect(report.deadLetters[0]).toMatchObject({ stream: 'FULFILLMENTS', row: 3, column: 'qty_shipped' });
    const shipment = await hub.data<{ shipment: { status: string; carrier: string; trackingNumber: string } }>(`query($id: ID!) { shipment(id: $id) { status carrier trackingNumber } }`, { id: order.shipments[0].id });
    expect(shipment.shipment).toEqual({ status: 'SHIPPED', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    expect((await stockAt('EW-SHIP-1')).onHand).toBe(17);

    const fulfillment = { channelOrderId: 'PO-12345', shipmentId: order.shipments[0].id, lines: [{ sku: 'EW-SHIP-1', quantity: 3 }], carrier: 'UPS', trackingNumber: '1Z999AA10123456784', shippedAt: new Date().toISOString() };
    await erpWmsConnector.writers.createFulfillment!(ctx, fulfillment);
    await erpWmsConnector.writers.createFulfillment!(ctx, fulfillment);
    const notices = sim.files.outboundX12('856');
    expect(notices).toHaveLength(1);
    const segments = segmentsOf(notices[0].interchange);
    expect(segments.filter((segment) => segment[0] === 'HL').map((segment) => segment[3])).toEqual(['S', 'O', 'I']);
    expect(segments).toEqual(expect.arrayContaining([['REF', 'CN', '1Z999AA10123456784'], ['PRF', 'PO-12345'], ['LIN', '', 'SK', 'EW-SHIP-1'], ['SN1', '', '3', 'EA']]));
    expect(sim.fulfillmentsOf('PO-12345')).toEqual([{ trackingNumber: '1Z999AA10123456784', carrier: 'UPS' }]);

    // Stock goes out as an 846 inventory advice on X12 connections.
    await erpWmsConnector.writers.setStock!(ctx, [{ sku: 'EW-SHIP-1', quantity: 16 }]);
    expect(segmentsOf(sim.files.outboundX12('846')[0].interchange)).toEqual(expect.arrayContaining([['LIN', '', 'SK', 'EW-SHIP-1'], ['QTY', '33', '16', 'EA']]));
    expect(sim.stockOf('EW-SHIP-1')).toBe(16);
  });

  it('stock counts are set in the hub by the WMS connection; a count below what is reserved is refused and reported, not applied', async () => {
    const { sim, channel, inbox } = await simulator();
    await stocked(['EW-CNT-1', 'EW-CNT-2'], 10);
    await placeOrder([{ sku: 'EW-CNT-2', quantity: 5 }]);
    expect(await stockAt('EW-CNT-2')).toMatchObject({ onHand: 10, reserved: 5 });

    const file = sim.dropStockCounts([{ sku: 'EW-CNT-1', quantity: 25 }, { sku: 'EW-CNT-2', quantity: 2 }, { sku: 'EW-CNT-1', warehouse: 'NOWHERE', quantity: 1 }]);
    const report = await inbox();

    expect(report.files[0]).toMatchObject({ file, kind: 'stock', applied: 1, deadLettered: 2 });
    expect(report.stockRefusals).toEqual([{ file, row: 3, sku: 'EW-CNT-2', locationId, warehouse: WAREHOUSE, count: 2, reserved: 5 }]);
    expect(report.deadLetters[0]).toMatchObject({ stream: 'STOCK', channelId: 'EW-CNT-2', row: 3, reason: expect.stringMatching(/below reserved .*count 2, reserved 5/) });
    expect(report.deadLetters[1]).toMatchObject({ row: 4, column: 'warehouse' });
    expect(await stockAt('EW-CNT-2')).toMatchObject({ onHand: 10, reserved: 5 });
    expect((await stockAt('EW-CNT-1')).onHand).toBe(25);
    const ledger = await hub.data<{ stockMovements: { edges: Array<{ node: { kind: string; actor: string; reason: string; reference: string } }> } }>(
      `query($sku: String!, $loc: ID!) { stockMovements(sku: $sku, locationId: $loc, first: 1) { edges { node { kind actor reason reference } } } }`,
      { sku: 'EW-CNT-1', loc: locationId },
    );
    expect(ledger.stockMovements.edges[0].node).toEqual({ kind: 'STOCK_TAKE', actor: `service:erp-wms:${channel}`, reason: `WMS stock count ${file} row 2`, reference: `${file}#2` });
  });

  it('reads a partner\'s own column names and delimiter, as the connection maps them', async () => {
    const { sim, inbox } = await simulator({ config: { csvDelimiter: ';', columns: { stockIn: { sku: 'Artikelnummer', quantity: 'Bestand', warehouse: 'Lager' } }, locations: { 'LAGER-7': locationId } } });
    await stocked(['EW-MAP-1'], 1);
    sim.files.drop('bestand.csv', 'Artikelnummer;Lager;Bestand\nEW-MAP-1;LAGER-7;12\nEW-MAP-1;LAGER-7;zwölf\n');
    const report = await inbox();
    expect(report.files[0]).toMatchObject({ kind: 'stock', applied: 1, deadLettered: 1 });
    expect(report.deadLetters[0].reason).toBe('bestand.csv row 3, column Bestand: "zwölf" is not a whole number');
    expect((await stockAt('EW-MAP-1')).onHand).toBe(12);
  });

  it('transport faults: a dropped connection is retried; permission denied parks the connection with CONFIG naming the folder', async () => {
    const { sim, channel, inbox } = await simulator();
    sim.files.drop('orders-flaky.csv', csv([ORDER_HEADER, orderRow('FL-1', 'EW-RED-1', '1')]));
    sim.faults.disconnectNext!();
    await inbox();
    expect(await hubOrder(channel, 'FL-1')).not.toBeNull();
    expect(sim.requests().some((request) => request.status === 0)).toBe(true);

    sim.faults.denyNext!(1);
    const error = await inbox().then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'CONFIG', message: expect.stringMatching(/denied access \(inbound\)/) });
  });

  it('runs as a channel connection of the runtime: credentials redacted, orders imported by its syncs', async () => {
    const { sim } = await simulator({ orders: 3, pageSize: 2 });
    const added = await hub.data<{ addChannelConnection: { id: string; kind: string; config: Record<string, unknown> } }>(
      `mutation($input: AddChannelConnectionInput!) { addChannelConnection(input: $input) { id kind config } }`,
      { input: { name: 'Lyon WMS', kind: 'erp-wms', channel: 'erp-wms-runtime', config: sim.config, syncIntervalSeconds: 3600, skus: sim.skus } },
    );
    expect(added.addChannelConnection).toMatchObject({ kind: 'erp-wms', config: { password: '[redacted]', host: '127.0.0.1', transport: 'sftp' } });
    const imported = await waitFor('the WMS orders in the hub', async () => {
      const { orders } = await hub.data<{ orders: { totalCount: number } }>(`query { orders(filter: { channel: ["erp-wms-runtime"] }, first: 1) { totalCount } }`);
      return orders.totalCount === 3 && orders.totalCount;
    }, 30_000);
    expect(imported).toBe(3);
    await hub.data(`mutation($id: ID!) { pauseChannelConnection(id: $id) { id } }`, { id: added.addChannelConnection.id });
  });

  it('logs in with an SSH key instead of a password, and refuses a server whose host key is not the pinned one', async () => {
    const { sim, ctx } = await simulator({ auth: 'key' });
    await expect(erpWmsConnector.check(ctx)).resolves.toMatchObject({ ok: true });
    const impostor = createConnectorContext({ connector: erpWmsConnector, config: { ...sim.config, hostKeySha256: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, channel: 'erp-wms-pinned' });
    await expect(erpWmsConnector.check(impostor)).rejects.toMatchObject({ kind: 'CONFIG', message: expect.stringMatching(/hostKeySha256/) });
  });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function segmentsOf(interchange: ReturnType<typeof readInterchange>): string[][] {
  return interchange.groups.flatMap((group) => group.transactions.flatMap((transaction) => transaction.segments.map((segment) => segment.elements)));
}
