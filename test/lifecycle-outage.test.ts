// A subgraph going down in the middle of placing an order must not leave it half done:
// once fulfillment is back, the order ends ALLOCATED with shipments covering exactly its reservations.
import { Types } from 'mongoose';
import { CITIES, createItem, createLocation, getOrder, orderInput, waitFor } from './support/fixtures';
import { startTestStack, type TestStack } from './support/stack';

let hub: TestStack;

beforeAll(async () => {
  hub = await startTestStack();
});
afterAll(() => hub?.stop());

it('finishes an order placed while fulfillment was down once fulfillment is back', async () => {
  const location = await createLocation(hub, CITIES.berlin);
  const sku = await createItem(hub, [{ locationId: location, onHand: 10 }]);

  await hub.stack.subgraphs.fulfillment.stop();
  const placed = await hub.gql(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`, {
    input: orderInput({ lines: [{ sku, quantity: 3 }] }),
  });
  // The order is accepted and stored; it cannot be ALLOCATED without its shipments.
  expect(placed.errors).toBeUndefined();
  const orderId = placed.data.placeOrder.id as string;
  expect(placed.data.placeOrder.status).toBe('PENDING');
  const stored = await hub.subgraphs.orders.connection.collection('orders').findOne({ _id: new Types.ObjectId(orderId) });
  expect(stored?.status).toBe('PENDING');

  await hub.stack.restartSubgraph('fulfillment');
  const order = await waitFor('the order to be allocated after recovery', async () => {
    const current = await getOrder(hub, orderId);
    return current.status === 'ALLOCATED' ? current : null;
  });
  expect(order.shipments).toHaveLength(1);
  expect(order.shipments[0]).toMatchObject({ status: 'PENDING', location: { id: location }, lines: [{ sku, quantity: 3 }] });

  const allocation = await hub.data(`query($id: ID!) { allocation(orderId: $id) { complete lines { sku locationId reserved } } }`, { id: orderId });
  expect(allocation.allocation).toEqual({ complete: true, lines: [{ sku, locationId: location, reserved: 3 }] });
  const stock = await hub.data(`query($sku: String!) { inventoryItem(sku: $sku) { reserved onHand } }`, { sku });
  expect(stock.inventoryItem).toEqual({ reserved: 3, onHand: 10 });
});

it('keeps no reservation for an order cancelled while inventory was down', async () => {
  const location = await createLocation(hub, CITIES.potsdam);
  const sku = await createItem(hub, [{ locationId: location, onHand: 5 }]);
  const placed = await hub.data(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`, { input: orderInput({ lines: [{ sku, quantity: 2 }] }) });
  const orderId = placed.placeOrder.id as string;
  await waitFor('allocation', async () => (await getOrder(hub, orderId)).status === 'ALLOCATED');

  await hub.stack.subgraphs.inventory.stop();
  const cancelled = await hub.gql(`mutation($id: ID!) { cancelOrder(id: $id, reason: "customer changed mind") { status } }`, { id: orderId });
  expect(cancelled.data?.cancelOrder.status).toBe('CANCELLED');
  await hub.stack.restartSubgraph('inventory');

  await waitFor('the reservation to be released', async () => {
    const stock = await hub.data(`query($sku: String!) { inventoryItem(sku: $sku) { reserved } }`, { sku });
    return stock.inventoryItem.reserved === 0;
  });
  const order = await getOrder(hub, orderId);
  expect(order.shipments.every((shipment: { status: string }) => shipment.status === 'CANCELLED')).toBe(true);
});
