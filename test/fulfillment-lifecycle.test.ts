// Fulfillment's part of the order lifecycle through the gateway on the real database: the shipment
// state machine (every refused move changes nothing), shipping through Inventory exactly once,
// syncing shipments with an allocation, cancelling an order's unshipped shipments, returns (RMA) with
// restock, and the resumable event log.
//
// Shipments here belong to orders that exist only as ids (fulfillment never checks them for these
// mutations): their stock is reserved directly with Inventory's allocateOrder, the way the orders
// subgraph does it, so these tests do not depend on how orders orchestrates.
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { CITIES, createItem, createLocation, orderInput, waitFor } from './support/fixtures';
import { countRoundTrips } from './support/round-trips';
import { startTestStack, type GqlResponse, type TestStack } from './support/stack';

let hub: TestStack;
let berlin: string;
let munich: string;

beforeAll(async () => {
  hub = await startTestStack();
  berlin = await createLocation(hub, CITIES.berlin);
  munich = await createLocation(hub, CITIES.munich);
});
afterAll(() => hub?.stop());

// The fulfillment connection changes when the subgraph is restarted (last describe).
const db = () => hub.stack.subgraphs.fulfillment.connection;
// Without the outbox: its events are moved into the log in the background, whatever the test does.
const shipmentDoc = (id: string) => db().collection('shipments').findOne({ _id: oid(id) }, { projection: { outbox: 0 } });
const returnDoc = (id: string) => db().collection('returns').findOne({ _id: oid(id) }, { projection: { outbox: 0 } });
/** Waits until every shipment and return of the order has its events in the log (relays run just after each change). */
const orderRelayed = (orderId: string) =>
  waitFor(`the events of order ${orderId} in the log`, async () => {
    const counts = await Promise.all(['shipments', 'returns'].map((name) => db().collection(name).countDocuments({ orderId, 'outbox.0': { $exists: true } })));
    return counts.every((count) => count === 0);
  });
/** Events of a shipment or return in the log, once its outbox is relayed (relays run just after each change). */
const eventCount = async (aggregateId: string) => {
  await waitFor(`the events of ${aggregateId} in the log`, async () => {
    const docs = await Promise.all(['shipments', 'returns'].map((name) => db().collection(name).findOne({ _id: oid(aggregateId) }, { projection: { outbox: 1 } })));
    return docs.every((doc) => !doc?.outbox?.length);
  });
  return db().collection('events').countDocuments({ aggregateId });
};
const newOrderId = () => randomBytes(12).toString('hex');
const tracking = () => `JJD${randomBytes(6).toString('hex').toUpperCase()}`;

const oid = (id: string) => new Types.ObjectId(id);

const SHIPMENT = `id status carrier service trackingNumber trackingUrl shippedAt deliveredAt note order { id } location { id } lines { sku quantity }`;
const RETURN = `id rmaNumber status reason note refundAmount refundCurrency order { id } lines { sku quantity receivedQuantity condition restockLocation { id } item { sku } }`;

const SYNC = `mutation($input: SyncOrderShipmentsInput!) { syncOrderShipments(input: $input) { ${SHIPMENT} } }`;
const CANCEL_ORDER = `mutation($orderId: ID!, $reason: String!) { cancelOrderShipments(orderId: $orderId, reason: $reason) { ${SHIPMENT} } }`;
const SHIP = `mutation($input: ShipShipmentInput!) { shipShipment(input: $input) { ${SHIPMENT} } }`;

type Status = 'PENDING' | 'PICKING' | 'PACKED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'EXCEPTION';

/** One mutation per target status. */
const MOVES: Record<Exclude<Status, 'PENDING'>, (id: string) => Promise<GqlResponse<any>>> = {
  PICKING: (id) => hub.gql(`mutation($id: ID!) { result: pickShipment(id: $id) { ${SHIPMENT} } }`, { id }),
  PACKED: (id) => hub.gql(`mutation($id: ID!) { result: packShipment(id: $id) { ${SHIPMENT} } }`, { id }),
  SHIPPED: (id) => hub.gql(`mutation($input: ShipShipmentInput!) { result: shipShipment(input: $input) { ${SHIPMENT} } }`, { input: { id, carrier: 'UPS', trackingNumber: tracking() } }),
  DELIVERED: (id) => hub.gql(`mutation($id: ID!) { result: deliverShipment(id: $id) { ${SHIPMENT} } }`, { id }),
  CANCELLED: (id) => hub.gql(`mutation($id: ID!) { result: cancelShipment(id: $id, reason: "customer changed mind") { ${SHIPMENT} } }`, { id }),
  EXCEPTION: (id) => hub.gql(`mutation($id: ID!) { result: flagShipmentException(id: $id, reason: "parcel damaged") { ${SHIPMENT} } }`, { id }),
};

async function move(id: string, to: Exclude<Status, 'PENDING'>) {
  const result = await MOVES[to](id);
  if (result.errors) throw new Error(`moving ${id} to ${to} failed: ${JSON.stringify(result.errors)}`);
  return result.data.result;
}

async function sync(orderId: string, lines: Array<{ sku: string; locationId: string; quantity: number }>) {
  return (await hub.data(SYNC, { input: { orderId, lines } })).syncOrderShipments as any[];
}

async function stockOf(sku: string) {
  const data = await hub.data(`query($sku: String!) { inventoryItem(sku: $sku) { onHand reserved } }`, { sku });
  return data.inventoryItem as { onHand: number; reserved: number };
}

/**
 * An order (by id only) with `quantity` units of a fresh SKU reserved at Berlin through Inventory, and
 * its shipment created by syncOrderShipments from that allocation: what the orders subgraph does.
 */
async function allocatedShipment(quantity = 2, onHand = 10) {
  const sku = await createItem(hub, [{ locationId: berlin, onHand }]);
  const orderId = newOrderId();
  const allocated = await hub.data(`mutation($input: AllocateOrderInput!) { allocateOrder(input: $input) { lines { sku locationId reserved shipped } } }`, {
    input: { orderId, lines: [{ sku, quantity }] },
  });
  const lines: Array<{ sku: string; locationId: string; quantity: number }> = allocated.allocateOrder.lines.map((line: any) => ({
    sku: line.sku,
    locationId: line.locationId,
    quantity: line.reserved + line.shipped,
  }));
  expect(lines).toEqual([{ sku, locationId: berlin, quantity }]);
  const [shipment] = await sync(orderId, lines);
  return { sku, orderId, shipment, lines };
}

