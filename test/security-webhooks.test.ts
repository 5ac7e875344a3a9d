// Outbound requests a caller aims (SSRF), with the guard on as in production: partner and staff
// webhook endpoints reach public addresses only — every private form is refused at registration, and a
// name that resolves to a private address by the time of sending is refused then, without connecting;
// a STAFF connection's base URL gets the same check. The back office (ADMIN) may still target its own
// network. DNS is answered by a stand-in resolver for the names below (no DNS is reachable here).
import dns from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createItem, createLocation, CITIES, placeOrder, unique, waitFor } from './support/fixtures';
import { startTestStack, type ApiKeyHandle, type TestStack } from './support/stack';

process.env.OMS_WEBHOOK_BACKOFF_BASE_MS = '50';
process.env.OMS_WEBHOOK_BACKOFF_CAP_MS = '300';
delete process.env.OMS_WEBHOOK_ALLOW_PRIVATE_URLS;
delete process.env.OMS_CHANNELS_ALLOW_PRIVATE_URLS;

const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id url } } }`;

/** What the stand-in DNS answers for a name (others go to the system resolver). */
const dnsAnswers = new Map<string, string[]>();
const realLookup = dns.lookup;

let hub: TestStack;
let location: string;
let receiver: Server;
let receiverPort: number;
let requestsReceived = 0;
let partner: ApiKeyHandle;
let channel: string;

beforeAll(async () => {
  jest.spyOn(dns, 'lookup').mockImplementation(((hostname: string, options: unknown, callback?: unknown) => {
    const done = (typeof options === 'function' ? options : callback) as (error: NodeJS.ErrnoException | null, ...answer: unknown[]) => void;
    const answers = dnsAnswers.get(hostname.replace(/\.$/, ''));
    if (!answers) return (realLookup as (...args: unknown[]) => void)(hostname, options, callback);
    const all = answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (typeof options === 'object' && options && (options as { all?: boolean }).all) return process.nextTick(() => done(null, all));
    return process.nextTick(() => done(null, all[0].address, all[0].family));
  }) as unknown as typeof dns.lookup);
  receiver = createServer((_req, res) => {
    requestsReceived += 1;
    res.end('ok');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverPort = (receiver.address() as AddressInfo).port;
  hub = await startTestStack();
  location = await createLocation(hub, CITIES.berlin);
  channel = unique('ssrf');
  partner = await hub.createKey('PARTNER', { channels: [channel] });
});
afterAll(async () => {
  jest.restoreAllMocks();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await hub?.stop();
});

describe('webhook URLs', () => {
  it('refuses every private address form at registration, for partners and staff, naming input.url, and stores nothing', async () => {
    dnsAnswers.set('hooks.resolves-private.example', ['93.184.215.14', '10.0.0.7']);
    const staff = await hub.createKey('STAFF');
    const count = async () => (await hub.data(`{ webhookEndpoints(includeInactive: true) { id } }`)).webhookEndpoints.length;
    const before = await count();
    const urls = [
      `http://localhost.:${receiverPort}/hooks`,
      'http://metadata.google.internal./computeMetadata/v1/',
      'http://169.254.169.254/latest/meta-data/',
      `http://127.0.0.1:${receiverPort}/hooks`,
      'http://2130706433/',
      'http://10.0.0.1/hooks',
      'http://100.64.0.1/hooks',
      'http://[::1]/hooks',
      'http://[::ffff:127.0.0.1]/hooks',
      'http://[::ffff:169.254.169.254]/hooks',
      'http://[64:ff9b::a9fe:a9fe]/hooks',
      'http://[fe80::1]/hooks',
      'http://[fd00::1]/hooks',
      'http://hooks.resolves-private.example/hooks',
    ];
    for (const url of urls) {
      for (const key of [partner, staff]) {
        const result = await hub.gql(REGISTER, { input: { url, eventTypes: ['orders.order.placed'] } }, key.headers);
        expect({ url, error: result.errors?.[0].extensions }).toEqual({ url, error: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.url' }) });
      }
    }
    const resolved = await hub.gql(REGISTER, { input: { url: 'http://hooks.resolves-private.example/hooks', eventTypes: ['orders.order.placed'] } }, partner.headers);
    expect(resolved.errors?.[0].message).toContain('10.0.0.7');
    const mapped = await hub.gql(REGISTER, { input: { url: 'http://[::ffff:127.0.0.1]/hooks', eventTypes: ['orders.order.placed'] } }, partner.headers);
    expect(mapped.errors?.[0].message).toContain('IPv4-mapped');
    expect(await count()).toBe(before);
    expect(requestsReceived).toBe(0);
  });

  it('refuses a changed URL that points at a private address', async () => {
    dnsAnswers.set('hooks.partner-a.example', ['93.184.215.15']);
    const { data } = await hub.gql(REGISTER, { input: { url: 'https://hooks.partner-a.example/in', eventTypes: ['orders.order.placed'] } }, partner.headers);
    const id = data.registerWebhookEndpoint.endpoint.id;
    const changed = await hub.gql(`mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { url: "http://[64:ff9b::7f00:1]/x" }) { url } }`, { id }, partner.headers);
    expect(changed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    await hub.gql(`mutation($id: ID!) { deactivateWebhookEndpoint(id: $id) { active } }`, { id }, partner.headers);
  });

  it('resolves the name again at send time and does not connect when it now points at a private address', async () => {
    // Registered while the name answered a public address; by the time of sending it answers loopback,
    // where a receiver is listening (DNS rebinding).
    const host = 'hooks.rebinding.example';
    dnsAnswers.set(host, ['93.184.215.16']);
    const { data, errors } = await hub.gql(REGISTER, { input: { url: `http://${host}:${receiverPort}/hooks`, eventTypes: ['orders.order.placed'] } }, partner.headers);
    expect(errors).toBeUndefined();
    const endpointId = data.registerWebhookEndpoint.endpoint.id;
    dnsAnswers.set(host, ['127.0.0.1']);

    const sku = await createItem(hub, [{ locationId: location, onHand: 5 }]);
    await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel });
    const failed = await waitFor('an attempt of the delivery', async () => {
      const { webhookDeliveries } = await hub.data(`query($id: ID!) { webhookDeliveries(endpointId: $id) { edges { node { status lastError attemptLog { statusCode error } } } } }`, { id: endpointId });
      return webhookDeliveries.edges.find((edge: any) => edge.node.attemptLog.length > 0)?.node;
    });
    expect(failed.attemptLog[0]).toEqual({ statusCode: null, error: expect.stringMatching(/^url: .*127\.0\.0\.1.*loopback/) });
    expect(failed.status).not.toBe('DELIVERED');
    expect(requestsReceived).toBe(0);
    await hub.gql(`mutation($id: ID!) { deactivateWebhookEndpoint(id: $id) { active } }`, { id: endpointId }, partner.headers);
  });

  it('lets the back office deliver to its own network', async () => {
    const { data, errors } = await hub.gql(REGISTER, { input: { url: `http://127.0.0.1:${receiverPort}/internal`, eventTypes: ['orders.order.placed'], channels: [channel] } });
    expect(errors).toBeUndefined();
    const sku = await createItem(hub, [{ locationId: location, onHand: 5 }]);
    await placeOrder(hub, { lines: [{ sku, quantity: 1 }], channel });
    await waitFor('the admin endpoint to receive a delivery', async () => requestsReceived > 0);
    await hub.data(`mutation($id: ID!) { deactivateWebhookEndpoint(id: $id) { active } }`, { id: data.registerWebhookEndpoint.endpoint.id });
  });
});

describe('connector addresses', () => {
  it('refuses a STAFF connection pointed at a private address, naming the config field, and stores nothing', async () => {
    const staff = await hub.createKey('STAFF');
    const add = `mutation($input: AddChannelConnectionInput!) { addChannelConnection(input: $input) { id } }`;
    for (const baseUrl of ['http://169.254.169.254', 'http://localhost.:8080', 'http://[::ffff:10.0.0.1]']) {
      const result = await hub.gql(add, { input: { name: unique('metadata'), kind: 'magento', channel: unique('mage'), config: { baseUrl, accessToken: 'token' } } }, staff.headers);
      expect({ baseUrl, error: result.errors?.[0].extensions }).toEqual({ baseUrl, error: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.config.baseUrl' }) });
    }
    const { channelConnections } = await hub.data(`{ channelConnections { id } }`);
    expect(channelConnections).toEqual([]);
  });
});
