// The ops console in a real browser (Debian's Chromium via playwright-core) against a real hub, the
// order and stock side: sign-in, finding an order by e-mail, the list filtered by location, shipping
// an order while another tab watches its status change live, payment and a return through to the
// refund, a rejected return, a shipment flagged and cancelled, a bad input's error beside its field,
// a stock adjustment, and the dashboard's exact orders per day and its late shipments. The orders
// page's first paint of 50 rows is measured and printed.
import type { BrowserContext } from 'playwright-core';
import { CITIES, createItem, createLocation, orderInput, waitFor } from '../support/fixtures';
import { startConsoleHarness, SESSION_KEY, type ConsoleHarness } from './harness';

jest.setTimeout(120_000);

let ui: ConsoleHarness;
let admin: BrowserContext;
let berlin: string;
let munich: string;
let sku: string;
/** Stocked in Munich only: its orders are allocated there. */
let munichSku: string;
let munichOrders: Array<{ id: string; number: string }>;
/** For orders of the return and shipment tests, so the stock tests' counts of `sku` stay still. */
let sideSku: string;
const alice = `alice-${Date.now()}@example.com`;
let aliceOrder: { id: string; number: string };

async function importOrders(inputs: object[]) {
  const result = await ui.hub.data<{ importOrders: { failed: number; results: Array<{ order: { id: string; number: string } | null }> } }>(
    `mutation($input: [PlaceOrderInput!]!) { importOrders(input: $input) { failed results { order { id number } } } }`,
    { input: inputs },
  );
  expect(result.importOrders.failed).toBe(0);
  return result.importOrders.results.map((entry) => entry.order!);
}

async function availableAt(item: string): Promise<number> {
  const data = await ui.hub.data<{ inventoryItem: { stock: Array<{ location: { id: string }; available: number }> } }>(`query($sku: String!) { inventoryItem(sku: $sku) { stock { location { id } available } } }`, { sku: item });
  return data.inventoryItem.stock.find((level) => level.location.id === berlin)!.available;
}

beforeAll(async () => {
  ui = await startConsoleHarness();
  [berlin, munich] = await Promise.all([createLocation(ui.hub, CITIES.berlin), createLocation(ui.hub, CITIES.munich)]);
  sku = await createItem(ui.hub, [{ locationId: berlin, onHand: 100 }]);
  munichSku = await createItem(ui.hub, [{ locationId: munich, onHand: 50 }]);
  sideSku = await createItem(ui.hub, [{ locationId: berlin, onHand: 50 }]);
  [aliceOrder] = await importOrders([orderInput({ lines: [{ sku, quantity: 2 }], email: alice, channel: 'web' })]);
  // Fifty more, so the orders page has a full page of 50 to paint.
  await importOrders(Array.from({ length: 50 }, (_, index) => orderInput({ lines: [{ sku, quantity: 1 }], channel: index % 3 ? 'web' : 'pos' })));
  munichOrders = await importOrders([1, 2].map(() => orderInput({ lines: [{ sku: munichSku, quantity: 1 }], channel: 'web', city: CITIES.munich })));
  admin = await ui.signedIn(ui.hub.adminKey);
});

afterEach(() => expect(ui.takePageErrors()).toEqual([]));
afterAll(() => ui?.stop());