/** A PENDING shipment of an order without any reservation (enough for everything but shipping). */
async function pendingShipment(quantity = 1) {
  const sku = await createItem(hub);
  const orderId = newOrderId();
  const [shipment] = await sync(orderId, [{ sku, locationId: berlin, quantity }]);
  return { sku, orderId, shipment };
}

async function shipmentIn(state: Status | 'EXCEPTION_AFTER_SHIPPING') {
  const paths: Record<typeof state, Array<Exclude<Status, 'PENDING'>>> = {
    PENDING: [],
    PICKING: ['PICKING'],
    PACKED: ['PICKING', 'PACKED'],
    SHIPPED: ['PICKING', 'PACKED', 'SHIPPED'],
    DELIVERED: ['PICKING', 'PACKED', 'SHIPPED', 'DELIVERED'],
    CANCELLED: ['CANCELLED'],
    EXCEPTION: ['EXCEPTION'],
    EXCEPTION_AFTER_SHIPPING: ['PICKING', 'PACKED', 'SHIPPED', 'EXCEPTION'],
  };
  const path = paths[state];
  const setup = path.includes('SHIPPED') ? await allocatedShipment() : await pendingShipment();
  for (const to of path) await move(setup.shipment.id, to);
  return setup;
}

describe('shipment state machine', () => {
  it('moves PENDING → PICKING → PACKED → SHIPPED → DELIVERED, stamping the times and recording each change', async () => {
    const { shipment, orderId, sku } = await allocatedShipment(2);
    expect(shipment).toMatchObject({ status: 'PENDING', order: { id: orderId }, location: { id: berlin }, lines: [{ sku, quantity: 2 }], shippedAt: null });
    expect((await move(shipment.id, 'PICKING')).status).toBe('PICKING');
    expect((await move(shipment.id, 'PACKED')).status).toBe('PACKED');
    const shipped = await move(shipment.id, 'SHIPPED');
    expect(shipped.status).toBe('SHIPPED');
    expect(Date.parse(shipped.shippedAt)).toBeGreaterThan(Date.now() - 60_000);
    const delivered = await move(shipment.id, 'DELIVERED');
    expect(delivered).toMatchObject({ status: 'DELIVERED', shippedAt: shipped.shippedAt });
    expect(Date.parse(delivered.deliveredAt)).toBeGreaterThanOrEqual(Date.parse(shipped.shippedAt));

    const page = await hub.data(`{ fulfillmentEvents(first: 1000) { events { type aggregateType aggregateId payload } } }`);
    const mine = page.fulfillmentEvents.events.filter((event: any) => event.aggregateId === shipment.id);
    expect(mine.map((event: any) => [event.type, event.payload.from ?? null, event.payload.to])).toEqual([
      ['fulfillment.shipment.created', null, 'PENDING'],
      ['fulfillment.shipment.status_changed', 'PENDING', 'PICKING'],
      ['fulfillment.shipment.status_changed', 'PICKING', 'PACKED'],
      ['fulfillment.shipment.status_changed', 'PACKED', 'SHIPPED'],
      ['fulfillment.shipment.status_changed', 'SHIPPED', 'DELIVERED'],
    ]);
    for (const event of mine) expect(event).toMatchObject({ aggregateType: 'Shipment', payload: { orderId, shipmentId: shipment.id, locationId: berlin } });
  });

  // Every move the table does not declare, from every state (the refused one changes nothing).
  const ALLOWED: Record<string, Status[]> = {
    PENDING: ['PICKING', 'CANCELLED', 'EXCEPTION'],
    PICKING: ['PACKED', 'CANCELLED', 'EXCEPTION'],
    PACKED: ['SHIPPED', 'CANCELLED', 'EXCEPTION'],
    SHIPPED: ['DELIVERED', 'EXCEPTION'],
    DELIVERED: [],
    CANCELLED: [],
    // Flagged before shipping: only cancelled (a replacement is synced); after shipping: only delivered.
    EXCEPTION: ['CANCELLED'],
    EXCEPTION_AFTER_SHIPPING: ['DELIVERED'],
  };
  it.each(Object.keys(ALLOWED))('refuses every undeclared move from %s with INVALID_TRANSITION, changing nothing', async (state) => {
    const { shipment, sku } = await shipmentIn(state as Status);
    const before = await shipmentDoc(shipment.id);
    const events = await eventCount(shipment.id);
    const stock = await stockOf(sku);
    const from = state === 'EXCEPTION_AFTER_SHIPPING' ? 'EXCEPTION' : state;
    const refused = (Object.keys(MOVES) as Array<Exclude<Status, 'PENDING'>>).filter((to) => !ALLOWED[state].includes(to));
    expect(refused.length).toBeGreaterThan(0);
    for (const to of refused) {
      const result = await MOVES[to](shipment.id);
      expect({ to, error: result.errors?.[0].extensions }).toEqual({ to, error: expect.objectContaining({ code: 'INVALID_TRANSITION', from, to }) });
      expect(result.data).toBeNull();
    }
    expect(await shipmentDoc(shipment.id)).toEqual(before);
    expect(await eventCount(shipment.id)).toBe(events);
    expect(await stockOf(sku)).toEqual(stock);
  });

  it('answers NOT_FOUND for unknown and malformed shipment ids', async () => {
    for (const id of ['65a000000000000000000000', 'nope']) {
      for (const to of Object.keys(MOVES) as Array<Exclude<Status, 'PENDING'>>) {
        const result = await MOVES[to](id);
        expect(result.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', id });
      }
    }
  });

  it('keeps the reason of a cancellation or an exception as the note', async () => {
    const cancelled = await move((await pendingShipment()).shipment.id, 'CANCELLED');
    expect(cancelled).toMatchObject({ status: 'CANCELLED', note: 'customer changed mind' });
    const flagged = await move((await pendingShipment()).shipment.id, 'EXCEPTION');
    expect(flagged).toMatchObject({ status: 'EXCEPTION', note: 'parcel damaged' });
    const blank = await hub.gql(`mutation($id: ID!) { cancelShipment(id: $id, reason: "  ") { id } }`, { id: (await pendingShipment()).shipment.id });
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  });

  it('resolves an exception: cancelled (and replaced by the next sync) before shipping, delivered after', async () => {
    const early = await shipmentIn('EXCEPTION');
    const cancelled = await move(early.shipment.id, 'CANCELLED');
    expect(cancelled).toMatchObject({ status: 'CANCELLED', note: 'customer changed mind' });
    const replacement = await sync(early.orderId, [{ sku: early.sku, locationId: berlin, quantity: 1 }]);
    expect(replacement.map((shipment) => [shipment.status, shipment.lines])).toEqual([['PENDING', [{ sku: early.sku, quantity: 1 }]]]);

    const lost = await shipmentIn('EXCEPTION_AFTER_SHIPPING');
    const delivered = await move(lost.shipment.id, 'DELIVERED');
    expect(delivered.status).toBe('DELIVERED');
    expect(delivered.shippedAt).not.toBeNull();
  });

  it('lets concurrent moves of one shipment through exactly once', async () => {
    const { shipment } = await pendingShipment();
    const results = await Promise.all(Array.from({ length: 6 }, () => MOVES.PICKING(shipment.id)));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => result.errors?.[0].extensions?.code === 'INVALID_TRANSITION')).toHaveLength(5);
    expect(await eventCount(shipment.id)).toBe(2);
  });
});

