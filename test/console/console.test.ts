// The ops console in a real browser (Debian's Chromium via playwright-core) against a real hub:
// sign-in, finding an order by e-mail, shipping it and watching its status change live, adjusting
// stock, retrying a dead letter, a partner's narrower view, and a bad input's error beside its field.
// Screenshots of the main pages land in apps/console/docs; the orders page's first paint of 50 rows
// is measured and printed.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startMagentoSimulator, type MagentoSimulatorHandle } from '@oms/connector-magento';
import { CITIES, createItem, createLocation, orderInput, unique, waitFor } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';
import { launchChromium } from './browser';
import { ensureConsoleBuilt, SCREENSHOTS } from './console-build';

jest.setTimeout(120_000);

const PARTNER_CHANNEL = 'partner-shop';

let hub: TestStack;
let chromium: { browser: Browser; close: () => Promise<void> };
let admin: BrowserContext;
let consoleUrl: string;
let berlin: string;
let sku: string;
let magento: MagentoSimulatorHandle;
let connectionId: string;
const alice = `alice-${Date.now()}@example.com`;
let aliceOrder: { id: string; number: string };
let partnerOrderNumber: string;

async function signedInContext(key: string): Promise<BrowserContext> {
  const context = await chromium.browser.newContext({ viewport: { width: 1360, height: 900 } });
  // The console keeps the key in sessionStorage; seed it as sign-in would.
  await context.addInitScript(`sessionStorage.setItem('oms.console.apiKey', ${JSON.stringify(key)})`);
  return context;
}

/** Uncaught errors in the console's pages: any is a defect, whatever the flow under test saw. */
const pageErrors: string[] = [];

async function open(context: BrowserContext, route: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${route}: ${error.message}`));
  await page.goto(`${consoleUrl}${route}`);
  return page;
}

async function importOrders(inputs: object[]) {
  const result = await hub.data<{ importOrders: { failed: number; results: Array<{ order: { id: string; number: string } | null }> } }>(
    `mutation($input: [PlaceOrderInput!]!) { importOrders(input: $input) { failed results { order { id number } } } }`,
    { input: inputs },
  );
  expect(result.importOrders.failed).toBe(0);
  return result.importOrders.results.map((entry) => entry.order!);
}

beforeAll(async () => {
  ensureConsoleBuilt();
  [hub, chromium] = await Promise.all([startTestStack(), launchChromium()]);
  consoleUrl = `${new URL(hub.gatewayUrl).origin}/console`;
  berlin = await createLocation(hub, CITIES.berlin);
  sku = await createItem(hub, [{ locationId: berlin, onHand: 100 }]);
  [aliceOrder] = await importOrders([{ ...orderInput({ lines: [{ sku, quantity: 2 }], email: alice }), channel: 'web' }]);
  const [partnerOrder] = await importOrders([{ ...orderInput({ lines: [{ sku, quantity: 1 }] }), channel: PARTNER_CHANNEL }]);
  partnerOrderNumber = partnerOrder.number;
  // Fifty more, so the orders page has a full page of 50 to paint.
  await importOrders(Array.from({ length: 50 }, (_, index) => ({ ...orderInput({ lines: [{ sku, quantity: 1 }] }), channel: index % 3 ? 'web' : 'pos' })));
  admin = await signedInContext(hub.adminKey);
});

afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

afterAll(async () => {
  await chromium?.close();
  await magento?.stop();
  await hub?.stop();
});

describe('sign-in', () => {
  it('signs in with an API key kept in the session only, and refuses a wrong key at the key field', async () => {
    const context = await chromium.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/orders`);
    await page.getByLabel('API key').fill('oms_not_a_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#api-key-error').waitFor();
    expect(await page.locator('#api-key-error').textContent()).toMatch(/key|auth/i);

    await page.getByLabel('API key').fill(hub.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).waitFor();
    expect(await page.evaluate(`({ session: sessionStorage.getItem('oms.console.apiKey'), local: localStorage.length, cookies: document.cookie })`)).toEqual({ session: hub.adminKey, local: 0, cookies: '' });
    // A reload keeps the session and the page.
    await page.reload();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    await context.close();
  });
});