describe('sign-in', () => {
  it('signs in with an API key kept in the session only, and refuses a wrong key at the key field', async () => {
    const context = await ui.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${ui.consoleUrl}/orders`);
    await page.getByLabel('API key').fill('oms_not_a_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#api-key-error').waitFor();
    expect(await page.locator('#api-key-error').textContent()).toMatch(/key|auth/i);

    await page.getByLabel('API key').fill(ui.hub.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).waitFor();
    expect(await page.evaluate(`({ session: sessionStorage.getItem(${JSON.stringify(SESSION_KEY)}), local: localStorage.length, cookies: document.cookie })`)).toEqual({ session: ui.hub.adminKey, local: 0, cookies: '' });
    // A reload keeps the session and the page.
    await page.reload();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate(`sessionStorage.getItem(${JSON.stringify(SESSION_KEY)})`)).toBeNull();
    await context.close();
  });
});

describe('orders', () => {
  it('finds an order by the customer e-mail, ships a shipment with tracking, and another tab sees the status change live', async () => {
    const list = await ui.open(admin, '/orders');
    await list.getByLabel('Search').fill(alice);
    await list.getByLabel('Search').press('Enter');
    const row = list.locator(`tr[data-order-id="${aliceOrder.id}"]`);
    await row.waitFor();
    expect(list.url()).toContain(`q=${encodeURIComponent(alice)}`);
    expect(await list.locator('table[aria-label="Orders"] tbody tr').count()).toBe(1);
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('ALLOCATED');

    const detail = await ui.open(admin, `/orders/${aliceOrder.id}`);
    await detail.getByRole('heading', { name: `Order ${aliceOrder.number}` }).waitFor();
    const shipment = detail.locator('section[data-shipment-id]').first();
    await shipment.getByRole('button', { name: 'Pick' }).click();
    await shipment.getByRole('button', { name: 'Pack' }).click();
    await shipment.getByLabel('Carrier').fill('DHL');
    await shipment.getByLabel('Tracking number').fill('JJD000111222');
    await shipment.getByRole('button', { name: 'Ship', exact: true }).click();
    await shipment.locator('[data-status="SHIPPED"]').waitFor();
    await detail.locator('#order-title [data-status="SHIPPED"]').waitFor();
    expect(await shipment.textContent()).toContain('JJD000111222');

    // The list tab was not reloaded: orderStatusChanged pushed the new status.
    await row.locator('[data-status="SHIPPED"]').waitFor();
    const order = await ui.hub.data<{ order: { status: string; shipments: Array<{ trackingNumber: string; carrier: string }> } }>(`query($id: ID!) { order(id: $id) { status shipments { trackingNumber carrier } } }`, { id: aliceOrder.id });
    expect(order.order).toEqual({ status: 'SHIPPED', shipments: [{ trackingNumber: 'JJD000111222', carrier: 'DHL' }] });
    await Promise.all([list.close(), detail.close()]);
  });

  it('filters the list by the location the orders are allocated to, kept in the URL', async () => {
    const page = await ui.open(admin, '/orders?first=100');
    await page.getByLabel('Location').selectOption({ label: 'Munich 10' });
    await page.waitForURL(new RegExp(`location=${munich}`));
    await page.getByText('2 orders').waitFor();
    const shown = await page.locator('table[aria-label="Orders"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-order-id')));
    expect(new Set(shown)).toEqual(new Set(munichOrders.map((order) => order.id)));
    await page.reload();
    await page.getByText('2 orders').waitFor();
    expect(await page.getByLabel('Location').inputValue()).toBe(munich);

    // Where an order is allocated is back office: a partner may not filter by it, and is told which field.
    const partner = await ui.hub.createKey('PARTNER', { channels: ['web'] });
    const refused = await ui.hub.gql(`query($location: ID) { orders(filter: { locationId: $location }) { totalCount } }`, { location: munich }, { authorization: `Bearer ${partner.secret}` });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'filter.locationId' });
    await page.close();
  });

  it('records a capture, delivers, and takes a return through to the refund', async () => {
    const page = await ui.open(admin, `/orders/${aliceOrder.id}`);
    const payment = page.getByRole('form', { name: 'Record payment' });
    await payment.getByLabel('Amount (EUR)').fill('20.00');
    await payment.getByRole('button', { name: 'Record' }).click();
    await payment.getByText('Authorisation recorded.').waitFor();
    await page.locator('[data-testid="payment-status"]', { hasText: 'AUTHORIZED' }).waitFor();
    // A capture needs the provider's capture id: the hub names the field, the console shows it there.
    await payment.getByLabel('Kind').selectOption('capture');
    await payment.getByRole('button', { name: 'Record' }).click();
    await payment.locator('[data-error-for="input.reference"]').waitFor();
    await payment.getByLabel('Provider reference').fill('cap_0001');
    await payment.getByRole('button', { name: 'Record' }).click();
    await payment.getByText('Capture recorded.').waitFor();
    await page.locator('[data-testid="payment-status"]', { hasText: 'PAID' }).waitFor();

    await page.getByRole('button', { name: 'Mark delivered' }).click();
    await page.locator('#order-title [data-status="DELIVERED"]').waitFor();

    const request = page.getByRole('form', { name: 'Request return' });
    await request.getByLabel('Units').fill('1');
    await request.getByLabel('Reason').fill('too small');
    await request.getByRole('button', { name: 'Request return' }).click();
    const rma = page.locator('section[aria-label^="Return "]');
    await rma.locator('[data-status="REQUESTED"]').waitFor();
    await rma.getByRole('button', { name: 'Approve' }).click();
    await rma.locator('[data-status="APPROVED"]').waitFor();
    await rma.getByLabel('Condition').selectOption('RESTOCK');
    await rma.getByLabel('Restock at').selectOption(berlin);
    await rma.getByRole('button', { name: 'Receive' }).click();
    await rma.locator('[data-status="RECEIVED"]').waitFor();
    await rma.getByRole('button', { name: 'Refund' }).click();
    await rma.locator('[data-status="REFUNDED"]').waitFor();
    expect(await rma.textContent()).toContain('Refunded 10.00 EUR');
    await page.getByRole('list', { name: 'Order history' }).getByText('DELIVERED', { exact: false }).first().waitFor();
    await ui.screenshot(page, 'order');

    const order = await ui.hub.data<{ order: { paymentStatus: string; returns: Array<{ status: string }> } }>(`query($id: ID!) { order(id: $id) { paymentStatus returns { status } } }`, { id: aliceOrder.id });
    expect(order.order).toEqual({ paymentStatus: 'PARTIALLY_REFUNDED', returns: [{ status: 'REFUNDED' }] });
    await page.close();
  });

  it('cancels an order with a reason, shown in its status and history', async () => {
    const [order] = await importOrders([orderInput({ lines: [{ sku, quantity: 1 }], channel: 'web' })]);
    const page = await ui.open(admin, `/orders/${order.id}`);
    const form = page.getByRole('form', { name: 'Cancel order' });
    await form.getByLabel('Reason').fill('customer changed their mind');
    await form.getByRole('button', { name: 'Cancel order' }).click();
    await page.locator('#order-title [data-status="CANCELLED"]').waitFor();
    await page.getByRole('list', { name: 'Order history' }).getByText('customer changed their mind').first().waitFor();
    const cancelled = await ui.hub.data<{ order: { status: string; cancellationReason: string } }>(`query($id: ID!) { order(id: $id) { status cancellationReason } }`, { id: order.id });
    expect(cancelled.order).toEqual({ status: 'CANCELLED', cancellationReason: 'customer changed their mind' });
    await page.close();
  });

  it('paints the orders page with 50 rows (figure printed, not asserted)', async () => {
    const page = await ui.open(admin, '/orders?first=50');
    await page.waitForFunction(`document.querySelectorAll('table[aria-label="Orders"] tbody tr').length === 50`);
    const paintMs = await page.evaluate<number>('Math.round(performance.now())');
    console.log(`[console] orders page, 50 rows: first meaningful paint ${paintMs} ms after navigation start`);
    await ui.screenshot(page, 'orders');
    // Filters live in the URL: a status filter survives a reload.
    await page.getByLabel('Status').selectOption('ON_HOLD');
    await page.waitForURL(/status=ON_HOLD/);
    await page.reload();
    await page.getByText('0 orders').waitFor();
    expect(await page.getByLabel('Status').inputValue()).toBe('ON_HOLD');
    await page.close();
  });
});

describe('returns and shipment problems', () => {
  it('rejects a requested return with a reason, which the reason field asks for first', async () => {
    const [order] = await importOrders([orderInput({ lines: [{ sku: sideSku, quantity: 1 }], channel: 'web' })]);
    await shipAll(order.id);
    const page = await ui.open(admin, `/orders/${order.id}`);
    const request = page.getByRole('form', { name: 'Request return' });
    await request.getByLabel('Units').fill('1');
    await request.getByLabel('Reason').fill('changed my mind');
    await request.getByRole('button', { name: 'Request return' }).click();
    const rma = page.locator('section[aria-label^="Return "]');
    await rma.locator('[data-status="REQUESTED"]').waitFor();
    const reject = rma.getByRole('form', { name: 'Reject return' });
    await reject.getByRole('button', { name: 'Reject' }).click();
    await reject.locator('[data-error-for="reason"]').waitFor();
    await reject.getByLabel('Why rejected').fill('outside the 30-day window');
    await reject.getByRole('button', { name: 'Reject' }).click();
    await rma.locator('[data-status="REJECTED"]').waitFor();
    await rma.getByText('Rejected: outside the 30-day window').waitFor();
    const stored = await ui.hub.data<{ order: { returns: Array<{ status: string; note: string }> } }>(`query($id: ID!) { order(id: $id) { returns { status note } } }`, { id: order.id });
    expect(stored.order.returns).toEqual([{ status: 'REJECTED', note: 'outside the 30-day window' }]);
    await page.close();
  });

  it('flags a problem on a shipment, then cancels it', async () => {
    const [order] = await importOrders([orderInput({ lines: [{ sku: sideSku, quantity: 1 }], channel: 'web' })]);
    const page = await ui.open(admin, `/orders/${order.id}`);
    const shipment = page.locator('section[data-shipment-id]').first();
    await shipment.waitFor();
    const shipmentId = (await shipment.getAttribute('data-shipment-id'))!;
    const problem = shipment.getByRole('form', { name: 'Shipment problem' });
    await problem.getByLabel('Problem').fill('box crushed at the dock');
    await problem.getByRole('button', { name: 'Flag exception' }).click();
    await shipment.locator('[data-status="EXCEPTION"]').waitFor();
    await shipment.getByText('box crushed at the dock').waitFor();
    await problem.getByLabel('Problem').fill('item written off');
    await problem.getByRole('button', { name: 'Cancel shipment' }).click();
    const cancelled = page.locator(`section[data-shipment-id="${shipmentId}"]`);
    await cancelled.locator('[data-status="CANCELLED"]').waitFor();
    const stored = await ui.hub.data<{ shipment: { status: string; note: string } }>(`query($id: ID!) { shipment(id: $id) { status note } }`, { id: shipmentId });
    expect(stored.shipment).toEqual({ status: 'CANCELLED', note: 'item written off' });
    await page.close();
  });
});

describe('dashboard', () => {
  it('counts orders per channel per day exactly, beyond any page size, and links a day to its orders', async () => {
    // 105 orders three days ago on one channel: more than the 100 a page of orders can hold.
    const day = new Date();
    day.setUTCHours(12, 0, 0, 0);
    day.setUTCDate(day.getUTCDate() - 3);
    const bulkStock = await createItem(ui.hub, [{ locationId: berlin, onHand: 200 }]);
    await importOrders(Array.from({ length: 105 }, () => ({ ...orderInput({ lines: [{ sku: bulkStock, quantity: 1 }], channel: 'bulk' }), placedAt: day.toISOString() })));
    const dayKey = day.toISOString().slice(0, 10);

    const page = await ui.open(admin, '/');
    await page.getByText('Figures').click();
    const cell = page.locator(`td[data-channel="bulk"][data-day="${dayKey}"]`);
    await cell.waitFor();
    expect(await cell.textContent()).toBe('105');
    await cell.getByRole('link').click();
    await page.waitForURL(new RegExp(`/orders\\?channel=bulk&from=${dayKey}&to=${dayKey}`));
    await page.getByText('105 orders').waitFor();
    await page.close();

    // The aggregate reads a bounded range: a longer one is refused, naming the field.
    const tooLong = await ui.hub.gql(`query($from: DateTime!, $to: DateTime!) { orderCountsByDay(from: $from, to: $to) { day } }`, { from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('links the late-shipments number to the list of late shipments', async () => {
    const promised = { latestShipAt: new Date(Date.now() - 3_600_000).toISOString() };
    const [late] = await importOrders([{ ...orderInput({ lines: [{ sku: sideSku, quantity: 1 }], channel: 'web' }), promise: promised }]);
    await waitFor('its shipment to be late', async () => {
      const found = await ui.hub.data<{ order: { shipments: Array<{ late: boolean }> } }>(`query($id: ID!) { order(id: $id) { shipments { late } } }`, { id: late.id });
      return found.order.shipments.some((shipment) => shipment.late);
    });
    const page = await ui.open(admin, '/');
    const tile = page.getByRole('link', { name: /shipments late against their promise/ });
    await tile.locator('[data-testid="late-shipments"]', { hasText: /^1$/ }).waitFor();
    await ui.screenshot(page, 'dashboard');
    await tile.click();
    await page.waitForURL(/\/shipments\?late=1/);
    await page.getByRole('heading', { name: 'Late shipments' }).waitFor();
    await page.getByText('1 late shipments').waitFor();
    const row = page.getByRole('table', { name: 'Shipments' }).locator('tbody tr');
    expect(await row.count()).toBe(1);
    await row.getByRole('link', { name: late.number }).waitFor();
    await ui.screenshot(page, 'shipments');
    await page.close();
  });
});

describe('bad input', () => {
  it('shows the error beside the field the hub names, and writes nothing', async () => {
    const before = await availableAt(sku);
    const page = await ui.open(admin, `/inventory?sku=${encodeURIComponent(sku)}`);
    const form = page.getByRole('form', { name: 'Adjust stock' });
    await form.getByLabel('Change (units, negative to remove)').fill('0');
    await form.getByLabel('Reason').fill('miscount');
    await form.getByRole('button', { name: 'Adjust' }).click();
    const error = form.locator('[data-error-for="input.delta"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/zero/);
    expect(await form.getByLabel('Change (units, negative to remove)').getAttribute('aria-invalid')).toBe('true');
    expect(await availableAt(sku)).toBe(before);
    await page.close();
  });
});

describe('inventory', () => {
  it('adjusts stock with a reason and shows the new available count and the ledger entry', async () => {
    const before = await availableAt(sku);
    const page = await ui.open(admin, `/inventory?sku=${encodeURIComponent(sku)}`);
    const cellSelector = `tr[data-sku="${sku}"][data-location-id="${berlin}"] [data-testid="available"]`;
    await page.locator(cellSelector).waitFor();
    expect(Number(await page.locator(cellSelector).textContent())).toBe(before);
    const form = page.getByRole('form', { name: 'Adjust stock' });
    await form.getByLabel('Change (units, negative to remove)').fill('7');
    await form.getByLabel('Reason').fill('found in aisle 3');
    await form.getByRole('button', { name: 'Adjust' }).click();
    await page.waitForFunction(`document.querySelector(${JSON.stringify(cellSelector)})?.textContent === ${JSON.stringify(String(before + 7))}`);
    await page.getByRole('table', { name: 'Stock movements' }).getByText('found in aisle 3').waitFor();
    expect(await availableAt(sku)).toBe(before + 7);
    await ui.screenshot(page, 'inventory');
    await page.close();
  });
});

/** Picks, packs and ships every shipment of the order through the graph (as a warehouse would). */
async function shipAll(orderId: string) {
  const shipments = await waitFor('the order’s shipments', async () => {
    const found = await ui.hub.data<{ order: { shipments: Array<{ id: string }> } }>(`query($id: ID!) { order(id: $id) { shipments { id } } }`, { id: orderId });
    return found.order.shipments.length ? found.order.shipments : null;
  });
  for (const { id } of shipments) {
    await ui.hub.data(`mutation($id: ID!) { pickShipment(id: $id) { id } }`, { id });
    await ui.hub.data(`mutation($id: ID!) { packShipment(id: $id) { id } }`, { id });
    await ui.hub.data(`mutation($input: ShipShipmentInput!) { shipShipment(input: $input) { id } }`, { input: { id, carrier: 'DHL', trackingNumber: `T-${id}` } });
  }
}
