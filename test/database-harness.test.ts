// The embedded database: a real Mongo-wire server that reports what it is, never outlives the hub,
// and starts again on whatever a killed one left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase, describeEngine, projectRoot } from '@oms/platform';
import { killTree, processesMentioning } from './fixtures/process-tree';

const embedded = !process.env.MONGODB_URI;

function startFixture(dataDir: string): { child: ChildProcess; ready: Promise<string> } {
  const env = { ...process.env, OMS_DB_ENGINE: 'ferretdb', OMS_FERRETDB_BACKEND: 'embedded', LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/run-embedded-database.ts'), dataDir], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => reject(new Error(`fixture exited (${code ?? signal}) before it was ready:\n${output}`)));
  });
  return { child, ready };
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('database harness', () => {
  it('talks the MongoDB wire protocol and reports the engine and its capabilities', async () => {
    const connection = await connectDatabase(process.env.OMS_TEST_MONGODB_URI!, 'harness_check');
    try {
      const engine = await describeEngine(connection, process.env.OMS_TEST_DB_BACKEND);
      expect(['FerretDB', 'MongoDB']).toContain(engine.name);
      if (engine.name === 'FerretDB') {
        expect(engine.version).toMatch(/^v1\.\d+\.\d+/);
        expect(engine.capabilities).toMatchObject({ transactions: false, changeStreams: false, atomicUpdates: false });
      }
      const inserted = await connection.collection('probe').insertOne({ at: new Date(), n: 1 });
      expect(await connection.collection('probe').findOne({ _id: inserted.insertedId })).toMatchObject({ n: 1 });
    } finally {
      await connection.dropDatabase();
      await connection.close();
    }
  });

  (embedded ? describe : describe.skip)('embedded PostgreSQL and FerretDB', () => {
    let dataDir: string;
    beforeAll(() => {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'oms-harness-'));
    });
    afterAll(() => {
      for (const pid of processesMentioning(dataDir)) killTree(pid);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('stops PostgreSQL and FerretDB when the process that started them is killed', async () => {
      const { child, ready } = startFixture(dataDir);
      const uri = await ready;
      const client = await mongoose.createConnection(uri).asPromise();
      await client.db!.collection('kept').insertOne({ name: 'written before the kill' });
      await client.close();
      // The postgres server (-D <dataDir>/postgres) and FerretDB (--state-dir=<dataDir>/ferretdb).
      expect(processesMentioning(`${dataDir}/postgres`).length).toBeGreaterThan(0);
      expect(processesMentioning(`${dataDir}/ferretdb`).length).toBeGreaterThan(0);

      child.kill('SIGKILL');
      await waitUntil(() => processesMentioning(dataDir).length === 0, 10_000);
      expect(processesMentioning(dataDir)).toEqual([]);
      // PostgreSQL was stopped, not killed: it removed its lock file.
      expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    });

    it('leaves the database of a hub running on the same data directory alone', async () => {
      const first = startFixture(dataDir);
      try {
        const uri = await first.ready;
        await expect(startFixture(dataDir).ready).rejects.toThrow(/Another OMS Hub \(pid \d+\) is using/);
        const client = await mongoose.createConnection(uri).asPromise();
        expect(await client.db!.collection('kept').countDocuments()).toBe(1);
        await client.close();
      } finally {
        first.child.kill('SIGTERM');
        await waitUntil(() => processesMentioning(dataDir).length === 0, 10_000);
      }
    });

    it('starts again after everything was killed at once, with what was written before', async () => {
      const first = startFixture(dataDir);
      await first.ready;
      // The fixture, its guards, PostgreSQL with its backends and FerretDB, all at once: PostgreSQL
      // leaves its postmaster.pid behind, naming a process that is gone (or a zombie nobody reaped).
      expect(killTree(first.child.pid!)).toBeGreaterThan(4);
      await waitUntil(() => processesMentioning(dataDir).length === 0, 10_000);
      expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);

      const second = startFixture(dataDir);
      try {
        const client = await mongoose.createConnection(await second.ready).asPromise();
        expect(await client.db!.collection('kept').findOne({})).toMatchObject({ name: 'written before the kill' });
        await client.close();
      } finally {
        second.child.kill('SIGTERM');
        await waitUntil(() => processesMentioning(dataDir).length === 0, 10_000);
      }
    });
  });
});
