// The per-key lock: bounded waits answered with a typed UNAVAILABLE, and a lock chosen from the engine.
import { KeyedLock } from './keyed-lock';
import { OmsError } from './errors';

const hold = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('serialises work per key and refuses a wait past its bound with UNAVAILABLE and a retry hint', async () => {
  const lock = new KeyedLock({ subject: 'stock level', maxWaitMs: 50 });
  const order: number[] = [];
  const first = lock.run('k', async () => {
    await hold(200);
    order.push(1);
  });
  const second = lock.run('k', async () => order.push(2));
  const error = await second.catch((caught: unknown) => caught);
  await first;
  expect(error).toBeInstanceOf(OmsError);
  expect((error as OmsError).extensions).toMatchObject({ code: 'UNAVAILABLE', lock: 'stock level', retryAfterSeconds: expect.any(Number) });
  expect((error as OmsError).message).toMatch(/stock level is busy/);
  expect(order).toEqual([1]);
});

it('refuses at once past the most waiters a key may have', async () => {
  const lock = new KeyedLock({ maxPending: 1 });
  const first = lock.run('k', () => hold(100));
  const second = lock.run('k', () => hold(1));
  const third = await lock.run('k', () => hold(1)).catch((caught: unknown) => caught);
  expect((third as OmsError).extensions.code).toBe('UNAVAILABLE');
  await Promise.all([first, second]);
});

it('keeps the work’s own errors as they are', async () => {
  const lock = new KeyedLock();
  await expect(lock.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
});

it('serialises nothing on an engine with isolated updates, and everything on FerretDB or an unknown engine', async () => {
  const atomic = KeyedLock.forEngine({ capabilities: { atomicUpdates: true } });
  expect(atomic.serialises).toBe(false);
  let running = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: 5 }, () =>
      atomic.run('k', async () => {
        running += 1;
        most = Math.max(most, running);
        await hold(10);
        running -= 1;
      }),
    ),
  );
  expect(most).toBe(5);
  expect(KeyedLock.forEngine({ capabilities: { atomicUpdates: false } }).serialises).toBe(true);
  expect(KeyedLock.forEngine(undefined).serialises).toBe(true);
});
