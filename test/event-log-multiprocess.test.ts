// Two real processes relay into one event log and consume it under one consumer name, at the same
// time, on the test database (FerretDB: no transactions, unisolated updates, enforced unique
// indexes): every event is stored exactly once, seqs are contiguous, no reader ever sees a hole,
// every event is handled at least once, and the shared cursor never goes backwards.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Schema, type Connection } from 'mongoose';
import { connectDatabase, decodeEventCursor, newEvent, type OutboxEvent } from '@oms/platform';
import type { WorkerMessage } from './support/event-log-worker';

const DOCS = 8;
const CHANGES = 12;
const LEFT_BEHIND = 10;

let connection: Connection;
const dbName = `eventlog_mp_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  connection = await connectDatabase(process.env.OMS_TEST_MONGODB_URI!, dbName);
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

function startWorker(name: string, messages: Array<WorkerMessage & { from: string }>): { child: ChildProcess; exited: Promise<number | null> } {
  const child = fork(path.join(__dirname, 'support', 'event-log-worker.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, WORKER_DB: dbName, WORKER_NAME: name, WORKER_DOCS: String(DOCS), WORKER_CHANGES: String(CHANGES), WORKER_SLOT_MS: '400', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (message: WorkerMessage) => messages.push({ ...message, from: name }));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited };
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('keeps seqs contiguous, stores each event once, and lets both processes consume without a gap or a cursor going back', async () => {
  // Outboxes a crash left behind: both processes sweep them at start, at the same time.
  const things = connection.collection('things');
  const leftBehind: OutboxEvent[] = [];
  for (let i = 0; i < LEFT_BEHIND; i += 1) {
    const event = newEvent('test.thing.changed', 'Thing', `crashed-${i}`, { i }, 'crashed-process');
    leftBehind.push(event);
    await things.insertOne({ _id: `crashed-${i}` as never, n: 1, outbox: [event] });
  }

  const messages: Array<WorkerMessage & { from: string }> = [];
  const workers = ['p1', 'p2'].map((name) => startWorker(name, messages));

  // The shared cursor, watched from outside while both processes move it.
  const cursorSeqs: number[] = [];
  let wentBack = false;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const doc = await connection.collection('consumer_cursors').findOne({ _id: 'shared-consumer' as never });
      const seq = doc?.cursor ? decodeEventCursor(doc.cursor as string)!.seq : 0;
      if (seq !== cursorSeqs[cursorSeqs.length - 1]) {
        wentBack ||= seq < cursorSeqs[cursorSeqs.length - 1];
        cursorSeqs.push(seq);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();

  const total = LEFT_BEHIND + 2 * DOCS * CHANGES;
  try {
    await until('both processes to start', () => messages.filter((m) => m.kind === 'ready').length === 2 || messages.some((m) => m.kind === 'error'));
    for (const { child } of workers) child.send('go');
    await until('both processes to finish writing', () => messages.filter((m) => m.kind === 'done-writing').length === 2 || messages.some((m) => m.kind === 'error'));
    expect(messages.filter((m) => m.kind === 'error')).toEqual([]);
    await until('the shared cursor to reach the head of the log', () => wentBack || cursorSeqs[cursorSeqs.length - 1] === total);
  } finally {
    for (const { child } of workers) child.send('stop');
    await Promise.all(workers.map(({ exited }) => exited));
    watching = false;
    await watcher;
  }
  expect(messages.filter((m) => m.kind === 'error')).toEqual([]);

  // Stored exactly once each, with seqs 1..total.
  const stored = await connection.collection('events').find({}).toArray();
  const written = [...leftBehind.map((event) => event.id), ...messages.flatMap((m) => (m.kind === 'written' ? m.ids : []))];
  expect(written).toHaveLength(total);
  expect(stored.map((doc) => String(doc._id)).sort()).toEqual([...written].sort());
  expect(stored.map((doc) => doc.seq as number).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  // Each document's events in the order they were written.
  for (let d = 0; d < DOCS; d += 1) {
    for (const name of ['p1', 'p2']) {
      const rounds = stored.filter((doc) => doc.aggregateId === `${name}-doc-${d}`).sort((a, b) => a.seq - b.seq).map((doc) => doc.payload.round);
      expect(rounds).toEqual(Array.from({ length: CHANGES }, (_, i) => i));
    }
  }
  // Both processes relayed into the log at the same time, and took seqs from under each other.
  const relayedBy = new Set(stored.filter((doc) => doc.actor !== 'crashed-process').map((doc) => doc.actor));
  expect(relayedBy).toEqual(new Set(['p1', 'p2']));
  expect(messages.reduce((sum, m) => sum + (m.kind === 'done-writing' ? m.seqClaimsLost : 0), 0)).toBeGreaterThan(0);
  expect(await connection.collection('things').countDocuments({ 'outbox.0': { $exists: true } })).toBe(0);
  expect(messages.filter((m) => m.kind === 'swept').reduce((sum, m) => sum + (m.kind === 'swept' ? m.count : 0), 0)).toBe(LEFT_BEHIND);

  // No reader saw a hole; every event was handled at least once, by whichever process held the lease.
  expect(messages.filter((m) => m.kind === 'gap')).toEqual([]);
  const pages = messages.filter((m): m is Extract<WorkerMessage, { kind: 'page' }> & { from: string } => m.kind === 'page');
  const handled = new Set(pages.flatMap((page) => page.ids));
  expect([...written].filter((id) => !handled.has(id))).toEqual([]);
  expect(new Set(pages.map((page) => page.from))).toEqual(new Set(['p1', 'p2']));
  // The cursor only ever moved forward.
  expect(cursorSeqs.every((seq, i) => i === 0 || seq > cursorSeqs[i - 1])).toBe(true);
  expect(cursorSeqs[cursorSeqs.length - 1]).toBe(total);
}, 120_000);
