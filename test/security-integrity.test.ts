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

describe('retries after a timeout', () => {
  it('capturePayment applies once per provider reference; a reference reused with another amount is a CONFLICT', async () => {
    const sku = await createItem(hub, [{ locationId, onHand: 100 }]);
    const order = await place(sku, 3);
    await hub.data(`mutation($input: PaymentInput!) { authorizePayment(input: $input) { id } }`, { input: { orderId: order.id, amount: 3000, reference: unique('auth') } });
    const capture = { orderId: order.id, amount: 1000, reference: unique('cap') };
    const [first, retry] = await Promise.all([hub.gql(CAPTURE, { input: capture }), hub.gql(CAPTURE, { input: capture })]);
    expect(first.errors).toBeUndefined();
    expect(retry.errors).toBeUndefined();
    const again = await hub.data(CAPTURE, { input: capture });
    expect(again.capturePayment.amountPaid).toEqual({ amount: 1000 });
    expect(again.capturePayment.payments.filter((payment: { kind: string }) => payment.kind === 'CAPTURE')).toEqual([{ kind: 'CAPTURE', amount: { amount: 1000 }, reference: capture.reference }]);

    const reused = await hub.gql(CAPTURE, { input: { ...capture, amount: 500 } });
    expect(errorOf(reused)).toMatchObject({ code: 'CONFLICT', field: 'input.reference' });
    const anonymous = await hub.gql(CAPTURE, { input: { orderId: order.id, amount: 500 } });
    expect(errorOf(anonymous)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reference' });
    expect((await read(order.id)).amountPaid).toEqual({ amount: 1000 });
  });

  it('cancelOrderLines with an idempotency key cancels once, however often it is retried', async () => {
    const sku = await createItem(hub, [{ locationId, onHand: 100 }]);
    const order = await place(sku, 5);
    const CANCEL_LINES = `mutation($id: ID!, $lines: [OrderLineQuantityInput!]!, $key: String) { cancelOrderLines(id: $id, lines: $lines, reason: "fewer", idempotencyKey: $key) { lines { sku quantity } } }`;
    const variables = { id: order.id, lines: [{ sku, quantity: 2 }], key: unique('cancel-lines') };
    const [first, retry] = await Promise.all([hub.gql(CANCEL_LINES, variables), hub.gql(CANCEL_LINES, variables)]);
    expect(first.errors).toBeUndefined();
    expect(retry.errors).toBeUndefined();
    const later = await hub.data(CANCEL_LINES, variables);
    expect(later.cancelOrderLines.lines).toEqual([{ sku, quantity: 3 }]);
    expect((await read(order.id)).lines).toEqual([{ sku, quantity: 3 }]);
    // Another key is another cancellation.
    const second = await hub.data(CANCEL_LINES, { ...variables, key: unique('cancel-lines') });
    expect(second.cancelOrderLines.lines).toEqual([{ sku, quantity: 1 }]);
  });
});

describe('refunds', () => {
  const RETURN = `id status lines { sku quantity receivedQuantity }`;

  /** A paid order of `quantity` units, shipped, with a return of `asked` units of which `received` arrived. */
  async function returned(quantity: number, asked: number, received: number | null) {
    const sku = await createItem(hub, [{ locationId, onHand: 100 }]);
    const order = await paidOrder(sku, quantity);
    const shipmentId = order.shipments[0].id;
    await pickAndPack(shipmentId);
    expect((await ship(shipmentId)).errors).toBeUndefined();
    const requested = (await hub.data(`mutation($input: RequestReturnInput!) { requestReturn(input: $input) { ${RETURN} } }`, { input: { orderId: order.id, lines: [{ sku, quantity: asked }], reason: 'too big' } })).requestReturn;
    await hub.data(`mutation($id: ID!) { approveReturn(id: $id) { id } }`, { id: requested.id });
    if (received !== null) {
      await hub.data(`mutation($input: ReceiveReturnInput!) { receiveReturn(input: $input) { id } }`, { input: { id: requested.id, lines: [{ sku, quantity: received, condition: 'RESTOCK', locationId }] } });
    }
    return { sku, order, returnId: requested.id as string };
  }

  it('refuses a refund with no return behind it, or of units that were ordered but never came back', async () => {
    const { sku, order, returnId } = await returned(3, 2, 1);
    const invented = await hub.gql(REFUND, { input: { orderId: order.id, returnId: 'rma-invented', lines: [{ sku, quantity: 3 }] } });
    expect(errorOf(invented)).toMatchObject({ code: 'NOT_FOUND', field: 'input.returnId' });
    const beyond = await hub.gql(REFUND, { input: { orderId: order.id, returnId, lines: [{ sku, quantity: 2 }] } });
    expect(errorOf(beyond)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines[0].quantity' });
    expect((await read(order.id)).amountRefunded).toEqual({ amount: 0 });

    const exact = await hub.data(REFUND, { input: { orderId: order.id, returnId, lines: [{ sku, quantity: 1 }] } });
    expect(exact.recordRefund.amount).toEqual({ amount: 1000 });
    expect((await read(order.id)).amountRefunded).toEqual({ amount: 1000 });
  });

  it('refuses a refund of a return that has not been received, and of another order’s return', async () => {
    const pending = await returned(2, 1, null);
    const early = await hub.gql(REFUND, { input: { orderId: pending.order.id, returnId: pending.returnId, lines: [{ sku: pending.sku, quantity: 1 }] } });
    expect(errorOf(early)).toMatchObject({ code: 'CONFLICT', field: 'input.returnId' });
    const other = await returned(2, 1, 1);
    const crossed = await hub.gql(REFUND, { input: { orderId: pending.order.id, returnId: other.returnId, lines: [{ sku: pending.sku, quantity: 1 }] } });
    expect(errorOf(crossed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.returnId' });
    expect((await read(pending.order.id)).amountRefunded).toEqual({ amount: 0 });
  });

  it('refunds a received return end to end through refundReturn', async () => {
    const { order, returnId } = await returned(3, 2, 2);
    const refunded = await hub.data(`mutation($id: ID!) { refundReturn(id: $id) { id status refundAmount } }`, { id: returnId });
    expect(refunded.refundReturn).toMatchObject({ status: 'REFUNDED', refundAmount: 2000 });
    expect((await read(order.id)).amountRefunded).toEqual({ amount: 2000 });
  });

  it('allows a manual refund only from a person in the back office, with a reason kept in the history', async () => {
    const sku = await createItem(hub, [{ locationId, onHand: 100 }]);
    const order = await paidOrder(sku, 2);
    const manual = { orderId: order.id, returnId: `manual:${unique('goodwill')}`, lines: [{ sku, quantity: 1 }] };
    const unexplained = await hub.gql(REFUND, { input: manual });
    expect(errorOf(unexplained)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    const service = await hub.createKey('SERVICE');
    const byService = await hub.gql(REFUND, { input: { ...manual, reason: 'automated' } }, service.headers);
    expect(errorOf(byService)).toMatchObject({ code: 'FORBIDDEN', field: 'input.returnId' });
    expect((await read(order.id)).amountRefunded).toEqual({ amount: 0 });

    const reason = `parcel lost, goodwill ${unique('g')}`;
    await hub.data(REFUND, { input: { ...manual, reason } });
    const history = await hub.data(`query($id: ID!) { order(id: $id) { amountRefunded { amount } history { type note actor } } }`, { id: order.id });
    expect(history.order.amountRefunded).toEqual({ amount: 1000 });
    expect(history.order.history).toContainEqual({ type: 'orders.payment.refunded', note: reason, actor: hub.adminActor });
  });
});
