// Order integrity under retries and races, through the gateway on the real database: a cancel racing a
// ship never leaves a CANCELLED order with a SHIPPED shipment; capturePayment and cancelOrderLines
// apply once however often they are retried; a refund references a received return (or an explicit
// manual reason) and never exceeds what came back.
import { CITIES, createItem, createLocation, orderInput, unique } from './support/fixtures';
import { startTestStack, type GqlResponse, type TestStack } from './support/stack';

let hub: TestStack;
let locationId: string;

const ORDER = `id status paymentStatus amountPaid { amount } amountRefunded { amount } lines { sku quantity } shipments { id status lines { sku quantity } }`;
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ${ORDER} } }`;
const READ = `query($id: ID!) { order(id: $id) { ${ORDER} } }`;
const CAPTURE = `mutation($input: PaymentInput!) { capturePayment(input: $input) { paymentStatus amountPaid { amount } payments { kind amount { amount } reference } } }`;
const REFUND = `mutation($input: RecordRefundInput!) { recordRefund(input: $input) { id returnId amount { amount } } }`;

function errorOf(result: GqlResponse<unknown>) {
  return result.errors?.[0]?.extensions ?? {};
}

/** Cancel/ship races per run: enough to land on both sides of the window on a busy machine, under ~30 s. */
const ROUNDS = 12;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function place(sku: string, quantity: number, unitPrice = 1000) {
  return (await hub.data(PLACE, { input: orderInput({ lines: [{ sku, quantity, unitPrice }] }) })).placeOrder;
}

async function read(id: string) {
  return (await hub.data(READ, { id })).order;
}

async function pickAndPack(shipmentId: string) {
  await hub.data(`mutation($id: ID!) { pickShipment(id: $id) { id } }`, { id: shipmentId });
  await hub.data(`mutation($id: ID!) { packShipment(id: $id) { id } }`, { id: shipmentId });
}

function ship(shipmentId: string) {
  return hub.gql(`mutation($input: ShipShipmentInput!) { shipShipment(input: $input) { id status } }`, { input: { id: shipmentId, carrier: 'DHL', trackingNumber: `JJD${Date.now()}${Math.floor(Math.random() * 1e6)}` } });
}

async function paidOrder(sku: string, quantity: number, unitPrice = 1000) {
  const order = await place(sku, quantity, unitPrice);
  const total = quantity * unitPrice;
  await hub.data(`mutation($input: PaymentInput!) { authorizePayment(input: $input) { id } }`, { input: { orderId: order.id, amount: total, reference: unique('auth') } });
  await hub.data(CAPTURE, { input: { orderId: order.id, amount: total, reference: unique('cap') } });
  return { ...order, total };
}

beforeAll(async () => {
  hub = await startTestStack();
  locationId = await createLocation(hub, CITIES.berlin);
});
afterAll(async () => {
  await hub?.stop();
});

describe('a cancel racing a ship', () => {
  it('never leaves a CANCELLED order with a SHIPPED shipment: either the shipment wins or the cancel does', async () => {
    const sku = await createItem(hub, [{ locationId, onHand: 1000 }]);
    const outcomes = { shipped: 0, cancelled: 0 };
    const race = async (round: number) => {
      const order = await place(sku, 2);
      const shipmentId = order.shipments[0].id;
      await pickAndPack(shipmentId);
      // Start the ship from a little before to well after the cancel, so both can win.
      const shipDelay = [0, 250, 600, 1000][round % 4];
      const cancelDelay = round % 4 === 0 ? 30 : 0;
      const [shipResult, cancelResult] = await Promise.all([
        sleep(shipDelay).then(() => ship(shipmentId)),
        sleep(cancelDelay).then(() => hub.gql(`mutation($id: ID!) { cancelOrder(id: $id, reason: "race") { id status } }`, { id: order.id })),
      ]);
      const after = await read(order.id);
      const shipment = after.shipments.find((candidate: { id: string }) => candidate.id === shipmentId);
      if (after.status === 'CANCELLED') {
        expect(shipment.status).toBe('CANCELLED');
        expect(shipResult.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
        outcomes.cancelled += 1;
      } else {
        // The shipment won: the cancel found nothing left to cancel (or was refused), the order shipped.
        expect(shipment.status).toBe('SHIPPED');
        expect(after.status).toBe('SHIPPED');
        expect(after.lines).toEqual([{ sku, quantity: 2 }]);
        if (cancelResult.errors) expect(cancelResult.errors[0].extensions?.code).toBe('INVALID_TRANSITION');
        outcomes.shipped += 1;
      }
    };
    for (let round = 0; round < ROUNDS; round += 4) await Promise.all([0, 1, 2, 3].map((offset) => race(round + offset)));
    console.log(`cancel/ship races: the shipment won ${outcomes.shipped}, the cancel won ${outcomes.cancelled}`);
    expect(outcomes.shipped + outcomes.cancelled).toBe(ROUNDS);
    // Stock: nothing reserved is left behind by either outcome.
    const stock = await hub.data(`query($sku: String!) { inventoryItem(sku: $sku) { stock { onHand reserved } } }`, { sku });
    expect(stock.inventoryItem.stock[0]).toEqual({ onHand: 1000 - 2 * outcomes.shipped, reserved: 0 });
  }, 40_000);
});