describe('orders', () => {
  it('finds an order by the customer e-mail, ships a shipment with tracking, and another tab sees the status change live', async () => {
    const list = await open(admin, '/orders');
    await list.getByLabel('Search').fill(alice);
    await list.getByLabel('Search').press('Enter');
    const row = list.locator(`tr[data-order-id="${aliceOrder.id}"]`);
    await row.waitFor();
    expect(list.url()).toContain(`q=${encodeURIComponent(alice)}`);
    expect(await list.locator('table[aria-label="Orders"] tbody tr').count()).toBe(1);
    const statusBefore = await row.locator('[data-status]').getAttribute('data-status');
    expect(statusBefore).toBe('ALLOCATED');

    const detail = await open(admin, `/orders/${aliceOrder.id}`);
    await detail.getByRole('heading', { name: `Order ${aliceOrder.number}` }).waitFor();
    const shipment = detail.locator('section[data-shipment-id]').first();
    await shipment.getByRole('button', { name: 'Pick' }).click();
    await shipment.getByRole('button', { name: 'Pack' }).click();
    await shipment.getByLabel('Carrier').fill('DHL');
    await shipment.getByLabel('Tracking number').fill('JJD000111222');
    await shipment.getByRole('button', { name: 'Ship' }).click();
    await shipment.locator('[data-status="SHIPPED"]').waitFor();
    await detail.locator('#order-title [data-status="SHIPPED"]').waitFor();
    expect(await shipment.textContent()).toContain('JJD000111222');
    await takeScreenshot(detail, 'order');

    // The list tab was not reloaded: orderStatusChanged pushed the new status.
    await row.locator('[data-status="SHIPPED"]').waitFor();
    const order = await hub.data<{ order: { status: string; shipments: Array<{ trackingNumber: string; carrier: string }> } }>(`query($id: ID!) { order(id: $id) { status shipments { trackingNumber carrier } } }`, { id: aliceOrder.id });
    expect(order.order).toEqual({ status: 'SHIPPED', shipments: [{ trackingNumber: 'JJD000111222', carrier: 'DHL' }] });
    await Promise.all([list.close(), detail.close()]);
  });

  it('paints the orders page with 50 rows (figure printed, not asserted)', async () => {
    const page = await open(admin, '/orders?first=50');
    await page.waitForFunction(`document.querySelectorAll('table[aria-label="Orders"] tbody tr').length === 50`);
    const paintMs = await page.evaluate<number>('Math.round(performance.now())');
    console.log(`[console] orders page, 50 rows: first meaningful paint ${paintMs} ms after navigation start`);
    await takeScreenshot(page, 'orders');
    await page.close();
  });
});

describe('bad input', () => {
  it('shows the error beside the field the hub names, and writes nothing', async () => {
    const before = await availableAt(sku);
    const page = await open(admin, `/inventory?sku=${encodeURIComponent(sku)}`);
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
    const page = await open(admin, `/inventory?sku=${encodeURIComponent(sku)}`);
    const cell = page.locator(`tr[data-sku="${sku}"][data-location-id="${berlin}"] [data-testid="available"]`);
    await cell.waitFor();
    expect(Number(await cell.textContent())).toBe(before);
    const form = page.getByRole('form', { name: 'Adjust stock' });
    await form.getByLabel('Change (units, negative to remove)').fill('7');
    await form.getByLabel('Reason').fill('found in aisle 3');
    await form.getByRole('button', { name: 'Adjust' }).click();
    await page.waitForFunction(`document.querySelector(${JSON.stringify(`tr[data-sku="${sku}"][data-location-id="${berlin}"] [data-testid="available"]`)})?.textContent === ${JSON.stringify(String(before + 7))}`);
    await page.getByRole('table', { name: 'Stock movements' }).getByText('found in aisle 3').waitFor();
    expect(await availableAt(sku)).toBe(before + 7);
    await takeScreenshot(page, 'inventory');
    await page.close();
  });
});

