// The embedded database: a real Mongo-wire server that reports what it is and never outlives the hub.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase, describeEngine, projectRoot } from '@oms/platform';

const embedded = !process.env.MONGODB_URI;

function processesUsing(dir: string): string[] {
  const result = spawnSync('pgrep', ['-f', dir], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean);
}

describe('database harness', () => {
  it('talks the MongoDB wire protocol and reports the engine and its capabilities', async () => {
    const connection = await connectDatabase(process.env.OMS_TEST_MONGODB_URI!, 'harness_check');
    try {
      const engine = await describeEngine(connection, process.env.OMS_TEST_DB_BACKEND);
      expect(['FerretDB', 'MongoDB']).toContain(engine.name);
      if (engine.name === 'FerretDB') {
        expect(engine.version).toMatch(/^v1\.\d+\.\d+/);
        expect(engine.capabilities).toEqual({ transactions: false, changeStreams: false, atomicUpdates: false });
      }
      const inserted = await connection.collection('probe').insertOne({ at: new Date(), n: 1 });
      expect(await connection.collection('probe').findOne({ _id: inserted.insertedId })).toMatchObject({ n: 1 });
    } finally {
      await connection.dropDatabase();
      await connection.close();
    }
  });

  (embedded ? it : it.skip)('stops the embedded FerretDB when the process that started it is killed', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oms-orphan-'));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/run-embedded-ferretdb.ts'), dataDir], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const uri = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        const match = /READY (\S+)/.exec(chunk.toString());
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    const client = await mongoose.createConnection(uri).asPromise();
    await client.db!.admin().command({ ping: 1 });
    await client.close();
    expect(processesUsing(dataDir).length).toBeGreaterThan(0);

    child.kill('SIGKILL');
    const deadline = Date.now() + 10_000;
    while (processesUsing(dataDir).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(processesUsing(dataDir)).toEqual([]);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
