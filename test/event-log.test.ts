// The event log's group-committed relay on the real test database: many writers' outboxes stored in
// a few rounds with contiguous seqs, off the writer's path; an event relayed twice stored once; a
// seq taken behind the relay's back skipped; a failed round retried.
import { randomBytes } from 'node:crypto';
import { Schema, type Connection } from 'mongoose';
import { connectDatabase, ensureIndexes, EventLog, KeyedLock, newEvent, type OutboxEvent, type OutboxModel, type StoredEvent } from '@oms/platform';

interface ThingRecord {
  _id: string;
  n: number;
  outbox?: OutboxEvent[];
}

let connection: Connection;
let log: EventLog;
const thingSchema = new Schema<ThingRecord>({ _id: String, n: Number, outbox: { type: [Schema.Types.Mixed], default: [] } }, { collection: 'things', versionKey: false });
const things = () => connection.model<ThingRecord>('Thing', thingSchema);
const inserts: number[] = [];

beforeAll(async () => {
  connection = await connectDatabase(process.env.OMS_TEST_MONGODB_URI!, `eventlog_${randomBytes(4).toString('hex')}`, { monitorCommands: true });
  log = new EventLog('things', connection, new KeyedLock());
  things();
  await ensureIndexes(connection);
  connection.getClient().on('commandStarted', (event) => {
    if (event.commandName === 'insert' && event.command.insert === 'events') inserts.push(event.command.documents.length);
  });
});
afterAll(async () => {
  await log.stop();
  await connection.dropDatabase();
  await connection.close();
});

/** One change of a thing with its event on the outbox (what a writer does before relaying). */
async function change(id: string, events = 1): Promise<OutboxEvent[]> {
  const outbox = Array.from({ length: events }, (_, i) => newEvent('test.thing.changed', 'Thing', id, { i }, 'test'));
  await things().updateOne({ _id: id }, { $inc: { n: 1 }, $push: { outbox: { $each: outbox } } }, { upsert: true });
  return outbox;
}

async function allEvents(): Promise<StoredEvent[]> {
  const head = await log.lastSeq();
  const { events } = await log.read({ afterSeq: 0, limit: head + 10 });
  return events;
}

function expectContiguous(events: StoredEvent[]): void {
  expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => i + 1));
}

it('stores the outboxes of many documents in a few group-committed rounds, seqs contiguous, each document in its own order', async () => {
  inserts.length = 0;
  const ids = Array.from({ length: 60 }, (_, i) => `thing-${i}`);
  const written = new Map<string, OutboxEvent[]>();
  const seen: StoredEvent[] = [];
  const off = log.onStored((event) => seen.push(event));
  await Promise.all(
    ids.map(async (id) => {
      const outbox = await change(id, 2);
      written.set(id, outbox);
      log.relaySoon(things(), id, `thing:${id}`);
    }),
  );
  await log.idle();
  off();

  const events = await allEvents();
  expect(events).toHaveLength(120);
  expectContiguous(events);
  for (const [id, outbox] of written) {
    expect(events.filter((event) => event.aggregateId === id).map((event) => event.id)).toEqual(outbox.map((event) => event.id));
  }
  // Announced once each, in log order.
  expect(seen.map((event) => event.seq)).toEqual(events.map((event) => event.seq));
  // Fewer inserts than documents: requests made while a round ran joined the next one.
  expect(inserts.length).toBeLessThan(ids.length);
  expect(inserts.reduce((sum, n) => sum + n, 0)).toBe(120);
  const left = await things().find({ 'outbox.0': { $exists: true } }).lean();
  expect(left).toHaveLength(0);
});

it('relay() answers with the events it stored once they are in the log', async () => {
  const outbox = await change('awaited', 3);
  const stored = await log.relay(things(), 'awaited', 'thing:awaited');
  expect(stored.map((event) => event.id)).toEqual(outbox.map((event) => event.id));
  const events = await allEvents();
  expect(events.slice(-3).map((event) => event.id)).toEqual(outbox.map((event) => event.id));
  expect(await log.relay(things(), 'awaited', 'thing:awaited')).toEqual([]);
});

it('stores an event relayed twice once (a crash between the insert and the pull), and keeps the seqs contiguous', async () => {
  const outbox = await change('crashed', 2);
  // The first relay stored the events, then the process died before pulling them from the outbox.
  const head = await log.lastSeq();
  await connection.collection('events').insertMany(outbox.map((event, i) => ({ _id: event.id as never, ...event, id: undefined, seq: head + 1 + i })));
  const later = await change('crashed', 1);
  const stored = await log.relay(things(), 'crashed', 'thing:crashed');
  expect(stored.map((event) => event.id)).toEqual(later.map((event) => event.id));
  const events = await allEvents();
  expectContiguous(events);
  expect(events.filter((event) => event.aggregateId === 'crashed').map((event) => event.id)).toEqual([...outbox, ...later].map((event) => event.id));
  expect((await things().findById('crashed').lean())!.outbox).toEqual([]);
});

it('takes the next free seq when another writer stored one behind its back', async () => {
  const head = await log.lastSeq();
  const foreign = newEvent('test.thing.changed', 'Thing', 'elsewhere', {}, 'other-process');
  await connection.collection('events').insertOne({ _id: foreign.id as never, ...foreign, id: undefined, seq: head + 1 });
  await change('after-foreign', 2);
  const stored = await log.relay(things(), 'after-foreign', 'thing:after-foreign');
  expect(stored.map((event) => event.seq)).toEqual([head + 2, head + 3]);
  expectContiguous(await allEvents());
});

