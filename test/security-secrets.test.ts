// Identity and secrets an operator depends on: a service started on its own refuses to run without a
// strong shared secret (instead of answering every request with 401 while /readyz says ready), /readyz
// tells the public only whether a service is ready, and sealed secrets (channel credentials, webhook
// secrets) are bound to their record and field, survive a restart, and are re-bound when sealed before.
import { spawn } from 'node:child_process';
import { createCipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMagentoSimulator, type MagentoSimulatorHandle } from '@oms/connector-magento';
import { SUBGRAPH_NAMES } from '@oms/gateway';
import { projectRoot, sealedFor, SecretBox, SecretKeyError, type LegacySealedSecret } from '@oms/platform';
import { waitFor } from './support/fixtures';
import { startTestStack, type TestStack } from './support/stack';

jest.setTimeout(180_000);
// The webhook receiver below listens on 127.0.0.1.
process.env.OMS_WEBHOOK_ALLOW_PRIVATE_URLS = '1';

let hub: TestStack;

beforeAll(async () => {
  hub = await startTestStack();
});
afterAll(() => hub?.stop());

/** Starts a service's own entry (as a deployment does) with exactly `env`, and waits for it to exit. */
function startAlone(entry: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 90_000 });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const ENTRIES = [...SUBGRAPH_NAMES.map((name) => `subgraphs/${name}/src/index.ts`), 'gateway/src/index.ts'];

describe('a service started on its own', () => {
  it('refuses to start without OMS_INTERNAL_SECRET, saying what to set', async () => {
    const results = await Promise.all(ENTRIES.map((entry) => startAlone(entry, {})));
    results.forEach((result, index) => {
      expect({ entry: ENTRIES[index], code: result.code }).toEqual({ entry: ENTRIES[index], code: 1 });
      expect(result.output).toMatch(/refuses to start on its own/);
      expect(result.output).toMatch(/OMS_INTERNAL_SECRET: it is not set\. Set it to the same random value of at least 32 characters/);
    });
  });

  it('refuses a short or patterned secret, and a weak OMS_SECRETS_KEY', async () => {
    const entry = 'subgraphs/orders/src/index.ts';
    const [short, patterned, weakKey] = await Promise.all([
      startAlone(entry, { OMS_INTERNAL_SECRET: 'changeme' }),
      startAlone(entry, { OMS_INTERNAL_SECRET: 'ab'.repeat(24) }),
      startAlone(entry, { OMS_INTERNAL_SECRET: randomBytes(32).toString('base64'), OMS_SECRETS_KEY: 'secret' }),
    ]);
    expect(short.code).toBe(1);
    expect(short.output).toMatch(/OMS_INTERNAL_SECRET: it has 8 characters, fewer than 32/);
    expect(patterned.code).toBe(1);
    expect(patterned.output).toMatch(/OMS_INTERNAL_SECRET: it uses only 2 different characters/);
    expect(weakKey.code).toBe(1);
    expect(weakKey.output).toMatch(/OMS_SECRETS_KEY: it has 6 characters/);
    expect(weakKey.output).not.toMatch(/OMS_INTERNAL_SECRET:/);
  });

  it('goes past the check with a strong secret (and then needs its database)', async () => {
    const result = await startAlone('subgraphs/orders/src/index.ts', { OMS_INTERNAL_SECRET: randomBytes(32).toString('base64') });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/MONGODB_URI must be set/);
    expect(result.output).not.toMatch(/refuses to start on its own/);
  });
});

