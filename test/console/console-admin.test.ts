// The ops console in a real browser against a real hub, the back-office side: channel connections
// (a config error beside its field, a dead letter retried, pause and resume, editing the settings with
// credentials asked for again, a run's progress moving live), what a PARTNER and STAFF see, API keys
// (secret shown once, revoke), webhooks (send a test, the delivery log, redeliver, edit) and the
// dashboard. Screenshots of these pages land in apps/console/docs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { startMagentoSimulator, type MagentoSimulatorHandle } from '@oms/connector-magento';
import { CITIES, createItem, createLocation, orderInput, unique, waitFor } from '../support/fixtures';
import { startConsoleHarness, type ConsoleHarness } from './harness';
import { startHeldChannel, type HeldChannel } from './held-channel';

jest.setTimeout(120_000);

const PARTNER_CHANNEL = 'partner-shop';

let ui: ConsoleHarness;
let admin: BrowserContext;
let magento: MagentoSimulatorHandle;
/** A second Magento store whose order pages the test lets through one by one. */
let slowMagento: MagentoSimulatorHandle;
let slowPages: HeldChannel;
let receiver: Server;
let receiverUrl: string;
let webOrder: { id: string; number: string };
let partnerOrder: { id: string; number: string };

async function placeOrder(channel: string, sku: string) {
  const placed = await ui.hub.data<{ placeOrder: { id: string; number: string } }>(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id number } }`, { input: orderInput({ lines: [{ sku, quantity: 1 }], channel }) });
  return placed.placeOrder;
}

beforeAll(async () => {
  [ui, magento, slowMagento] = await Promise.all([startConsoleHarness(), startMagentoSimulator({ orders: 2, pageSize: 5 }), startMagentoSimulator({ orders: 12, pageSize: 3 })]);
  slowPages = await startHeldChannel(slowMagento.baseUrl, (req) => req.method === 'GET' && /\/V1\/orders(\?|$)/.test(req.url ?? ''));
  receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(200).end('ok')));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const berlin = await createLocation(ui.hub, CITIES.berlin);
  const sku = await createItem(ui.hub, [{ locationId: berlin, onHand: 50 }]);
  // One SKU under its safety stock, for the dashboard's low-stock chart.
  await createItem(ui.hub, [{ locationId: berlin, onHand: 5, safetyStock: 10 }]);
  webOrder = await placeOrder('web', sku);
  partnerOrder = await placeOrder(PARTNER_CHANNEL, sku);
  for (const simSku of magento.skus) await ui.hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku: simSku, name: `Item ${simSku}` } });
  admin = await ui.signedIn(ui.hub.adminKey);
});

afterEach(() => expect(ui.takePageErrors()).toEqual([]));
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await slowPages?.close();
  await Promise.all([magento?.stop(), slowMagento?.stop()]);
  await ui?.stop();
});

describe('channels', () => {
  let connectionId: string;

  it('adds a connection, showing a config error beside the field the connector schema names', async () => {
    const page = await ui.open(admin, '/channels');
    const form = page.getByRole('form', { name: 'Add connection' });
    await form.getByLabel('Connector').selectOption('magento');
    await form.getByLabel('Name').fill('Magento store');
    await form.getByLabel('Channel').fill('magento-store');
    await form.getByLabel('baseUrl').fill(String((magento.config as { baseUrl: string }).baseUrl));
    await form.getByRole('button', { name: 'Add connection' }).click();
    const error = form.locator('[data-error-for="input.config.accessToken"]');
    await error.waitFor();
    expect(await ui.hub.data<{ channelConnections: unknown[] }>('{ channelConnections { id } }')).toEqual({ channelConnections: [] });

    await form.getByLabel('accessToken').fill(String((magento.config as { accessToken: string }).accessToken));
    await form.getByRole('button', { name: 'Add connection' }).click();
    await form.getByText('Added Magento store').waitFor();
    const row = page.locator('tr[data-connection-id]', { hasText: 'Magento store' });
    await row.waitFor();
    connectionId = (await row.getAttribute('data-connection-id'))!;
    await page.close();
  });

  it('retries a dead letter once the hub can take the order', async () => {
    // An order with a SKU the hub does not know yet is refused and kept as a dead letter.
    const [channelOrderId] = await magento.addOrders(1);
    const order = magento.store.order(Number(channelOrderId));
    const newSku = unique('MG-NEW');
    order.items[0].sku = newSku;
    order.updated_at = magento.store.now();
    const letterId = await syncUntilDeadLetter(connectionId, channelOrderId);

    const page = await ui.open(admin, `/channels/${connectionId}`);
    const row = page.locator(`tr[data-dead-letter-id="${letterId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/unknown SKU/);
    await ui.screenshot(page, 'channel');

    await ui.hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku: newSku, name: 'New product' } });
    await row.getByRole('button', { name: `Retry ${channelOrderId}` }).click();
    await page.getByText('Retried 1 dead letter(s): 1 resolved').waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('Show').selectOption('RESOLVED');
    await row.locator('[data-status="RESOLVED"]').waitFor();
    expect(page.url()).toContain('letters=RESOLVED');
    const imported = await ui.hub.gql<{ orderByChannel: { id: string } | null }>(`query($id: String!) { orderByChannel(channel: "magento-store", channelOrderId: $id) { id } }`, { id: channelOrderId });
    expect(imported.data?.orderByChannel).not.toBeNull();
    await page.close();
  });

  it('pauses and resumes a connection', async () => {
    const page = await ui.open(admin, `/channels/${connectionId}`);
    await page.getByLabel('Pause reason').fill('stocktake');
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('#channel-title [data-status="PAUSED"]').waitFor();
    await page.getByText('stocktake').waitFor();
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.locator('#channel-title [data-status="ACTIVE"]').waitFor();
    await page.goto(`${ui.consoleUrl}/channels`);
    await page.locator(`tr[data-connection-id="${connectionId}"]`).waitFor();
    await ui.screenshot(page, 'channels');
    await page.close();
  });

  it('edits the settings, and asks for the credentials again when the connection points elsewhere', async () => {
    const page = await ui.open(admin, `/channels/${connectionId}`);
    await page.getByText('Edit settings').click();
    const form = page.getByRole('form', { name: 'Edit connection' });
    await form.getByLabel('Name').fill('Magento EU');
    await form.getByLabel('Sync interval (seconds)').fill('300');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText('Saved Magento EU.').waitFor();
    await page.getByRole('heading', { name: /^Magento EU/ }).waitFor();

    // The same simulator under another address: the stored token must not follow it there.
    const { baseUrl, accessToken } = magento.config as { baseUrl: string; accessToken: string };
    const moved = baseUrl.replace('127.0.0.1', 'localhost');
    await form.getByLabel('baseUrl').fill(moved);
    await form.getByRole('button', { name: 'Save settings' }).click();
    const error = form.locator('[data-error-for="input.config.accessToken"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/again/);
    expect(await form.getByLabel('accessToken').getAttribute('aria-invalid')).toBe('true');
    const unchanged = await ui.hub.data<{ channelConnection: { config: { baseUrl: string } } }>(`query($id: ID!) { channelConnection(id: $id) { config } }`, { id: connectionId });
    expect(unchanged.channelConnection.config.baseUrl).toBe(baseUrl);

    await form.getByLabel('accessToken').fill(accessToken);
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText(/^Saved Magento EU; the channel accepted/).waitFor();
    const saved = await ui.hub.data<{ channelConnection: { name: string; syncIntervalSeconds: number; config: { baseUrl: string; accessToken: string } } }>(
      `query($id: ID!) { channelConnection(id: $id) { name syncIntervalSeconds config } }`,
      { id: connectionId },
    );
    expect(saved.channelConnection).toEqual({ name: 'Magento EU', syncIntervalSeconds: 300, config: expect.objectContaining({ baseUrl: moved, accessToken: '[redacted]' }) });
    await page.close();
  });

  it('shows the current run’s progress moving batch by batch, without a reload', async () => {
    for (const simSku of slowMagento.skus) await ui.hub.data(`mutation($input: UpsertInventoryItemInput!) { upsertInventoryItem(input: $input) { sku } }`, { input: { sku: simSku, name: `Item ${simSku}` } });
    // One second apart: each page of orders then brings new ones, so every page let through is a batch.
    [...slowMagento.store.orders.values()].forEach((order, index) => {
      order.updated_at = `2026-01-01 00:00:${String(10 + index).padStart(2, '0')}`;
    });
    const { accessToken } = slowMagento.config as { accessToken: string };
    // Its first sync starts at once and waits at its first page of orders until the test lets it through.
    const added = await ui.hub.data<{ addChannelConnection: { id: string } }>(`mutation($input: AddChannelConnectionInput!) { addChannelConnection(input: $input) { id } }`, {
      input: { name: 'Magento slow', kind: 'magento', channel: 'magento-slow', config: { baseUrl: slowPages.url, accessToken, pageSize: 3 } },
    });
    const id = added.addChannelConnection.id;
    const page = await ui.open(admin, `/channels/${id}`);
    const progress = page.locator('[data-testid="run-progress"]');
    await progress.waitFor();
    await page.evaluate('window.__sameDocument = true');
    expect(await page.getByRole('progressbar', { name: 'Sync progress' }).count()).toBe(1);
    expect(await progress.getAttribute('data-read')).toBe('0');

    slowPages.release(1);
    await page.locator('[data-testid="run-progress"][data-read="3"]').waitFor();
    expect(await progress.textContent()).toContain('batch 1 · 3 read · 3 created');
    slowPages.release(1);
    // The next page starts from the newest second read (keyset paging), so it brings fewer than 3 new ones.
    await page.waitForFunction(`Number(document.querySelector('[data-testid="run-progress"]')?.getAttribute('data-read')) > 3`);
    expect(await page.getByRole('progressbar', { name: 'Sync progress' }).count()).toBe(1);
    await ui.screenshot(page, 'channel-run');

    slowPages.open();
    await page.locator('[data-testid="last-run"]', { hasText: '12 read' }).waitFor();
    await page.getByText('No run in progress.').waitFor();
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    // The finished run is in the history the page refreshed when it ended.
    await page.getByRole('table', { name: 'Runs' }).locator('tbody tr').first().locator('[data-status="SUCCEEDED"]').waitFor();
    await page.close();
  });
});

