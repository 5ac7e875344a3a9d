// Admission control without a server: slots, the bounded queue, classes, deadlines, retry hints.
import { AdmissionController, type Release } from './admission';
import { OmsError } from '../errors';

const limits = { maxConcurrent: 2, internalReserve: 1, maxQueued: 2, maxQueueWaitMs: 0 };

async function refusal(promise: Promise<unknown>): Promise<OmsError> {
  try {
    await promise;
  } catch (error) {
    return error as OmsError;
  }
  throw new Error('expected a refusal');
}

it('admits up to the limit, queues a bounded number behind it and refuses the rest at once with UNAVAILABLE and a hint', async () => {
  const admission = new AdmissionController('svc', limits);
  const running = [await admission.acquire('client'), await admission.acquire('client')];
  const queued = [admission.acquire('client'), admission.acquire('client')];
  const error = await refusal(admission.acquire('client'));
  expect(error).toBeInstanceOf(OmsError);
  expect(error.extensions).toMatchObject({ code: 'UNAVAILABLE', service: 'svc', retryAfterSeconds: expect.any(Number) });
  expect(error.extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(admission.stats()).toMatchObject({ inFlight: 2, queued: 2, refused: 1 });
  running[0]();
  running[0](); // a second release of the same slot changes nothing
  const third = await queued[0];
  expect(admission.stats()).toMatchObject({ inFlight: 2, queued: 1 });
  running[1]();
  third();
  (await queued[1])();
  expect(admission.stats()).toMatchObject({ inFlight: 0, queued: 0, admitted: 4 });
});

it('lets internal calls use their reserve, serves them first and makes them push a waiting client call out of a full queue', async () => {
  const admission = new AdmissionController('svc', limits);
  const clients = [await admission.acquire('client'), await admission.acquire('client')];
  const reserve = await admission.acquire('internal');
  const order: string[] = [];
  const waitingClients = [admission.acquire('client'), admission.acquire('client')];
  waitingClients[0].then(() => order.push('client'), () => order.push('client refused'));
  const evicted = refusal(waitingClients[1]);
  const internal = admission.acquire('internal').then((release) => {
    order.push('internal');
    return release;
  });
  expect((await evicted).extensions.code).toBe('UNAVAILABLE');
  clients[0]();
  const internalRelease = await internal;
  expect(order).toEqual(['internal']);
  // Internal work in flight counts against the client limit: the client waits until it is below it.
  clients[1]();
  await new Promise((resolve) => setImmediate(resolve));
  expect(order).toEqual(['internal']);
  reserve();
  (await waitingClients[0])();
  expect(order).toEqual(['internal', 'client']);
  internalRelease();
});

it('gives up on a wait at the deadline, and a client that went away gives up its place', async () => {
  const admission = new AdmissionController('svc', { ...limits, maxQueueWaitMs: 50 });
  const running: Release[] = [await admission.acquire('client'), await admission.acquire('client')];
  const started = Date.now();
  const error = await refusal(admission.acquire('client'));
  expect(error.message).toMatch(/no slot within 50 ms/);
  expect(Date.now() - started).toBeLessThan(5_000);
  const gone = new AbortController();
  const abandoned = refusal(admission.acquire('client', gone.signal));
  expect(admission.queued).toBe(1);
  gone.abort();
  await abandoned;
  expect(admission.queued).toBe(0);
  running.forEach((release) => release());
});

it('refuses a client call at once when the measured pace says it would only reach the deadline in the queue', async () => {
  const admission = new AdmissionController('svc', { maxConcurrent: 1, internalReserve: 0, maxQueued: 100, maxQueueWaitMs: 1_000 });
  for (let i = 0; i < 10; i += 1) await admission.run('client', () => new Promise((resolve) => setTimeout(resolve, 300)));
  expect(admission.stats().averageMs).toBeGreaterThan(150);
  const running = await admission.acquire('client');
  const waiting = Array.from({ length: 4 }, () => admission.acquire('client'));
  const started = Date.now();
  const error = await refusal(admission.acquire('client'));
  expect(error.message).toMatch(/expected wait/);
  expect(Date.now() - started).toBeLessThan(500);
  running();
  for (const next of waiting) (await next)();
});