describe('/readyz', () => {
  const readyz = async (url: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url.replace(/\/graphql$/, '/readyz'), { headers });
    return { status: response.status, text: await response.text() };
  };

  it('tells the public whether a subgraph is ready, and nothing about its database', async () => {
    const answer = await readyz(hub.subgraphs.orders.url);
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text);
    expect(body).toMatchObject({ service: 'orders', ready: true });
    expect(body).not.toHaveProperty('database');
    expect(answer.text).not.toMatch(/FerretDB|MongoDB|mongodb:\/\/|oms_|t[0-9a-f]{8}_orders/);
  });

  it('gives the database details only to a caller signed as a hub service', async () => {
    const signed = JSON.parse((await readyz(hub.subgraphs.orders.url, await hub.signedHeaders())).text);
    expect(['FerretDB', 'MongoDB']).toContain(signed.database.engine);
    expect(signed.database.version).toMatch(/\d+\.\d+/);
    // A signature made for a partner's request is not enough, nor a forged one.
    const partner = await hub.signedHeaders({ subject: 'partner-app', role: 'PARTNER', channels: ['web'] });
    expect(JSON.parse((await readyz(hub.subgraphs.orders.url, partner)).text)).not.toHaveProperty('database');
    expect(JSON.parse((await readyz(hub.subgraphs.orders.url, { 'x-oms-identity': 'forged.token.value' })).text)).not.toHaveProperty('database');
  });

  it('on the gateway, tells the public which subgraphs are ready without database details or error texts', async () => {
    const publicAnswer = await readyz(hub.gatewayUrl);
    expect(publicAnswer.status).toBe(200);
    const body = JSON.parse(publicAnswer.text);
    expect(body).not.toHaveProperty('database');
    expect(body.subgraphs).toEqual(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, { ready: true }])));
    expect(publicAnswer.text).not.toMatch(/FerretDB|MongoDB|version/);

    await hub.stack.subgraphs.customers.stop();
    try {
      const down = await readyz(hub.gatewayUrl);
      expect(down.status).toBe(503);
      expect(JSON.parse(down.text).subgraphs.customers).toEqual({ ready: false });
      expect(down.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|fetch failed/);
    } finally {
      await hub.stack.restartSubgraph('customers');
    }
    const signed = JSON.parse((await readyz(hub.gatewayUrl, await hub.signedHeaders())).text);
    expect(['FerretDB', 'MongoDB']).toContain(signed.database.engine);
    expect(signed.subgraphs.orders.database.engine).toBe(signed.database.engine);
  });
});

/** A value as the box sealed it before binding: `v1.` with no associated data (or channels' legacy object). */
function sealUnbound(material: string | Buffer, plaintext: string, format: 'v1' | 'object' = 'v1'): string | LegacySealedSecret {
  const key =
    typeof material === 'string' && /^[A-Za-z0-9+/]{43}=$/.test(material)
      ? Buffer.from(material, 'base64')
      : Buffer.from(hkdfSync('sha256', typeof material === 'string' ? Buffer.from(material) : material, Buffer.alloc(0), 'oms-hub/secret-box/v1', 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  if (format === 'object') {
    const kid = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), Buffer.from('kid'), 6)).toString('hex');
    return { v: 1, kid, iv: iv.toString('base64'), tag: tag.toString('base64'), data: data.toString('base64') };
  }
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return ['v1', keyId, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join('.');
}

describe('the secret box', () => {
  const material = randomBytes(32).toString('base64');
  const box = new SecretBox(material);
  const owner = sealedFor('connection', 'conn_a', 'secrets');

  it('opens a value only for the record and field it was sealed for', () => {
    const sealed = box.seal('token-123', owner);
    expect(sealed).toMatch(/^v2\./);
    expect(sealed).not.toContain('token-123');
    expect(new SecretBox(material).open(sealed, owner)).toBe('token-123');
    expect(() => box.open(sealed, sealedFor('connection', 'conn_b', 'secrets'))).toThrow(/does not open for this record/);
    expect(() => box.open(sealed, sealedFor('connection', 'conn_a', 'webhookSecret'))).toThrow(SecretKeyError);
    expect(() => box.open(sealed, sealedFor('webhook-endpoint', 'conn_a', 'secrets'))).toThrow(SecretKeyError);
  });

  it('refuses a tampered value and names a changed key', () => {
    const [format, keyId, iv, tag, data] = box.seal('token-123', owner).split('.');
    const flip = (part: string) => `${part.slice(0, -2)}${part.endsWith('AA') ? 'BA' : 'AA'}`;
    expect(() => box.open([format, keyId, iv, tag, flip(data)].join('.'), owner)).toThrow(/does not open/);
    expect(() => box.open([format, keyId, iv, flip(tag), data].join('.'), owner)).toThrow(/does not open/);
    expect(() => box.open([format, keyId, flip(iv), tag, data].join('.'), owner)).toThrow(/does not open/);
    expect(() => new SecretBox(randomBytes(32).toString('base64')).open([format, keyId, iv, tag, data].join('.'), owner)).toThrow(/another key/);
  });

  it('opens values sealed before binding only to seal them again', () => {
    for (const format of ['v1', 'object'] as const) {
      const old = sealUnbound(material, 'token-old', format);
      expect(box.openUnbound(old)).toBe('token-old');
      expect(() => box.open(old, owner)).toThrow(/predates binding/);
    }
    expect(() => box.openUnbound(box.seal('token-new', owner))).toThrow(SecretKeyError);
    expect(() => sealedFor('connection', 'a:b', 'secrets')).toThrow();
  });
});

