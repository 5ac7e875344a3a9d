// One process of test/event-log-multiprocess.test.ts: relays its own documents' outboxes into a
// shared log (and sweeps outboxes left behind, like every process at start) while consuming the same
// log under the shared consumer name, reporting to the parent over IPC.
// Environment: OMS_TEST_MONGODB_URI, WORKER_DB, WORKER_NAME, WORKER_DOCS, WORKER_CHANGES, WORKER_SLOT_MS.
import { Schema } from 'mongoose';
import { connectDatabase, ConsumerCursors, consumerCursorModel, encodeEventCursor, ensureIndexes, EventLog, KeyedLock, newEvent, type OutboxEvent } from '@oms/platform';

interface ThingRecord {
  _id: string;
  n: number;
  outbox?: OutboxEvent[];
}

export type WorkerMessage =
  | { kind: 'written'; ids: string[] }
  | { kind: 'page'; after: number; seqs: number[]; ids: string[] }
  | { kind: 'gap'; after: number; seqs: number[] }
  | { kind: 'swept'; count: number }
  | { kind: 'ready' }
  | { kind: 'done-writing'; seqClaimsLost: number }
  | { kind: 'error'; message: string };

const send = (message: WorkerMessage) => process.send!(message);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const name = process.env.WORKER_NAME!;
  const connection = await connectDatabase(process.env.OMS_TEST_MONGODB_URI!, process.env.WORKER_DB!);
  const things = connection.model<ThingRecord>('Thing', new Schema<ThingRecord>({ _id: String, n: Number, outbox: { type: [Schema.Types.Mixed], default: [] } }, { collection: 'things', versionKey: false }));
  const lock = new KeyedLock();
  const log = new EventLog('things', connection, lock);
  const slotMs = Number(process.env.WORKER_SLOT_MS ?? 400);
  const cursors = new ConsumerCursors(consumerCursorModel(connection), { slotMs, marginMs: Math.floor(slotMs / 4), owner: name });
  await ensureIndexes(connection);
  let stopping = false;
  let go: () => void;
  const started = new Promise<void>((resolve) => (go = resolve));
  process.on('message', (message) => {
    if (message === 'stop') stopping = true;
    if (message === 'go') go();
  });
  // Both processes start relaying and consuming at the same moment.
  send({ kind: 'ready' });
  await started;

  // Consumer: reads the log by seq from the shared cursor whenever it holds the lease.
  const consuming = (async () => {
    while (!stopping) {
      await cursors.consume(
        'shared-consumer',
        async (after, first) => {
          const afterSeq = after ? Number(Buffer.from(after, 'base64url').toString().split(':')[1]) : 0;
          const { events, scannedTo } = await log.read({ afterSeq, limit: first + 1 });
          const page = events.slice(0, first);
          const position = events.length > first ? page[page.length - 1].seq : scannedTo;
          return { events: page.map((event) => ({ ...event, after: afterSeq })), cursor: position > 0 ? encodeEventCursor('things', position) : after, hasMore: events.length > first };
        },
        async (events) => {
          if (!events.length) return;
          const after = events[0].after;
          const seqs = events.map((event) => event.seq);
          // A reader must never skip: each page starts right after its cursor and has no hole.
          if (seqs.some((seq, i) => seq !== after + 1 + i)) send({ kind: 'gap', after, seqs });
          send({ kind: 'page', after, seqs, ids: events.map((event) => event.id) });
          await pause(Math.random() * 15); // handling takes a little while
        },
      );
      await pause(10 + Math.random() * 10);
    }
  })();

  // Like every process at start: relay what a crash left in outboxes (the other process does too).
  send({ kind: 'swept', count: await log.sweep(things, (doc) => `thing:${String(doc._id)}`) });

  // Writer: changes of this process's own documents, each relayed without waiting, in bursts.
  const docs = Number(process.env.WORKER_DOCS ?? 10);
  const changes = Number(process.env.WORKER_CHANGES ?? 10);
  for (let round = 0; round < changes; round += 1) {
    await Promise.all(
      Array.from({ length: docs }, async (_, d) => {
        const id = `${name}-doc-${d}`;
        const event = newEvent('test.thing.changed', 'Thing', id, { round, by: name }, name);
        await lock.run(`thing:${id}`, () => things.updateOne({ _id: id }, { $inc: { n: 1 }, $push: { outbox: event } }, { upsert: true }).exec());
        send({ kind: 'written', ids: [event.id] });
        log.relaySoon(things, id, `thing:${id}`);
      }),
    );
    await pause(Math.random() * 30);
  }
  await log.idle();
  send({ kind: 'done-writing', seqClaimsLost: log.seqClaimsLost });

  await consuming;
  await cursors.release();
  await log.stop();
  await connection.close();
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    send({ kind: 'error', message: error.stack ?? error.message });
    process.exit(1);
  },
);
