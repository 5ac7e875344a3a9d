// GraphHubSink against a scripted hub (a local HTTP server answering importOrders): orders the hub was
// too busy for are sent again after its hint, a refusal no record can fix fails the batch, and a
// value refused at validation fails that order alone.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CanonicalOrder } from '../canonical';
import { ConnectorError } from '../errors';
import { GraphHubSink } from './graph-sink';

const order = (id: string): CanonicalOrder => ({
  channelOrderId: id,
  state: 'OPEN',
  currency: 'EUR',
  customer: { email: `${id}@example.com` },
  shippingAddress: { name: 'A', line1: '1 Main St', city: 'Berlin', countryCode: 'DE' },
  lines: [{ channelLineId: `${id}-1`, sku: 'SKU', quantity: 1, unitPrice: 100, tax: 0 }],
  shippingPrice: 0,
  discount: 0,
  placedAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

type Answer = (input: Array<{ channelOrderId: string }>) => { status?: number; body: unknown };

async function scriptedHub(answers: Answer[]) {
  const received: string[][] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      received.push(variables.input.map((input: { channelOrderId: string }) => input.channelOrderId));
      const answer = (answers.shift() ?? answers[answers.length - 1])(variables.input);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return { url, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const created = (input: Array<{ channelOrderId: string }>, busy: string[] = []) => ({
  body: {
    data: {
      importOrders: {
        results: input.map((each, index) =>
          busy.includes(each.channelOrderId)
            ? { index, outcome: 'FAILED', order: null, error: { code: 'UNAVAILABLE', field: null, message: 'This channel order is busy', retryAfterSeconds: 1 } }
            : { index, outcome: 'CREATED', order: { id: `hub-${each.channelOrderId}`, status: 'ALLOCATED' }, error: null },
        ),
      },
    },
  },
});

describe('GraphHubSink', () => {
  it('sends the orders the hub was too busy for again after its hint, and only those', async () => {
    const hub = await scriptedHub([(input) => created(input, ['2']), (input) => created(input)]);
    try {
      const started = Date.now();
      const outcomes = await new GraphHubSink({ url: hub.url }).upsertOrders('shop', [order('1'), order('2'), order('3')]);
      expect(outcomes.map((outcome) => [outcome.channelOrderId, outcome.outcome, outcome.hubOrderId])).toEqual([
        ['1', 'CREATED', 'hub-1'],
        ['2', 'CREATED', 'hub-2'],
        ['3', 'CREATED', 'hub-3'],
      ]);
      expect(hub.received).toEqual([['1', '2', '3'], ['2']]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    } finally {
      await hub.stop();
    }
  });

  it('fails the batch (retried whole) when the hub refuses an order for a reason no record can fix', async () => {
    const refusal = { index: 1, outcome: 'FAILED', order: null, error: { code: 'FORBIDDEN', field: 'input[1].channel', message: 'not your channel', retryAfterSeconds: null } };
    const hub = await scriptedHub([(input) => ({ body: { data: { importOrders: { results: [created(input).body.data.importOrders.results[0], refusal] } } } })]);
    try {
      const error = await new GraphHubSink({ url: hub.url }).upsertOrders('shop', [order('1'), order('2')]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).kind).toBe('AUTH');
    } finally {
      await hub.stop();
    }
  });

  it('fails an order whose value GraphQL refused at validation, and sends the rest again', async () => {
    const coercion = { status: 400, body: { errors: [{ message: 'Variable "$input" got invalid value "soon" at "input[0].placedAt"; Expected type "DateTime".', extensions: { code: 'BAD_USER_INPUT' } }] } };
    const hub = await scriptedHub([() => coercion, (input) => created(input)]);
    try {
      const outcomes = await new GraphHubSink({ url: hub.url }).upsertOrders('shop', [{ ...order('1'), placedAt: 'soon' }, order('2')]);
      expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['FAILED', 'CREATED']);
      expect(outcomes[0].reason).toMatch(/^BAD_USER_INPUT: .*at "input\.placedAt"/);
      expect(hub.received).toEqual([['1', '2'], ['2']]);
    } finally {
      await hub.stop();
    }
  });
});