it('sweeps outboxes left behind at start, once', async () => {
  const outbox = await change('left-behind', 2);
  const fresh = new EventLog('things', connection, new KeyedLock());
  expect(await fresh.sweep(things(), (doc) => `thing:${String(doc._id)}`)).toBe(2);
  expect(await fresh.sweep(things(), (doc) => `thing:${String(doc._id)}`)).toBe(0);
  await fresh.stop();
  const events = await allEvents();
  expectContiguous(events);
  expect(events.filter((event) => event.aggregateId === 'left-behind').map((event) => event.id)).toEqual(outbox.map((event) => event.id));
});

it('retries a relay whose round failed, and relay() reports the failure while the retry goes on', async () => {
  const outbox = await change('flaky', 1);
  // The database answers the first read of the outbox with an error (a dropped connection).
  let failuresLeft = 1;
  const real = things();
  const flaky = new Proxy(real, {
    get(target, property, receiver) {
      if (property !== 'findById') return Reflect.get(target, property, receiver);
      return (...args: Parameters<typeof real.findById>) => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          return { lean: () => ({ exec: () => Promise.reject(new Error('connection reset')) }) };
        }
        return target.findById(...args);
      };
    },
  });
  await expect(log.relay(flaky, 'flaky', 'thing:flaky')).rejects.toThrow('connection reset');
  await log.idle();
  const events = await allEvents();
  expectContiguous(events);
  expect(events.filter((event) => event.aggregateId === 'flaky').map((event) => event.id)).toEqual(outbox.map((event) => event.id));
  expect((await things().findById('flaky').lean())!.outbox).toEqual([]);
});

it('relays from the copy a write returned without reading the document, and reads when two writes wait', async () => {
  const finds: string[] = [];
  const listener = (event: { commandName: string; command: Record<string, unknown> }) => {
    if (event.commandName === 'find' && event.command.find === 'things') finds.push(String((event.command.filter as { _id?: unknown })._id));
  };
  connection.getClient().on('commandStarted', listener);
  try {
    const outbox = newEvent('test.thing.changed', 'Thing', 'copied', { i: 1 }, 'test');
    const written = await things().findOneAndUpdate({ _id: 'copied' }, { $push: { outbox } }, { upsert: true, returnDocument: 'after' }).lean();
    log.relaySoon(things(), 'copied', 'thing:copied', written);
    await log.idle();
    expect(finds).toEqual([]);
    expect((await things().findById('copied').lean())!.outbox).toEqual([]);
    finds.length = 0;

    // Two writes before the round: either copy could be the older one, so the round reads the document.
    const first = await things().findOneAndUpdate({ _id: 'copied' }, { $push: { outbox: newEvent('test.thing.changed', 'Thing', 'copied', { i: 2 }, 'test') } }, { returnDocument: 'after' }).lean();
    const second = await things().findOneAndUpdate({ _id: 'copied' }, { $push: { outbox: newEvent('test.thing.changed', 'Thing', 'copied', { i: 3 }, 'test') } }, { returnDocument: 'after' }).lean();
    log.relaySoon(things(), 'copied', 'thing:copied', second);
    log.relaySoon(things(), 'copied', 'thing:copied', first);
    await log.idle();
    expect(finds).toEqual(['copied']);
  } finally {
    connection.getClient().off('commandStarted', listener);
  }
  const events = (await allEvents()).filter((event) => event.aggregateId === 'copied');
  expect(events.map((event) => event.payload.i)).toEqual([1, 2, 3]);
  expect((await things().findById('copied').lean())!.outbox).toEqual([]);
});

it('moves a companion outbox out with the events: projected once per round, pulled by the same update', async () => {
  const ledgerSchema = new Schema({ _id: String, n: Number, outbox: { type: [Schema.Types.Mixed], default: [] }, entries: { type: [Schema.Types.Mixed], default: [] } }, { collection: 'ledgered', versionKey: false });
  const ledgered = connection.model('Ledgered', ledgerSchema) as unknown as OutboxModel;
  const projected: unknown[][] = [];
  const companionLog = new EventLog('things', connection, new KeyedLock());
  companionLog.relayAlso(ledgered, {
    fields: ['entries'],
    project: async (docs) => {
      projected.push(docs.flatMap((doc) => doc.entries as unknown[]));
    },
    pulls: (doc) => ({ entries: (doc.entries as unknown[]) ?? [] }),
  });
  const updates: number[] = [];
  const listener = (event: { commandName: string; command: Record<string, unknown> }) => {
    if (event.commandName === 'update' && event.command.update === 'ledgered') updates.push(1);
  };
  connection.getClient().on('commandStarted', listener);
  try {
    await Promise.all(
      ['a', 'b', 'c'].map(async (id) => {
        const written = await ledgered.collection.findOneAndUpdate(
          { _id: `ledgered-${id}` } as never,
          { $push: { outbox: newEvent('test.thing.changed', 'Thing', `ledgered-${id}`, {}, 'test'), entries: { entry: id } } } as never,
          { upsert: true, returnDocument: 'after' },
        );
        companionLog.relaySoon(ledgered, `ledgered-${id}`, `ledgered:${id}`, written);
      }),
    );
    await companionLog.idle();
  } finally {
    connection.getClient().off('commandStarted', listener);
    await companionLog.stop();
  }
  expect(projected.flat()).toEqual(expect.arrayContaining([{ entry: 'a' }, { entry: 'b' }, { entry: 'c' }]));
  expect(projected.flat()).toHaveLength(3);
  // One pull per document for both outboxes.
  expect(updates).toHaveLength(3);
  for (const id of ['a', 'b', 'c']) expect(await ledgered.collection.findOne({ _id: `ledgered-${id}` } as never)).toMatchObject({ outbox: [], entries: [] });
});
