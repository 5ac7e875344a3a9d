// The peer-call coalescer: a lone call goes at once, calls arriving while batches are in flight go
// together, actors never share a request, and a batch refused as a whole is answered call by call.
import { CoalescedCall } from './coalesced-call';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

test('sends a lone call at once and gathers the calls that arrive while the pipe is full', async () => {
  const sent: string[][] = [];
  const gates: Array<ReturnType<typeof deferred<void>>> = [];
  const call = new CoalescedCall<string, string>({
    maxInFlight: 1,
    maxBatch: 10,
    one: async (input) => {
      sent.push([input]);
      const gate = deferred<void>();
      gates.push(gate);
      await gate.promise;
      return `one:${input}`;
    },
    many: async (inputs) => {
      sent.push(inputs);
      return inputs.map((input) => `many:${input}`);
    },
  });
  const first = call.call('a', 'actor');
  await new Promise((resolve) => setImmediate(resolve));
  expect(sent).toEqual([['a']]);
  const rest = ['b', 'c', 'd'].map((input) => call.call(input, 'actor'));
  await new Promise((resolve) => setImmediate(resolve));
  expect(sent).toEqual([['a']]);
  gates[0].resolve();
  expect(await first).toBe('one:a');
  expect(await Promise.all(rest)).toEqual(['many:b', 'many:c', 'many:d']);
  expect(sent).toEqual([['a'], ['b', 'c', 'd']]);
});

test('keeps actors apart and answers each call of a refused batch on its own', async () => {
  const requests: Array<{ actor: string; inputs: number[] }> = [];
  const call = new CoalescedCall<number, number>({
    maxInFlight: 2,
    maxBatch: 10,
    one: async (input, actor) => {
      requests.push({ actor, inputs: [input] });
      if (input < 0) throw new Error(`bad input ${input}`);
      return input * 10;
    },
    many: async (inputs, actor) => {
      requests.push({ actor, inputs });
      if (inputs.some((input) => input < 0)) throw new Error('refused as a whole');
      return inputs.map((input) => input * 10);
    },
  });
  const answers = await Promise.allSettled([call.call(1, 'alice'), call.call(-1, 'alice'), call.call(2, 'bob'), call.call(3, 'bob')]);
  expect(answers.map((answer) => (answer.status === 'fulfilled' ? answer.value : (answer.reason as Error).message))).toEqual([10, 'bad input -1', 20, 30]);
  expect(requests).toEqual(
    expect.arrayContaining([
      { actor: 'alice', inputs: [1, -1] },
      { actor: 'alice', inputs: [1] },
      { actor: 'alice', inputs: [-1] },
      { actor: 'bob', inputs: [2, 3] },
    ]),
  );
  expect(requests).toHaveLength(4);
});
