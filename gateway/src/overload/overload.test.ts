// A subgraph's refusal stays typed through the gateway, and hinted errors become Retry-After.
import { OmsError } from '@oms/platform';
import { retryHintOf } from './retry-hint';
import { typedSubgraphError } from './subgraph-errors';

const response = (status: number, retryAfter: string | null = null) => ({
  status,
  statusText: status === 503 ? 'Service Unavailable' : 'Error',
  url: 'http://127.0.0.1:4003/graphql',
  headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : null) },
});

it('keeps a subgraph refusal as UNAVAILABLE with its hint, from the body or from Retry-After', () => {
  const body = { errors: [{ message: 'orders is overloaded (queue full); retry in 3 s', extensions: { code: 'UNAVAILABLE', service: 'orders', retryAfterSeconds: 3 } }] };
  const fromBody = typedSubgraphError('orders', response(503, '3'), body);
  expect(fromBody).toBeInstanceOf(OmsError);
  expect(fromBody!.extensions).toMatchObject({ code: 'UNAVAILABLE', retryAfterSeconds: 3, serviceName: 'orders' });

  const fromHeader = typedSubgraphError('orders', response(503, '7'), { errors: [{ message: 'busy', extensions: { code: 'UNAVAILABLE' } }] });
  expect(fromHeader!.extensions.retryAfterSeconds).toBe(7);

  const bare = typedSubgraphError('orders', response(503), 'Service Unavailable');
  expect(bare!.extensions).toMatchObject({ code: 'UNAVAILABLE', retryAfterSeconds: 1 });
  expect(typedSubgraphError('orders', response(500), 'oops')).toBeNull();
});

it('asks for the longest wait any hinted error asks for, and knows a rate limit', () => {
  expect(retryHintOf(undefined)).toBeNull();
  expect(retryHintOf([{ message: 'bad', extensions: { code: 'BAD_USER_INPUT' } }])).toBeNull();
  expect(
    retryHintOf([
      { message: 'a', extensions: { code: 'UNAVAILABLE', retryAfterSeconds: 2 } },
      { message: 'b', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 5.2 } },
    ]),
  ).toEqual({ seconds: 6, rateLimited: true });
});
