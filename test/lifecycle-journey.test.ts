// The whole life of an order through the gateway: routed, split, shipped in two parts, delivered,
// partly returned, restocked and refunded — with every step in the event log, resumable from any cursor.
import { CITIES, createItem, createLocation, getOrder, placeOrder, waitFor } from './support/fixtures';
import { startTestStack, type TestStack } from './support/stack';

let hub: TestStack;

beforeAll(async () => {
  hub = await startTestStack();
});
afterAll(() => hub?.stop());

const SHIP = `mutation($id: ID!) { pickShipment(id: $id) { status } }`;

async function shipAll(shipmentId: string, trackingNumber: string) {
  await hub.data(SHIP, { id: shipmentId });
  await hub.data(`mutation($id: ID!) { packShipment(id: $id) { status } }`, { id: shipmentId });
  const shipped = await hub.data(`mutation($input: ShipShipmentInput!) { shipShipment(input: $input) { status carrier trackingNumber trackingUrl } }`, {
    input: { id: shipmentId, carrier: 'DHL', trackingNumber },
  });
  return shipped.shipShipment;
}

async function status(orderId: string) {
  return (await getOrder(hub, orderId)).status as string;
}

describe('routing', () => {
  it('sends an order to the nearest location that has everything', async () => {
    const far = await createLocation(hub, CITIES.munich, 1);
    const near = await createLocation(hub, CITIES.berlin, 5);
    const sku = await createItem(hub, [
      { locationId: far, onHand: 10 },
      { locationId: near, onHand: 10 },
    ]);
    const order = await placeOrder(hub, { lines: [{ sku, quantity: 2 }], city: CITIES.potsdam });
    const allocated = await waitFor('allocation', async () => {
      const current = await getOrder(hub, order.id);
      return current.status === 'ALLOCATED' ? current : null;
    });
    expect(allocated.allocations).toEqual([{ sku, locationId: near, quantity: 2 }]);
    expect(allocated.shipments.map((shipment: any) => shipment.location.id)).toEqual([near]);
  });

  it('prefers one shipment from a farther location over two from nearer ones', async () => {
    const berlinA = await createLocation(hub, CITIES.berlin);
    const potsdamB = await createLocation(hub, CITIES.potsdam);
    const munichAB = await createLocation(hub, CITIES.munich);
    const a = await createItem(hub, [
      { locationId: berlinA, onHand: 5 },
      { locationId: munichAB, onHand: 5 },
    ]);
    const b = await createItem(hub, [
      { locationId: potsdamB, onHand: 5 },
      { locationId: munichAB, onHand: 5 },
    ]);
    const order = await placeOrder(hub, { lines: [{ sku: a, quantity: 1 }, { sku: b, quantity: 1 }], city: CITIES.berlin });
    const allocated = await waitFor('allocation', async () => {
      const current = await getOrder(hub, order.id);
      return current.status === 'ALLOCATED' ? current : null;
    });
    expect(allocated.shipments).toHaveLength(1);
    expect(allocated.shipments[0].location.id).toBe(munichAB);
  });

  it('splits into the fewest shipments when no location can fill the order', async () => {
    const one = await createLocation(hub, CITIES.berlin);
    const two = await createLocation(hub, CITIES.hamburg);
    const three = await createLocation(hub, CITIES.munich);
    const a = await createItem(hub, [{ locationId: one, onHand: 3 }, { locationId: three, onHand: 1 }]);
    const b = await createItem(hub, [{ locationId: two, onHand: 3 }, { locationId: three, onHand: 1 }]);
    // Nowhere has 2 of a and 2 of b: the fewest shipments is two (one + two), not three.
    const order = await placeOrder(hub, { lines: [{ sku: a, quantity: 2 }, { sku: b, quantity: 2 }] });
    const allocated = await waitFor('allocation', async () => {
      const current = await getOrder(hub, order.id);
      return current.status === 'ALLOCATED' ? current : null;
    });
    expect(allocated.shipments.map((shipment: any) => shipment.location.id).sort()).toEqual([one, two].sort());
  });
});