describe('sealed channel credentials', () => {
  let magento: MagentoSimulatorHandle;
  const ids: Record<'first' | 'second', string> = { first: '', second: '' };
  const RUN = 'id status error';
  const connections = () => hub.stack.subgraphs.channels.connection.collection<{ _id: string; secrets: unknown }>('channel_connections');

  beforeAll(async () => {
    magento = await startMagentoSimulator({ orders: 0 });
    for (const which of ['first', 'second'] as const) {
      const added = await hub.data(`mutation($input: AddChannelConnectionInput!) { addChannelConnection(input: $input) { id } }`, {
        input: { name: `secrets ${which}`, kind: 'magento', channel: `secrets-${which}`, config: magento.config, syncIntervalSeconds: 3600 },
      });
      ids[which] = added.addChannelConnection.id;
    }
  });
  afterAll(() => magento?.stop());

  async function status(id: string) {
    return (await hub.data(`query($id: ID!) { channelConnection(id: $id) { status parkedReason currentRun { id } runs(first: 5) { ${RUN} } } }`, { id })).channelConnection;
  }

  /** Triggers a sync once the connection is idle and returns the finished run, or the connection once it parks. */
  async function syncOnce(id: string) {
    await waitFor('the connection to be idle', async () => !(await status(id)).currentRun);
    const triggered = await hub.gql(`mutation($id: ID!) { triggerChannelSync(id: $id) { ${RUN} } }`, { id });
    if (triggered.errors) throw new Error(`triggerChannelSync failed: ${JSON.stringify(triggered.errors)}`);
    const runId = triggered.data.triggerChannelSync.id;
    return waitFor(`sync ${runId} to finish`, async () => {
      const current = await status(id);
      const run = current.runs.find((candidate: { id: string; status: string }) => candidate.id === runId && candidate.status !== 'RUNNING');
      return run ? { run, connection: current } : null;
    }, 60_000);
  }

  async function restartChannels() {
    await hub.stack.subgraphs.channels.stop();
    await hub.stack.restartSubgraph('channels');
  }

  it('still work after the channels subgraph restarts', async () => {
    await restartChannels();
    expect((await syncOnce(ids.first)).run.status).toBe('SUCCEEDED');
    expect(String((await connections().findOne({ _id: ids.first }))!.secrets)).toMatch(/^v2\./);
  });

  it('are bound again when sealed before binding, and still work', async () => {
    const currentBox = new SecretBox();
    const stored = (await connections().findOne({ _id: ids.first }))!.secrets as string;
    const plaintext = currentBox.open(stored, sealedFor('connection', ids.first, 'secrets'));
    // As an earlier version stored them: same key, no binding.
    const material = process.env.OMS_SECRETS_KEY ?? Buffer.from(process.env.OMS_INTERNAL_SECRET!);
    await connections().updateOne({ _id: ids.first }, { $set: { secrets: sealUnbound(material, plaintext) } });
    await restartChannels();
    const rebound = String((await connections().findOne({ _id: ids.first }))!.secrets);
    expect(rebound).toMatch(/^v2\./);
    expect(currentBox.open(rebound, sealedFor('connection', ids.first, 'secrets'))).toBe(plaintext);
    expect((await syncOnce(ids.first)).run.status).toBe('SUCCEEDED');
  });

  it('copied onto another connection do not open there: that connection parks', async () => {
    const fromFirst = (await connections().findOne({ _id: ids.first }))!.secrets;
    await connections().updateOne({ _id: ids.second }, { $set: { secrets: fromFirst } });
    await waitFor('the second connection to be idle', async () => !(await status(ids.second)).currentRun);
    await hub.gql(`mutation($id: ID!) { triggerChannelSync(id: $id) { id } }`, { id: ids.second });
    const parked = await waitFor('the second connection to park', async () => {
      const current = await status(ids.second);
      return current.status === 'PARKED' ? current : null;
    });
    expect(parked.parkedReason).toMatch(/does not open for this record/);
    // The connection they belong to is unaffected.
    expect((await syncOnce(ids.first)).run.status).toBe('SUCCEEDED');
  });
});