describe('shipShipment', () => {
  it('takes the units off hand in Inventory and records carrier, tracking number and the carrier\'s tracking URL', async () => {
    const { shipment, sku, orderId } = await allocatedShipment(3, 10);
    expect(await stockOf(sku)).toEqual({ onHand: 10, reserved: 3 });
    await move(shipment.id, 'PICKING');
    await move(shipment.id, 'PACKED');
    const shipped = (await hub.data(SHIP, { input: { id: shipment.id, carrier: ' dhl ', service: 'Express', trackingNumber: '0034 0434 1610 9404 2557' } })).shipShipment;
    expect(shipped).toMatchObject({
      status: 'SHIPPED',
      carrier: 'DHL',
      service: 'Express',
      trackingNumber: '00340434161094042557',
      trackingUrl: 'https://www.dhl.com/global-en/home/tracking.html?tracking-id=00340434161094042557',
    });
    expect(await stockOf(sku)).toEqual({ onHand: 7, reserved: 0 });
    const allocation = await hub.data(`query($id: ID!) { allocation(orderId: $id) { lines { sku locationId reserved shipped } } }`, { id: orderId });
    expect(allocation.allocation.lines).toEqual([{ sku, locationId: berlin, reserved: 0, shipped: 3 }]);

    const events = await hub.data(`query($types: [String!]) { fulfillmentEvents(first: 1000, types: $types) { events { aggregateId payload } } }`, { types: ['fulfillment.shipment.status_changed'] });
    const event = events.fulfillmentEvents.events.find((candidate: any) => candidate.aggregateId === shipment.id && candidate.payload.to === 'SHIPPED');
    expect(event.payload).toMatchObject({ orderId, shipmentId: shipment.id, locationId: berlin, from: 'PACKED', to: 'SHIPPED', carrier: 'DHL', trackingNumber: '00340434161094042557', trackingUrl: shipped.trackingUrl });
  });

  it.each([
    ['UPS', '1Z999AA10123456784', 'https://www.ups.com/track?tracknum=1Z999AA10123456784'],
    ['FEDEX', '449044304137821', 'https://www.fedex.com/fedextrack/?trknbr=449044304137821'],
    ['USPS', '9400111899223197428490', 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223197428490'],
    ['DPD', '01234567890123', 'https://tracking.dpd.de/status/en_US/parcel/01234567890123'],
    ['GLS', '123456789012', 'https://gls-group.com/GROUP/en/parcel-tracking?match=123456789012'],
    ['Royal Mail', 'AB123456789GB', 'https://www.royalmail.com/track-your-item#/tracking-results/AB123456789GB'],
    ['OTHER', 'LOCAL-COURIER-42', null],
  ])('builds the tracking URL of %s', async (carrier, trackingNumber, url) => {
    const { shipment } = await allocatedShipment(1);
    await move(shipment.id, 'PICKING');
    await move(shipment.id, 'PACKED');
    const shipped = (await hub.data(SHIP, { input: { id: shipment.id, carrier, trackingNumber } })).shipShipment;
    expect(shipped).toMatchObject({ carrier: carrier.toUpperCase().replace(' ', '_'), trackingNumber, trackingUrl: url });
  });

  it.each([
    ['an unknown carrier', { carrier: 'PIGEON', trackingNumber: '123456' }, 'input.carrier'],
    ['an empty carrier', { carrier: ' ', trackingNumber: '123456' }, 'input.carrier'],
    ['an empty tracking number', { carrier: 'DHL', trackingNumber: '' }, 'input.trackingNumber'],
    ['a tracking number with symbols', { carrier: 'DHL', trackingNumber: '12345<script>' }, 'input.trackingNumber'],
    ['a too short tracking number', { carrier: 'DHL', trackingNumber: '12' }, 'input.trackingNumber'],
  ])('refuses %s naming the field, leaving the shipment PACKED and the stock untouched', async (_case, input, field) => {
    const { shipment, sku } = await allocatedShipment(1);
    await move(shipment.id, 'PICKING');
    await move(shipment.id, 'PACKED');
    const before = await shipmentDoc(shipment.id);
    const result = await hub.gql(SHIP, { input: { id: shipment.id, ...input } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await shipmentDoc(shipment.id)).toEqual(before);
    expect(await stockOf(sku)).toEqual({ onHand: 10, reserved: 1 });
  });

  it('takes stock once when shipping is repeated or raced, and answers a repeat with the shipped shipment', async () => {
    const { shipment, sku } = await allocatedShipment(2);
    await move(shipment.id, 'PICKING');
    await move(shipment.id, 'PACKED');
    const input = { id: shipment.id, carrier: 'GLS', trackingNumber: tracking() };
    const results = await Promise.all(Array.from({ length: 4 }, () => hub.gql(SHIP, { input })));
    for (const result of results) expect(result.data?.shipShipment).toMatchObject({ status: 'SHIPPED', trackingNumber: input.trackingNumber });
    expect(await stockOf(sku)).toEqual({ onHand: 8, reserved: 0 });
    expect(await eventCount(shipment.id)).toBe(4); // created, picking, packed, shipped

    const other = await hub.gql(SHIP, { input: { ...input, trackingNumber: tracking() } });
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'SHIPPED', to: 'SHIPPED' });
    expect(await stockOf(sku)).toEqual({ onHand: 8, reserved: 0 });
  });

  it('finishes a shipment whose stock was committed before a crash without taking it twice', async () => {
    const { shipment, sku, orderId } = await allocatedShipment(2);
    await move(shipment.id, 'PICKING');
    await move(shipment.id, 'PACKED');
    // What a crash right after Inventory's commit leaves: stock taken, shipment still PACKED.
    await hub.data(`mutation($input: CommitShipmentInput!) { commitShipment(input: $input) { orderId } }`, {
      input: { orderId, shipmentId: shipment.id, locationId: berlin, lines: [{ sku, quantity: 2 }] },
    });
    expect(await stockOf(sku)).toEqual({ onHand: 8, reserved: 0 });
    expect((await shipmentDoc(shipment.id))?.status).toBe('PACKED');
    const shipped = (await hub.data(SHIP, { input: { id: shipment.id, carrier: 'DPD', trackingNumber: tracking() } })).shipShipment;
    expect(shipped.status).toBe('SHIPPED');
    expect(await stockOf(sku)).toEqual({ onHand: 8, reserved: 0 });
  });
});