it('follows an order from placement to refund, and the event log shows every step in order', async () => {
  const berlin = await createLocation(hub, CITIES.berlin);
  const munich = await createLocation(hub, CITIES.munich);
  const shirt = await createItem(hub, [{ locationId: berlin, onHand: 4 }]);
  const lamp = await createItem(hub, [{ locationId: munich, onHand: 3 }]);

  const order = await placeOrder(hub, {
    lines: [
      { sku: shirt, quantity: 2, unitPrice: 2000, tax: 760 },
      { sku: lamp, quantity: 1, unitPrice: 5000, tax: 950 },
    ],
    shippingPrice: 500,
  });
  const allocated = await waitFor('allocation', async () => {
    const current = await getOrder(hub, order.id);
    return current.status === 'ALLOCATED' ? current : null;
  });
  expect(allocated.shipments).toHaveLength(2);
  const total = 2 * 2000 + 760 + 5000 + 950 + 500;

  await hub.data(`mutation($input: PaymentInput!) { authorizePayment(input: $input) { paymentStatus } }`, { input: { orderId: order.id, amount: total, reference: 'auth-1', provider: 'test' } });
  const paid = await hub.data(`mutation($input: PaymentInput!) { capturePayment(input: $input) { paymentStatus amountPaid { amount } } }`, { input: { orderId: order.id, amount: total, reference: 'cap-1' } });
  expect(paid.capturePayment).toEqual({ paymentStatus: 'PAID', amountPaid: { amount: total } });

  const fromBerlin = allocated.shipments.find((shipment: any) => shipment.location.id === berlin);
  const fromMunich = allocated.shipments.find((shipment: any) => shipment.location.id === munich);
  const first = await shipAll(fromBerlin.id, '00340434161094042557');
  expect(first).toMatchObject({ status: 'SHIPPED', carrier: 'DHL', trackingNumber: '00340434161094042557' });
  expect(first.trackingUrl).toContain('00340434161094042557');
  await waitFor('PARTIALLY_SHIPPED', async () => (await status(order.id)) === 'PARTIALLY_SHIPPED');

  await shipAll(fromMunich.id, '00340434161094042558');
  await waitFor('SHIPPED', async () => (await status(order.id)) === 'SHIPPED');
  const shirtStock = await hub.data(`query($sku: String!) { inventoryItem(sku: $sku) { onHand reserved } }`, { sku: shirt });
  expect(shirtStock.inventoryItem).toEqual({ onHand: 2, reserved: 0 });

  await hub.data(`mutation($id: ID!) { deliverShipment(id: $id) { status } }`, { id: fromBerlin.id });
  await hub.data(`mutation($id: ID!) { deliverShipment(id: $id) { status } }`, { id: fromMunich.id });
  await waitFor('DELIVERED', async () => (await status(order.id)) === 'DELIVERED');

  const requested = await hub.data(`mutation($input: RequestReturnInput!) { requestReturn(input: $input) { id rmaNumber status } }`, {
    input: { orderId: order.id, lines: [{ sku: lamp, quantity: 1 }], reason: 'too bright' },
  });
  const returnId = requested.requestReturn.id;
  expect(requested.requestReturn.rmaNumber).toMatch(/^RMA-/);
  await hub.data(`mutation($id: ID!) { approveReturn(id: $id) { status } }`, { id: returnId });
  const received = await hub.data(`mutation($input: ReceiveReturnInput!) { receiveReturn(input: $input) { status lines { sku receivedQuantity condition } } }`, {
    input: { id: returnId, lines: [{ sku: lamp, quantity: 1, condition: 'RESTOCK', locationId: munich }] },
  });
  expect(received.receiveReturn.status).toBe('RECEIVED');
  const lampStock = await hub.data(`query($sku: String!) { inventoryItem(sku: $sku) { onHand } }`, { sku: lamp });
  expect(lampStock.inventoryItem.onHand).toBe(3);

  const refunded = await hub.data(`mutation($id: ID!) { refundReturn(id: $id) { status refundAmount } }`, { id: returnId });
  expect(refunded.refundReturn).toEqual({ status: 'REFUNDED', refundAmount: 5000 + 950 });
  const final = await hub.data(`query($id: ID!) { order(id: $id) { paymentStatus amountRefunded { amount } returns { status } history { cursor type toStatus } } }`, { id: order.id });
  expect(final.order.paymentStatus).toBe('PARTIALLY_REFUNDED');
  expect(final.order.amountRefunded.amount).toBe(5950);
  expect(final.order.returns).toEqual([{ status: 'REFUNDED' }]);

  const history = final.order.history as Array<{ cursor: string; type: string; toStatus: string | null }>;
  const statuses = history.map((entry) => entry.toStatus).filter((value) => value && value !== 'PENDING');
  expect(statuses).toEqual(['ALLOCATED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED']);
  const types = history.map((entry) => entry.type);
  expect(types[0]).toBe('orders.order.placed');
  expect(types.some((type) => /payment.*captured/.test(type))).toBe(true);
  expect(types.some((type) => /refund/.test(type))).toBe(true);

  // Resumable: reading the log after any entry's cursor yields exactly the entries that follow it.
  for (const index of [0, 2, history.length - 2]) {
    const page = await hub.data(`query($after: String) { orderEvents(after: $after, first: 1000) { events { cursor aggregateId } } }`, { after: history[index].cursor });
    const following = page.orderEvents.events.filter((event: any) => event.aggregateId === order.id).map((event: any) => event.cursor);
    expect(following).toEqual(history.slice(index + 1).map((entry) => entry.cursor));
  }

  const shipmentEvents = await hub.data(`{ fulfillmentEvents(first: 1000) { events { type payload } } }`);
  const forOrder = shipmentEvents.fulfillmentEvents.events.filter((event: any) => event.payload.orderId === order.id).map((event: any) => event.type);
  expect(forOrder.filter((type: string) => type.startsWith('fulfillment.return.'))).toEqual([
    'fulfillment.return.requested',
    'fulfillment.return.approved',
    'fulfillment.return.received',
    'fulfillment.return.refunded',
  ]);
});