describe('roles', () => {
  it('shows a PARTNER only its own channels’ orders and no key management', async () => {
    const partner = await ui.hub.createKey('PARTNER', { channels: [PARTNER_CHANNEL] });
    const context = await ui.signedIn(partner.secret);
    const page = await ui.open(context, '/orders');
    await page.locator(`tr[data-order-id="${partnerOrder.id}"]`).waitFor();
    const channels = await page.locator('table[aria-label="Orders"] tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(channels)).toEqual(new Set([PARTNER_CHANNEL]));
    expect(await page.locator(`tr[data-order-id="${webOrder.id}"]`).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).count()).toBe(0);

    // Another channel's order is not found by its number either; its own is.
    await page.getByLabel('Search').fill(webOrder.number);
    await page.getByLabel('Search').press('Enter');
    await page.getByText(`0 found for “${webOrder.number}”`).waitFor();
    await page.getByLabel('Search').fill(partnerOrder.number);
    await page.getByLabel('Search').press('Enter');
    await page.getByText(`1 found for “${partnerOrder.number}”`).waitFor();

    // Channel connections: only its own channels' (the Magento store is another channel's).
    const answered = page.waitForResponse((response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes('query ChannelConnections'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Channels' }).click();
    await answered;
    // Rows render in the same commit that removes "Loading…".
    await page.getByText('Loading…').waitFor({ state: 'detached' });
    expect(await page.locator('tr[data-connection-id]').count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Add connection' }).count()).toBe(0);
    await context.close();
  });

  it('lets STAFF operate but not manage keys', async () => {
    const staff = await ui.hub.createKey('STAFF');
    const context = await ui.signedIn(staff.secret);
    const page = await ui.open(context, '/keys');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Dashboard', 'Orders', 'Shipments', 'Inventory', 'Channels', 'Webhooks']);
    await context.close();
  });
});

describe('API keys', () => {
  it('creates a key whose secret is shown once and works, then revokes it', async () => {
    const page = await ui.open(admin, '/keys');
    const form = page.getByRole('form', { name: 'Create API key' });
    await form.getByLabel('Name').fill('warehouse tablet');
    await form.getByLabel('Role').selectOption('STAFF');
    await form.getByRole('button', { name: 'Create key' }).click();
    const secret = (await form.locator('[data-testid="new-secret"]').textContent())!;
    const viewer = await ui.hub.gql<{ viewer: { role: string } }>('{ viewer { role } }', {}, { authorization: `Bearer ${secret}` });
    expect(viewer.data?.viewer.role).toBe('STAFF');

    const row = page.getByRole('table', { name: 'API keys' }).locator('tr', { hasText: 'warehouse tablet' });
    await row.waitFor();
    expect(await row.textContent()).not.toContain(secret);
    await ui.screenshot(page, 'keys');
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('Revoked warehouse tablet').waitFor();
    await row.getByText('revoked').waitFor();
    // The gateway may keep a key it has just seen for a few seconds.
    await waitFor('the revoked key to be refused', async () => (await ui.hub.gql('{ viewer { role } }', {}, { authorization: `Bearer ${secret}` })).errors?.[0]?.extensions?.code === 'UNAUTHENTICATED', 15_000);
    await page.close();
  });
});

describe('webhooks', () => {
  it('registers an endpoint, sends a test, shows the delivery with its attempts and redelivers it', async () => {
    const page = await ui.open(admin, '/webhooks');
    const form = page.getByRole('form', { name: 'Register endpoint' });
    await form.getByLabel('URL').fill(receiverUrl);
    await form.getByLabel('orders.order.placed', { exact: true }).check();
    await form.getByRole('button', { name: 'Register' }).click();
    await form.locator('[data-testid="new-secret"]').waitFor();
    const endpointRow = page.getByRole('table', { name: 'Webhook endpoints' }).locator('tr', { hasText: receiverUrl });
    await endpointRow.getByRole('button', { name: 'Send test' }).click();
    await page.waitForURL(/endpoint=/);
    const delivery = page.getByRole('table', { name: 'Deliveries' }).locator('tbody tr').first();
    await waitFor('the test delivery to be delivered', async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      return (await delivery.locator('[data-status="DELIVERED"]').count()) > 0;
    });
    await delivery.getByRole('button', { name: 'Redeliver' }).click();
    await page.getByText(/^Redelivered: /).waitFor();
    await waitFor('the redelivery to be recorded', async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      return (await delivery.locator('summary').textContent()) === '2';
    });
    await ui.screenshot(page, 'webhooks');
    await page.close();
  });

  it('edits an endpoint’s URL, events and active flag, with a bad URL refused at its field', async () => {
    const page = await ui.open(admin, '/webhooks');
    const endpointRow = page.getByRole('table', { name: 'Webhook endpoints' }).locator('tr', { hasText: receiverUrl });
    await endpointRow.getByRole('button', { name: 'Edit' }).click();
    await page.waitForURL(/edit=/);
    const form = page.getByRole('form', { name: 'Edit endpoint' });
    await form.getByLabel('URL').fill('not a url');
    await form.getByRole('button', { name: 'Save endpoint' }).click();
    await form.locator('[data-error-for="input.url"]').waitFor();
    expect(await form.getByLabel('URL').getAttribute('aria-invalid')).toBe('true');

    const movedUrl = `${receiverUrl}/v2`;
    await form.getByLabel('URL').fill(movedUrl);
    await form.getByLabel('orders.order.status_changed', { exact: true }).check();
    await form.getByLabel('Active (receives deliveries)').uncheck();
    await form.getByRole('button', { name: 'Save endpoint' }).click();
    await form.getByText(`Saved ${movedUrl}.`).waitFor();
    const row = page.getByRole('table', { name: 'Webhook endpoints' }).locator('tr', { hasText: movedUrl });
    await row.locator('td', { hasText: /^no$/ }).waitFor();
    const endpoints = await ui.hub.data<{ webhookEndpoints: Array<{ url: string; eventTypes: string[]; active: boolean }> }>('{ webhookEndpoints(includeInactive: true) { url eventTypes active } }');
    expect(endpoints.webhookEndpoints.find((endpoint) => endpoint.url === movedUrl)).toEqual({ url: movedUrl, eventTypes: expect.arrayContaining(['orders.order.placed', 'orders.order.status_changed']), active: false });
    await page.close();
  });
});

describe('dashboard', () => {
  it('shows the counts with links to the filtered lists behind them', async () => {
    const page = await ui.open(admin, '/');
    await page.getByRole('img', { name: 'Orders per channel per day' }).waitFor();
    await page.getByRole('link', { name: /ALLOCATED: 2/ }).waitFor();
    await page.getByRole('link', { name: /ALLOCATED: 2/ }).click();
    await page.waitForURL(/\/orders\?status=ALLOCATED/);
    await page.getByText('2 orders').waitFor();
    await page.close();
  });
});

/** Syncs until the channel order is dead-lettered; its dead letter's id. */
async function syncUntilDeadLetter(connectionId: string, channelOrderId: string): Promise<string> {
  return waitFor(`a dead letter for ${channelOrderId}`, async () => {
    const triggered = await ui.hub.gql(`mutation($id: ID!) { triggerChannelSync(id: $id) { id } }`, { id: connectionId });
    if (triggered.errors && triggered.errors[0]?.extensions?.code !== 'CONFLICT') throw new Error(JSON.stringify(triggered.errors));
    const letters = await ui.hub.data<{ channelConnection: { deadLetters: { edges: Array<{ node: { id: string; channelRecordId: string; status: string } }> } } }>(
      `query($id: ID!) { channelConnection(id: $id) { deadLetters(first: 20) { edges { node { id channelRecordId status } } } } }`,
      { id: connectionId },
    );
    return letters.channelConnection.deadLetters.edges.find(({ node }) => node.channelRecordId === channelOrderId && node.status === 'OPEN')?.node.id;
  }, 60_000);
}