describe('channels', () => {
  beforeAll(async () => {
    magento = await startMagentoSimulator({ orders: 2, pageSize: 5 });
    for (const simSku of magento.skus) await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku: simSku, name: `Item ${simSku}` } });
    const added = await hub.data<{ addChannelConnection: { id: string } }>(`mutation($input: AddChannelConnectionInput!) { addChannelConnection(input: $input) { id } }`, {
      input: { name: 'Magento store', kind: 'magento', channel: 'magento-store', config: magento.config, syncIntervalSeconds: 3600 },
    });
    connectionId = added.addChannelConnection.id;
  });

  it('retries a dead letter once the hub can take the order', async () => {
    // An order with a SKU the hub does not know yet is refused and kept as a dead letter.
    const [channelOrderId] = await magento.addOrders(1);
    const order = magento.store.order(Number(channelOrderId));
    const newSku = unique('MG-NEW');
    order.items[0].sku = newSku;
    order.updated_at = magento.store.now();
    const letterId = await syncUntilDeadLetter(channelOrderId);

    const page = await open(admin, `/channels/${connectionId}`);
    const row = page.locator(`tr[data-dead-letter-id="${letterId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/unknown SKU/);
    await takeScreenshot(page, 'channel');

    await hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku: newSku, name: 'New product' } });
    await row.getByRole('button', { name: `Retry ${channelOrderId}` }).click();
    await page.getByText('Retried 1 dead letter(s): 1 resolved').waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('Show').selectOption('RESOLVED');
    await row.locator('[data-status="RESOLVED"]').waitFor();
    expect(page.url()).toContain('letters=RESOLVED');
    const imported = await hub.gql<{ orderByChannel: { id: string } | null }>(`query($id: String!) { orderByChannel(channel: "magento-store", channelOrderId: $id) { id } }`, { id: channelOrderId });
    expect(imported.data?.orderByChannel).not.toBeNull();

    await page.goto(`${consoleUrl}/channels`);
    await page.locator(`tr[data-connection-id="${connectionId}"]`).waitFor();
    await takeScreenshot(page, 'channels');
    await page.close();
  });
});

describe('roles', () => {
  it('shows a PARTNER only its own channels’ orders and no key management', async () => {
    const partner = await hub.createKey('PARTNER', { channels: [PARTNER_CHANNEL] });
    const context = await signedInContext(partner.secret);
    const page = await open(context, '/orders');
    await page.locator('table[aria-label="Orders"] tbody tr').first().waitFor();
    const channels = await page.locator('table[aria-label="Orders"] tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(channels)).toEqual(new Set([PARTNER_CHANNEL]));
    expect(await page.locator(`tr[data-order-id="${aliceOrder.id}"]`).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).count()).toBe(0);

    // Another channel's order is not found by its number either; its own is.
    await page.getByLabel('Search').fill(aliceOrder.number);
    await page.getByLabel('Search').press('Enter');
    await page.getByText(`0 found for “${aliceOrder.number}”`).waitFor();
    await page.getByLabel('Search').fill(partnerOrderNumber);
    await page.getByLabel('Search').press('Enter');
    await page.getByText(`1 found for “${partnerOrderNumber}”`).waitFor();
    await context.close();
  });

  it('lets STAFF operate but not manage keys', async () => {
    const staff = await hub.createKey('STAFF');
    const context = await signedInContext(staff.secret);
    const page = await open(context, '/keys');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Dashboard', 'Orders', 'Inventory', 'Channels', 'Webhooks']);
    await context.close();
  });
});

describe('screenshots of the other pages', () => {
  it('renders the dashboard, webhooks and API keys pages', async () => {
    const dashboard = await open(admin, '/');
    await dashboard.locator('[data-testid="backorders"]').waitFor();
    await dashboard.getByRole('img', { name: 'Orders per channel per day' }).waitFor();
    await takeScreenshot(dashboard, 'dashboard');
    await dashboard.goto(`${consoleUrl}/keys`);
    await dashboard.getByRole('table', { name: 'API keys' }).locator('tbody tr').first().waitFor();
    await takeScreenshot(dashboard, 'keys');
    await dashboard.goto(`${consoleUrl}/webhooks`);
    await dashboard.getByRole('form', { name: 'Register endpoint' }).waitFor();
    await takeScreenshot(dashboard, 'webhooks');
    await dashboard.close();
  });
});

async function availableAt(item: string): Promise<number> {
  const data = await hub.data<{ inventoryItem: { stock: Array<{ location: { id: string }; available: number }> } }>(`query($sku: String!) { inventoryItem(sku: $sku) { stock { location { id } available } } }`, { sku: item });
  return data.inventoryItem.stock.find((level) => level.location.id === berlin)!.available;
}

/** Syncs until the channel order is dead-lettered; its dead letter's id. */
async function syncUntilDeadLetter(channelOrderId: string): Promise<string> {
  return waitFor(`a dead letter for ${channelOrderId}`, async () => {
    const triggered = await hub.gql(`mutation($id: ID!) { triggerChannelSync(id: $id) { id } }`, { id: connectionId });
    if (triggered.errors && triggered.errors[0]?.extensions?.code !== 'CONFLICT') throw new Error(JSON.stringify(triggered.errors));
    const letters = await hub.data<{ channelConnection: { deadLetters: { edges: Array<{ node: { id: string; channelRecordId: string; status: string } }> } } }>(
      `query($id: ID!) { channelConnection(id: $id) { deadLetters(first: 20) { edges { node { id channelRecordId status } } } } }`,
      { id: connectionId },
    );
    return letters.channelConnection.deadLetters.edges.find(({ node }) => node.channelRecordId === channelOrderId && node.status === 'OPEN')?.node.id;
  }, 60_000);
}

async function takeScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
