// Runs FerretDB as a child process (SQLite or PostgreSQL backend), guarded so it never outlives us.
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import { pickPort } from '../server/ports';
import type { Progress } from './ferretdb-build';
import { spawnGuarded, type GuardedChild } from './guarded-child';
import { databaseConfig } from '../config/database';

export interface FerretDbServer {
  uri: string;
  port: number;
  /** The guard's pid (FerretDB runs in its process group). */
  pid: number;
  stop(): Promise<void>;
}

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
  const args = [
    // The PostgreSQL URL (it may hold a password) goes in FERRETDB_POSTGRESQL_URL, not on the command line.
    options.postgresqlUrl ? '--handler=postgresql' : '--handler=sqlite',
    ...(options.postgresqlUrl ? [] : [`--sqlite-url=file:${options.dataDir}${path.sep}`]),
    `--state-dir=${options.dataDir}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=-',
    '--telemetry=disable',
    '--log-level=warn',
    '--log-format=text',
  ];
  const server = spawnGuarded({
    binary: options.binary,
    args,
    stopSignal: 'TERM',
    env: {
      ...process.env,
      FERRETDB_TELEMETRY: 'disable',
      ...(options.postgresqlUrl ? { FERRETDB_POSTGRESQL_URL: withPoolLimit(options.postgresqlUrl) } : {}),
    },
  });
  const uri = `mongodb://127.0.0.1:${port}/`;
  try {
    await waitUntilReady(uri, port, server);
  } catch (error) {
    await server.stop(5_000);
    throw error;
  }
  return { uri, port, pid: server.pid, stop: () => server.stop() };
}

/**
 * FerretDB opens up to 50 PostgreSQL connections by default; a server's usual limit is 100, so two
 * hubs (a test run and a benchmark) on one server would exhaust it. 60, opened as needed, stay above
 * what the hub's subgraphs send at once (see connect.ts: a command may hold two connections).
 */
function withPoolLimit(postgresqlUrl: string): string {
  const url = new URL(postgresqlUrl);
  if (!url.searchParams.has('pool_max_conns')) url.searchParams.set('pool_max_conns', String(databaseConfig.read().OMS_FERRETDB_POOL_SIZE));
  return url.toString();
}

async function waitUntilReady(uri: string, port: number, server: GuardedChild): Promise<void> {
  const deadline = Date.now() + 30_000;
  // Polling the port first: a driver whose first attempt found nothing listening waits half a second
  // (its minimum heartbeat) before it tries again.
  while (!(await accepts(port))) {
    if (server.exited()) throw new Error(`FerretDB exited before accepting connections:\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`FerretDB did not accept connections within 30s:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: Math.max(1000, deadline - Date.now()) });
  try {
    await client.db('admin').command({ ping: 1 });
  } catch (error) {
    throw new Error(`FerretDB does not answer: ${(error as Error).message}\n${server.output()}`);
  } finally {
    await client.close().catch(() => undefined);
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