describe('sealed webhook secrets', () => {
  const received: Array<{ endpoint: string; timestamp: string; signature: string; body: string }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ endpoint: String(req.url).slice(1), timestamp: String(req.headers['x-oms-timestamp']), signature: String(req.headers['x-oms-signature']), body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end('ok');
    });
  });
  const endpoints = () => hub.stack.subgraphs.webhooks.connection.collection<{ _id: string; secretCiphertext: string }>('webhook_endpoints');
  let first: { secret: string; endpoint: { id: string } };
  let second: { secret: string; endpoint: { id: string } };

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const register = async (name: string) =>
      (await hub.data(`mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret endpoint { id } } }`, { input: { url: `${base}/${name}`, eventTypes: ['fulfillment.shipment.*'] } }))
        .registerWebhookEndpoint as { secret: string; endpoint: { id: string } };
    first = await register('first');
    second = await register('second');
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sendTest = async (id: string) => (await hub.data(`mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }`, { id })).sendTestWebhook.id as string;

  /** Sends a test event to the first endpoint and checks the receiver got it signed with its secret. */
  async function expectFirstSignsWithItsSecret() {
    const before = received.length;
    await sendTest(first.endpoint.id);
    const delivered = await waitFor('the first endpoint to receive its test event', async () => received.slice(before).find((request) => request.endpoint === 'first'));
    expect(delivered.signature).toBe(`v1=${createHmac('sha256', first.secret).update(`${delivered.timestamp}.${delivered.body}`).digest('hex')}`);
  }

  it('sign deliveries for their own endpoint only: copied onto another endpoint, its attempt fails and nothing is sent', async () => {
    const sealed = (await endpoints().findOne({ _id: first.endpoint.id }))!.secretCiphertext;
    expect(sealed).toMatch(/^v2\./);
    await endpoints().updateOne({ _id: second.endpoint.id }, { $set: { secretCiphertext: sealed } });

    const refused = await sendTest(second.endpoint.id);
    const attempt = await waitFor('the copied secret to fail an attempt', async () => {
      const { webhookDelivery } = await hub.data(`query($id: ID!) { webhookDelivery(id: $id) { attemptLog { statusCode error } } }`, { id: refused });
      return webhookDelivery.attemptLog[0];
    });
    expect(attempt).toMatchObject({ statusCode: null, error: expect.stringMatching(/does not open for this record/) });
    await expectFirstSignsWithItsSecret();
    expect(received.filter((request) => request.endpoint === 'second')).toEqual([]);
  });

  it('sealed before binding are bound again when the webhooks subgraph starts, and still sign', async () => {
    const material = process.env.OMS_SECRETS_KEY ?? Buffer.from(process.env.OMS_INTERNAL_SECRET!);
    await endpoints().updateOne({ _id: first.endpoint.id }, { $set: { secretCiphertext: sealUnbound(material, first.secret) as string } });
    await hub.stack.subgraphs.webhooks.stop();
    await hub.stack.restartSubgraph('webhooks');
    expect((await endpoints().findOne({ _id: first.endpoint.id }))!.secretCiphertext).toMatch(/^v2\./);
    await expectFirstSignsWithItsSecret();
  });
});