describe('syncOrderShipments', () => {
  it('creates one PENDING shipment per location for the allocation, and nothing on a repeat or a race', async () => {
    const a = await createItem(hub);
    const b = await createItem(hub);
    const orderId = newOrderId();
    const lines = [
      { sku: a, locationId: berlin, quantity: 2 },
      { sku: b, locationId: berlin, quantity: 1 },
      { sku: a, locationId: munich, quantity: 1 },
    ];
    const first = await sync(orderId, lines);
    expect(first.map((shipment) => [shipment.status, shipment.location.id, shipment.lines])).toEqual([
      ['PENDING', berlin, [{ sku: a, quantity: 2 }, { sku: b, quantity: 1 }]],
      ['PENDING', munich, [{ sku: a, quantity: 1 }]],
    ]);
    const repeats = await Promise.all(Array.from({ length: 4 }, () => sync(orderId, lines)));
    for (const repeat of [...repeats, await sync(orderId, lines)]) expect(repeat.map((shipment) => shipment.id)).toEqual(first.map((shipment) => shipment.id));
    expect(await db().collection('shipments').countDocuments({ orderId })).toBe(2);

    await orderRelayed(orderId);
    const created = await hub.data(`query($types: [String!]) { fulfillmentEvents(first: 1000, types: $types) { events { aggregateId payload } } }`, { types: ['fulfillment.shipment.created'] });
    const mine = created.fulfillmentEvents.events.filter((event: any) => event.payload.orderId === orderId);
    expect(mine.map((event: any) => event.aggregateId)).toEqual(first.map((shipment) => shipment.id));
  });

  it('adds only the difference when the allocation grows, and never reduces', async () => {
    const sku = await createItem(hub);
    const orderId = newOrderId();
    await sync(orderId, [{ sku, locationId: berlin, quantity: 1 }]);
    const grown = await sync(orderId, [{ sku, locationId: berlin, quantity: 3 }]);
    expect(grown.map((shipment) => shipment.lines)).toEqual([[{ sku, quantity: 1 }], [{ sku, quantity: 2 }]]);
    const shrunk = await sync(orderId, [{ sku, locationId: berlin, quantity: 0 }]);
    expect(shrunk.map((shipment) => shipment.id)).toEqual(grown.map((shipment) => shipment.id));
    expect(shrunk.every((shipment) => shipment.status === 'PENDING')).toBe(true);
  });

  it('replaces a cancelled shipment, and counts shipped ones as covering their units', async () => {
    const { shipment, orderId, sku, lines } = await allocatedShipment(2);
    await move(shipment.id, 'CANCELLED');
    const replaced = await sync(orderId, lines);
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).toMatchObject({ status: 'PENDING', lines: [{ sku, quantity: 2 }] });
    expect(replaced[0].id).not.toBe(shipment.id);

    for (const to of ['PICKING', 'PACKED', 'SHIPPED'] as const) await move(replaced[0].id, to);
    const allocation = await hub.data(`query($id: ID!) { allocation(orderId: $id) { lines { sku locationId reserved shipped } } }`, { id: orderId });
    const allocated = allocation.allocation.lines.map((line: any) => ({ sku: line.sku, locationId: line.locationId, quantity: line.reserved + line.shipped }));
    const after = await sync(orderId, allocated);
    expect(after.map((s) => [s.id, s.status])).toEqual([[replaced[0].id, 'SHIPPED']]);
  });

  it.each([
    ['a negative quantity', [{ sku: 'X', locationId: 'L', quantity: -1 }], 'input.lines[0].quantity'],
    ['an empty SKU', [{ sku: ' ', locationId: 'L', quantity: 1 }], 'input.lines[0].sku'],
    ['an empty location', [{ sku: 'X', locationId: '', quantity: 1 }], 'input.lines[0].locationId'],
    ['the same SKU and location twice', [{ sku: 'X', locationId: 'L', quantity: 1 }, { sku: 'X', locationId: 'L', quantity: 2 }], 'input.lines[1].sku'],
  ])('refuses %s naming the field and creates nothing', async (_case, lines, field) => {
    const orderId = newOrderId();
    const result = await hub.gql(SYNC, { input: { orderId, lines } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await db().collection('shipments').countDocuments({ orderId })).toBe(0);
  });
});

/** One more PENDING shipment of the order (a fresh SKU synced at the location). */
async function addShipment(orderId: string, locationId: string) {
  const sku = `X-${randomBytes(4).toString('hex')}`;
  const shipments = await sync(orderId, [{ sku, locationId, quantity: 1 }]);
  return shipments.find((shipment) => shipment.lines[0].sku === sku);
}

