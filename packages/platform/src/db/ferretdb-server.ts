// Runs FerretDB as a child process with the SQLite backend, guarded so it never outlives us.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { pickPort } from '../server/ports';
import type { Progress } from './ferretdb-build';

export interface FerretDbServer {
  uri: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

// A watchdog shell around FerretDB: if the Node process dies without cleaning up (SIGKILL, crash),
// the watchdog notices within a second and stops FerretDB, so no orphan keeps the data directory.
const WATCHDOG = `
"$FERRETDB_BIN" "$@" &
child=$!
trap 'kill -TERM $child 2>/dev/null; wait $child; exit 0' TERM INT HUP
while kill -0 $child 2>/dev/null; do
  if ! kill -0 $OMS_PARENT_PID 2>/dev/null; then kill -TERM $child 2>/dev/null; wait $child; exit 0; fi
  sleep 1 & wait $!
done
wait $child
`;

export async function startFerretDb(options: {
  binary: string;
  dataDir: string;
  port?: number;
  /** FerretDB's --postgresql-url; the SQLite backend (files in dataDir) when absent. */
  postgresqlUrl?: string;
  progress?: Progress;
}): Promise<FerretDbServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const port = await pickPort(options.port ?? 27017);
  const backend = options.postgresqlUrl
    ? ['--handler=postgresql', `--postgresql-url=${options.postgresqlUrl}`]
    : ['--handler=sqlite', `--sqlite-url=file:${options.dataDir}${path.sep}`];
  const args = [
    ...backend,
    `--state-dir=${options.dataDir}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=-',
    '--telemetry=disable',
    '--log-level=warn',
    '--log-format=text',
  ];
  const child = spawn('bash', ['-c', WATCHDOG, 'ferretdb-watchdog', ...args], {
    env: { ...process.env, FERRETDB_BIN: options.binary, OMS_PARENT_PID: String(process.pid), FERRETDB_TELEMETRY: 'disable' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a Ctrl-C in the terminal must not kill the database before the
    // services have stopped using it. We stop it last; the watchdog covers our sudden death.
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);

  const uri = `mongodb://127.0.0.1:${port}/`;
  try {
    await waitUntilReady(uri, child, () => output);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return {
    uri,
    port,
    pid: child.pid ?? -1,
    stop: () => stopChild(child).finally(() => process.removeListener('exit', killOnExit)),
  };
}

async function waitUntilReady(uri: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`FerretDB exited (code ${exited}) before accepting connections:\n${output()}`);
    const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await client.db('admin').command({ ping: 1 });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  throw new Error(`FerretDB did not accept connections within 30s:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