describe('cancelOrderShipments', () => {
  it('cancels every unshipped shipment of the order, leaves shipped ones alone, and is idempotent', async () => {
    const { shipment: shipped, orderId } = await allocatedShipment(1);
    for (const to of ['PICKING', 'PACKED', 'SHIPPED'] as const) await move(shipped.id, to);
    // Four more shipments of the same order, one in each cancellable state.
    const pending = await addShipment(orderId, berlin);
    const picking = await addShipment(orderId, munich);
    await move(picking.id, 'PICKING');
    const packed = await addShipment(orderId, berlin);
    await move(packed.id, 'PICKING');
    await move(packed.id, 'PACKED');
    const flagged = await addShipment(orderId, munich);
    await move(flagged.id, 'EXCEPTION');

    const cancelled = (await hub.data(CANCEL_ORDER, { orderId, reason: 'order cancelled' })).cancelOrderShipments;
    expect(cancelled.map((s: any) => s.id).sort()).toEqual([pending.id, picking.id, packed.id, flagged.id].sort());
    for (const shipment of cancelled) expect(shipment).toMatchObject({ status: 'CANCELLED', note: 'order cancelled' });
    expect((await shipmentDoc(shipped.id))?.status).toBe('SHIPPED');

    await orderRelayed(orderId);
    const events = await db().collection('events').countDocuments({ 'payload.orderId': orderId });
    const repeat = (await hub.data(CANCEL_ORDER, { orderId, reason: 'again' })).cancelOrderShipments;
    expect(repeat).toEqual(cancelled);
    await orderRelayed(orderId);
    expect(await db().collection('events').countDocuments({ 'payload.orderId': orderId })).toBe(events);
  });

  it('leaves an exception that had shipped alone (its units are gone)', async () => {
    const { shipment, orderId } = await shipmentIn('EXCEPTION_AFTER_SHIPPING');
    expect((await hub.data(CANCEL_ORDER, { orderId, reason: 'too late' })).cancelOrderShipments).toEqual([]);
    expect((await shipmentDoc(shipment.id))?.status).toBe('EXCEPTION');
  });

  it('answers an empty list for an order without shipments', async () => {
    expect((await hub.data(CANCEL_ORDER, { orderId: newOrderId(), reason: 'nothing' })).cancelOrderShipments).toEqual([]);
  });
});

const REQUEST = `mutation($input: RequestReturnInput!) { requestReturn(input: $input) { ${RETURN} } }`;
const RECEIVE = `mutation($input: ReceiveReturnInput!) { receiveReturn(input: $input) { ${RETURN} } }`;
const RETURN_MOVES: Record<'APPROVED' | 'REJECTED' | 'RECEIVED' | 'REFUNDED', (id: string, sku?: string) => Promise<GqlResponse<any>>> = {
  APPROVED: (id: string) => hub.gql(`mutation($id: ID!) { result: approveReturn(id: $id) { ${RETURN} } }`, { id }),
  REJECTED: (id: string) => hub.gql(`mutation($id: ID!) { result: rejectReturn(id: $id, reason: "outside the return window") { ${RETURN} } }`, { id }),
  // A damaged receipt of one unit of `sku` (no stock change, no peer call).
  RECEIVED: (id: string, sku = 'SKU-NONE') => hub.gql(`mutation($input: ReceiveReturnInput!) { result: receiveReturn(input: $input) { ${RETURN} } }`, { input: { id, lines: [{ sku, quantity: 1, condition: 'DAMAGED' }] } }),
  REFUNDED: (id: string) => hub.gql(`mutation($id: ID!) { result: refundReturn(id: $id) { ${RETURN} } }`, { id }),
};

/** An order (by id) with `quantity` units of a fresh SKU shipped from Berlin. */
async function shippedOrder(quantity = 3) {
  const setup = await allocatedShipment(quantity, 10);
  for (const to of ['PICKING', 'PACKED', 'SHIPPED'] as const) await move(setup.shipment.id, to);
  return setup;
}

async function requestReturn(orderId: string, lines: Array<{ sku: string; quantity: number }>, extra: Record<string, unknown> = {}) {
  const result = await hub.gql(REQUEST, { input: { orderId, lines, reason: 'does not fit', ...extra } });
  if (result.errors) throw new Error(`requestReturn failed: ${JSON.stringify(result.errors)}`);
  return result.data.requestReturn;
}

describe('returns', () => {
  it('opens a return only for shipped units not already in a non-rejected return', async () => {
    const { orderId, sku } = await shippedOrder(3);
    const pendingOnly = await pendingShipment(2);

    const cases: Array<[string, Array<{ sku: string; quantity: number }>]> = [
      [orderId, [{ sku, quantity: 4 }]],
      [orderId, [{ sku: 'NOT-ON-ORDER', quantity: 1 }]],
      [pendingOnly.orderId, [{ sku: pendingOnly.sku, quantity: 1 }]],
      [newOrderId(), [{ sku, quantity: 1 }]],
    ];
    for (const [order, lines] of cases) {
      const refused = await hub.gql(REQUEST, { input: { orderId: order, lines, reason: 'x' } });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' });
    }

    const first = await requestReturn(orderId, [{ sku, quantity: 2 }]);
    expect(first).toMatchObject({ status: 'REQUESTED', reason: 'does not fit', order: { id: orderId }, lines: [{ sku, quantity: 2, receivedQuantity: 0, condition: null, restockLocation: null, item: { sku } }] });
    expect(first.rmaNumber).toMatch(/^RMA-\d{6}$/);
    const tooMany = await hub.gql(REQUEST, { input: { orderId, lines: [{ sku, quantity: 2 }], reason: 'x' } });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' });

    // A rejected return gives its units back.
    await RETURN_MOVES.REJECTED(first.id);
    const second = await requestReturn(orderId, [{ sku, quantity: 3 }]);
    expect(Number(second.rmaNumber.slice(4))).toBeGreaterThan(Number(first.rmaNumber.slice(4)));
    expect(await db().collection('returns').countDocuments({ orderId })).toBe(2);
  });

  it('is idempotent on idempotencyKey, also when requests race, and numbers RMAs without gaps or repeats', async () => {
    const { orderId, sku } = await shippedOrder(3);
    const key = `rma-${randomBytes(4).toString('hex')}`;
    const results = await Promise.all(Array.from({ length: 5 }, () => requestReturn(orderId, [{ sku, quantity: 3 }], { idempotencyKey: key })));
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(await db().collection('returns').countDocuments({ orderId })).toBe(1);

    const other = await shippedOrder(5);
    const many = await Promise.all(Array.from({ length: 5 }, () => requestReturn(other.orderId, [{ sku: other.sku, quantity: 1 }])));
    const numbers = many.map((result) => Number(result.rmaNumber.slice(4))).sort((x, y) => x - y);
    expect(numbers).toEqual(numbers.map((_n, i) => numbers[0] + i));
  });

  it('goes REQUESTED → APPROVED → RECEIVED, restocking once even when the receipt is retried', async () => {
    const { orderId, sku } = await shippedOrder(3);
    const damagedSku = (await shippedOrderOnSameOrder(orderId)).sku;
    expect(await stockOf(sku)).toEqual({ onHand: 7, reserved: 0 });
    const requested = await requestReturn(orderId, [{ sku, quantity: 2 }, { sku: damagedSku, quantity: 1 }]);
    const approved = (await RETURN_MOVES.APPROVED(requested.id)).data.result;
    expect(approved.status).toBe('APPROVED');

    const input = {
      id: requested.id,
      lines: [
        { sku, quantity: 2, condition: 'RESTOCK', locationId: munich },
        { sku: damagedSku, quantity: 1, condition: 'DAMAGED' },
      ],
    };
    const results = await Promise.all(Array.from({ length: 3 }, () => hub.gql(RECEIVE, { input })));
    const accepted = results.filter((result) => !result.errors);
    expect(accepted).toHaveLength(1);
    for (const result of results.filter((r) => r.errors)) expect(result.errors?.[0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'RECEIVED', to: 'RECEIVED' });
    expect(accepted[0].data.receiveReturn).toMatchObject({
      status: 'RECEIVED',
      lines: [
        { sku, quantity: 2, receivedQuantity: 2, condition: 'RESTOCK', restockLocation: { id: munich } },
        { sku: damagedSku, quantity: 1, receivedQuantity: 1, condition: 'DAMAGED', restockLocation: null },
      ],
    });
    const restocked = await hub.data(`query($sku: String!) { inventoryItem(sku: $sku) { onHand stock { location { id } onHand } } }`, { sku });
    expect(restocked.inventoryItem.onHand).toBe(9);
    expect(restocked.inventoryItem.stock.find((level: any) => level.location.id === munich).onHand).toBe(2);
    // Damaged units are written off: no stock change.
    expect(await stockOf(damagedSku)).toEqual({ onHand: 9, reserved: 0 });

    // A retry after the return is RECEIVED is refused and restocks nothing.
    const retry = await hub.gql(RECEIVE, { input });
    expect(retry.errors?.[0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'RECEIVED', to: 'RECEIVED' });
    expect((await stockOf(sku)).onHand).toBe(9);

    const types = (await hub.data(`{ fulfillmentEvents(first: 1000) { events { type aggregateType aggregateId payload } } }`)).fulfillmentEvents.events.filter(
      (event: any) => event.aggregateId === requested.id,
    );
    expect(types.map((event: any) => event.type)).toEqual(['fulfillment.return.requested', 'fulfillment.return.approved', 'fulfillment.return.received']);
    for (const event of types) expect(event).toMatchObject({ aggregateType: 'Return', payload: { orderId, returnId: requested.id, rmaNumber: requested.rmaNumber } });
  });

  it('restocks once when a receipt interrupted after Inventory\'s restock is retried', async () => {
    const { orderId, sku } = await shippedOrder(2);
    const requested = await requestReturn(orderId, [{ sku, quantity: 2 }]);
    await RETURN_MOVES.APPROVED(requested.id);
    // What a crash right after Inventory's restock leaves: units back on hand, return still APPROVED.
    await hub.data(`mutation($input: RestockInput!) { restock(input: $input) { onHand } }`, {
      input: { sku, locationId: berlin, quantity: 2, reference: `${requested.id}:${sku}`, reason: 'return' },
    });
    expect((await stockOf(sku)).onHand).toBe(10);
    const received = (await hub.data(RECEIVE, { input: { id: requested.id, lines: [{ sku, quantity: 2, condition: 'RESTOCK', locationId: berlin }] } })).receiveReturn;
    expect(received.status).toBe('RECEIVED');
    expect((await stockOf(sku)).onHand).toBe(10);
  });

  it.each([
    ['RESTOCK without a location', (sku: string) => [{ sku, quantity: 1, condition: 'RESTOCK' }], 'BAD_USER_INPUT', 'input.lines[0].locationId'],
    ['a SKU that is not on the return', () => [{ sku: 'OTHER', quantity: 1, condition: 'DAMAGED' }], 'BAD_USER_INPUT', 'input.lines[0].sku'],
    ['more units than were returned', (sku: string) => [{ sku, quantity: 3, condition: 'DAMAGED' }], 'BAD_USER_INPUT', 'input.lines[0].quantity'],
    ['no lines', () => [], 'BAD_USER_INPUT', 'input.lines'],
    ['an unknown location', (sku: string) => [{ sku, quantity: 1, condition: 'RESTOCK', locationId: '65a000000000000000000000' }], 'NOT_FOUND', 'input.lines[0].locationId'],
    ['a malformed location', (sku: string) => [{ sku, quantity: 1, condition: 'RESTOCK', locationId: 'nope' }], 'NOT_FOUND', 'input.lines[0].locationId'],
  ])('refuses a receipt with %s, leaving the return APPROVED and the stock untouched', async (_case, lines, code, field) => {
    const { orderId, sku } = await shippedOrder(2);
    const requested = await requestReturn(orderId, [{ sku, quantity: 2 }]);
    await RETURN_MOVES.APPROVED(requested.id);
    const before = await returnDoc(requested.id);
    const result = await hub.gql(RECEIVE, { input: { id: requested.id, lines: lines(sku) } });
    expect(result.errors?.[0].extensions).toMatchObject({ code, field });
    expect(await returnDoc(requested.id)).toEqual(before);
    expect(await stockOf(sku)).toEqual({ onHand: 8, reserved: 0 });
  });

  const RETURN_ALLOWED: Record<string, string[]> = {
    REQUESTED: ['APPROVED', 'REJECTED'],
    APPROVED: ['RECEIVED'],
    REJECTED: [],
    RECEIVED: ['REFUNDED'],
  };
  it.each(Object.keys(RETURN_ALLOWED))('refuses every undeclared move of a %s return with INVALID_TRANSITION, changing nothing', async (state) => {
    const { orderId, sku } = await shippedOrder(2);
    const requested = await requestReturn(orderId, [{ sku, quantity: 1 }]);
    if (state === 'REJECTED') await RETURN_MOVES.REJECTED(requested.id);
    if (state === 'APPROVED' || state === 'RECEIVED') await RETURN_MOVES.APPROVED(requested.id);
    if (state === 'RECEIVED') expect((await RETURN_MOVES.RECEIVED(requested.id, sku)).errors).toBeUndefined();
    const before = await returnDoc(requested.id);
    const events = await eventCount(requested.id);
    for (const to of (Object.keys(RETURN_MOVES) as Array<keyof typeof RETURN_MOVES>).filter((target) => !RETURN_ALLOWED[state].includes(target))) {
      const result = await RETURN_MOVES[to](requested.id, sku);
      expect({ to, error: result.errors?.[0].extensions }).toEqual({ to, error: expect.objectContaining({ code: 'INVALID_TRANSITION', from: state, to }) });
    }
    expect(await returnDoc(requested.id)).toEqual(before);
    expect(await eventCount(requested.id)).toBe(events);
  });

  it('keeps the reason of a rejection as the note', async () => {
    const { orderId, sku } = await shippedOrder(1);
    const requested = await requestReturn(orderId, [{ sku, quantity: 1 }]);
    const rejected = (await RETURN_MOVES.REJECTED(requested.id)).data.result;
    expect(rejected).toMatchObject({ status: 'REJECTED', note: 'outside the return window' });
  });

  it('finds returns by id, by RMA number, through Order.returns (oldest first) and as federated entities', async () => {
    const { orderId, sku } = await shippedOrder(3);
    const one = await requestReturn(orderId, [{ sku, quantity: 1 }]);
    const two = await requestReturn(orderId, [{ sku, quantity: 1 }]);
    const found = await hub.data(`query($id: ID!, $rma: String!) { a: return(id: $id) { id rmaNumber } b: returnByRma(rmaNumber: $rma) { id } c: return(id: "nope") { id } d: returnByRma(rmaNumber: "RMA-999999") { id } }`, {
      id: one.id,
      rma: two.rmaNumber,
    });
    expect(found).toEqual({ a: { id: one.id, rmaNumber: one.rmaNumber }, b: { id: two.id }, c: null, d: null });

    const entities = await fetch(hub.subgraphs.fulfillment.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await hub.signedHeaders()) },
      body: JSON.stringify({
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { returns { id } } ... on Return { id status } } }`,
        variables: { r: [{ __typename: 'Order', id: orderId }, { __typename: 'Return', id: two.id }, { __typename: 'Return', id: '65a000000000000000000000' }] },
      }),
    }).then((response) => response.json() as Promise<any>);
    expect(entities.data._entities).toEqual([{ returns: [{ id: one.id }, { id: two.id }] }, { id: two.id, status: 'REQUESTED' }, null]);

    // Order.returns of many orders is one batched round-trip, however many orders.
    const other = await shippedOrder(1);
    await requestReturn(other.orderId, [{ sku: other.sku, quantity: 1 }]);
    // Counted on the returns collection only: the orders subgraph polls fulfillment's event log in the background.
    const finds = countRoundTrips(db().getClient(), (collection) => collection === 'returns');
    const many = await fetch(hub.subgraphs.fulfillment.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await hub.signedHeaders()) },
      body: JSON.stringify({
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { returns { rmaNumber } } } }`,
        variables: { r: [orderId, other.orderId, newOrderId(), newOrderId()].map((id) => ({ __typename: 'Order', id })) },
      }),
    }).then((response) => response.json() as Promise<any>);
    expect(many.data._entities.map((entity: any) => entity.returns.length)).toEqual([2, 1, 0, 0]);
    expect(finds.count()).toBe(1);
  });

  it('refunds a received return through the order (placed, allocated, paid, shipped)', async () => {
    const location = await createLocation(hub, CITIES.berlin);
    const sku = await createItem(hub, [{ locationId: location, onHand: 5 }]);
    const placed = await hub.data(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id totals { total { amount } } } }`, {
      input: orderInput({ lines: [{ sku, quantity: 2, unitPrice: 1500, tax: 570 }], shippingPrice: 400 }),
    });
    const orderId = placed.placeOrder.id;
    const total = placed.placeOrder.totals.total.amount;
    // Whether or not orders orchestrates allocation itself, the order's shipments end up covering it.
    let allocation = (await hub.data(`query($id: ID!) { allocation(orderId: $id) { lines { sku locationId reserved shipped } } }`, { id: orderId })).allocation;
    if (!allocation) {
      allocation = (await hub.data(`mutation($input: AllocateOrderInput!) { allocateOrder(input: $input) { lines { sku locationId reserved shipped } } }`, { input: { orderId, lines: [{ sku, quantity: 2 }] } }))
        .allocateOrder;
    }
    const shipments = await sync(orderId, allocation.lines.map((line: any) => ({ sku: line.sku, locationId: line.locationId, quantity: line.reserved + line.shipped })));
    expect(shipments).toHaveLength(1);
    await hub.data(`mutation($input: PaymentInput!) { authorizePayment(input: $input) { id } }`, { input: { orderId, amount: total, reference: 'auth' } });
    await hub.data(`mutation($input: PaymentInput!) { capturePayment(input: $input) { id } }`, { input: { orderId, amount: total, reference: 'capture' } });
    for (const to of ['PICKING', 'PACKED', 'SHIPPED'] as const) await move(shipments[0].id, to);

    const requested = await requestReturn(orderId, [{ sku, quantity: 1 }]);
    await RETURN_MOVES.APPROVED(requested.id);
    const early = await RETURN_MOVES.REFUNDED(requested.id);
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'APPROVED', to: 'REFUNDED' });
    await hub.data(RECEIVE, { input: { id: requested.id, lines: [{ sku, quantity: 1, condition: 'RESTOCK', locationId: location }] } });
    const refunded = (await hub.data(`mutation($id: ID!) { refundReturn(id: $id, includeShipping: false) { ${RETURN} } }`, { id: requested.id })).refundReturn;
    expect(refunded).toMatchObject({ status: 'REFUNDED', refundAmount: 1500 + 285, refundCurrency: 'EUR' });
    const order = await hub.data(`query($id: ID!) { order(id: $id) { amountRefunded { amount } refunds { returnId amount { amount } } returns { id status refundAmount } } }`, { id: orderId });
    expect(order.order).toEqual({ amountRefunded: { amount: 1785 }, refunds: [{ returnId: requested.id, amount: { amount: 1785 } }], returns: [{ id: requested.id, status: 'REFUNDED', refundAmount: 1785 }] });

    const again = await RETURN_MOVES.REFUNDED(requested.id);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'REFUNDED', to: 'REFUNDED' });
    const events = await hub.data(`query($types: [String!]) { fulfillmentEvents(types: $types, first: 1000) { events { aggregateId payload } } }`, { types: ['fulfillment.return.refunded'] });
    expect(events.fulfillmentEvents.events.filter((event: any) => event.aggregateId === requested.id).map((event: any) => event.payload)).toEqual([
      expect.objectContaining({ orderId, returnId: requested.id, amount: 1785, currency: 'EUR' }),
    ]);
  });
});

/** Adds a second shipped SKU to an existing order id (another allocation line, another shipment). */
async function shippedOrderOnSameOrder(orderId: string) {
  const sku = await createItem(hub, [{ locationId: berlin, onHand: 10 }]);
  const allocated = await hub.data(`mutation($input: AllocateOrderInput!) { allocateOrder(input: $input) { lines { sku locationId reserved shipped } } }`, {
    input: { orderId, lines: [{ sku, quantity: 1 }] },
  });
  const lines = allocated.allocateOrder.lines.map((line: any) => ({ sku: line.sku, locationId: line.locationId, quantity: line.reserved + line.shipped }));
  const shipment = (await sync(orderId, lines)).find((candidate) => candidate.status === 'PENDING');
  for (const to of ['PICKING', 'PACKED', 'SHIPPED'] as const) await move(shipment.id, to);
  return { sku };
}

describe('event log', () => {
  it('pages resumably from any cursor, filters by type, and empties the outboxes', async () => {
    const { shipment } = await pendingShipment();
    await move(shipment.id, 'PICKING');
    await move(shipment.id, 'CANCELLED');
    const all = (await hub.data(`{ fulfillmentEvents(first: 1000) { events { cursor type aggregateId payload } cursor hasMore } }`)).fulfillmentEvents;
    expect(all.hasMore).toBe(false);
    expect(all.events.length).toBeGreaterThan(5);
    for (const event of all.events) expect(typeof event.payload.orderId).toBe('string');

    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await hub.data(`query($after: String) { fulfillmentEvents(after: $after, first: 3) { events { cursor } cursor hasMore } }`, { after })).fulfillmentEvents;
      paged.push(...page.events.map((event: any) => event.cursor));
      if (page.events.length) expect(page.cursor).toBe(page.events[page.events.length - 1].cursor);
      if (!page.hasMore) break;
      after = page.cursor;
    }
    expect(paged).toEqual(all.events.map((event: any) => event.cursor));

    for (const index of [0, 3, all.events.length - 2]) {
      const rest = (await hub.data(`query($after: String) { fulfillmentEvents(after: $after, first: 1000) { events { cursor } } }`, { after: all.events[index].cursor })).fulfillmentEvents;
      expect(rest.events.map((event: any) => event.cursor)).toEqual(all.events.slice(index + 1).map((event: any) => event.cursor));
    }
    const end = (await hub.data(`query($after: String) { fulfillmentEvents(after: $after) { events { cursor } cursor hasMore } }`, { after: all.cursor })).fulfillmentEvents;
    expect(end).toEqual({ events: [], cursor: all.cursor, hasMore: false });

    const cancels = (await hub.data(`{ fulfillmentEvents(first: 1000, types: ["fulfillment.shipment.status_changed"]) { events { type payload } } }`)).fulfillmentEvents.events;
    expect(cancels.every((event: any) => event.type === 'fulfillment.shipment.status_changed')).toBe(true);
    expect(cancels.filter((event: any) => event.payload.shipmentId === shipment.id).map((event: any) => event.payload.to)).toEqual(['PICKING', 'CANCELLED']);

    const bad = await hub.gql(`{ fulfillmentEvents(after: "not-a-cursor") { cursor } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(await db().collection('shipments').countDocuments({ 'outbox.0': { $exists: true } })).toBe(0);
    expect(await db().collection('returns').countDocuments({ 'outbox.0': { $exists: true } })).toBe(0);
  });

  it('relays, once, an event a crash left in an outbox when the subgraph starts again', async () => {
    const { shipment, orderId } = await pendingShipment();
    const event = {
      id: `crash-${randomBytes(6).toString('hex')}`,
      type: 'fulfillment.shipment.status_changed',
      aggregateType: 'Shipment',
      aggregateId: shipment.id,
      payload: { orderId, shipmentId: shipment.id, locationId: berlin, from: 'PENDING', to: 'PICKING' },
      actor: 'test',
      at: new Date(),
    };
    // What a crash between the state change and the relay leaves behind.
    await db().collection('shipments').updateOne({ _id: oid(shipment.id) }, { $set: { status: 'PICKING' }, $push: { outbox: event } } as any);
    await hub.stack.subgraphs.fulfillment.stop();
    await hub.stack.restartSubgraph('fulfillment');
    // The restart's sweep relays it before the subgraph answers; a failure says what the log and the outbox hold.
    const stored = async () => ({ copies: await db().collection('events').countDocuments({ _id: event.id } as any), outbox: (await db().collection('shipments').findOne({ _id: oid(shipment.id) }))?.outbox?.length });
    await waitFor('the relayed event', async () => (await stored()).copies === 1, 60_000).catch(async (error) => {
      throw new Error(`${error.message}: ${JSON.stringify(await stored())}`);
    });
    expect((await db().collection('shipments').findOne({ _id: oid(shipment.id) }))?.outbox).toEqual([]);
    const page = (await hub.data(`{ fulfillmentEvents(first: 1000) { events { type aggregateId payload } } }`)).fulfillmentEvents.events;
    expect(page.filter((e: any) => e.aggregateId === shipment.id).map((e: any) => e.payload.to)).toEqual(['PENDING', 'PICKING']);

    // And the subgraph carries on: the next change gets the next position in the log.
    await move(shipment.id, 'PACKED');
    const after = (await hub.data(`{ fulfillmentEvents(first: 1000) { events { aggregateId payload } } }`)).fulfillmentEvents.events;
    expect(after.filter((e: any) => e.aggregateId === shipment.id).map((e: any) => e.payload.to)).toEqual(['PENDING', 'PICKING', 'PACKED']);
  });
});

describe('with Inventory down', () => {
  it('refuses to ship with UNAVAILABLE, leaving the shipment PACKED, and ships once Inventory is back', async () => {
    const { shipment, sku } = await allocatedShipment(2);
    await move(shipment.id, 'PICKING');
    await move(shipment.id, 'PACKED');
    const before = await shipmentDoc(shipment.id);
    await hub.stack.subgraphs.inventory.stop();
    try {
      const result = await hub.gql(SHIP, { input: { id: shipment.id, carrier: 'UPS', trackingNumber: '1Z999AA10123456784' } });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'UNAVAILABLE' });
      expect(await shipmentDoc(shipment.id)).toEqual(before);
    } finally {
      await hub.stack.restartSubgraph('inventory');
    }
    const shipped = (await hub.data(SHIP, { input: { id: shipment.id, carrier: 'UPS', trackingNumber: '1Z999AA10123456784' } })).shipShipment;
    expect(shipped.status).toBe('SHIPPED');
    expect(await stockOf(sku)).toEqual({ onHand: 8, reserved: 0 });
  });
});
