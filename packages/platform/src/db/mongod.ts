// A real mongod, when this machine has one (on PATH, MONGOD_BINARY, or mongodb-memory-server's cache),
// started as a single-node replica set so transactions and change streams exist.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheDir } from '../paths';
import type { Progress } from './ferretdb-build';

export interface MongodServer {
  uri: string;
  version: string;
  stop(): Promise<void>;
}

function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '').split(':').map((dir) => path.join(dir, name)).find((candidate) => existsSync(candidate));
}

function inMemoryServerCache(): string | undefined {
  const dir = process.env.MONGOMS_DOWNLOAD_DIR ?? path.join(os.homedir(), '.cache', 'mongodb-binaries');
  if (!existsSync(dir)) return undefined;
  const binary = readdirSync(dir).find((name) => name.startsWith('mongod'));
  return binary ? path.join(dir, binary) : undefined;
}

// mongodb-memory-server can download a mongod; where there is no route to its host the attempt costs
// several seconds, so a failure is remembered for a day instead of paid on every start.
const DOWNLOAD_MARKER = path.join(cacheDir, 'mongod-download-failed.json');
function downloadRecentlyFailed(): boolean {
  try {
    const { at } = JSON.parse(readFileSync(DOWNLOAD_MARKER, 'utf8')) as { at: string };
    return Date.now() - Date.parse(at) < 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

export async function startMongod(options: { dataDir?: string; progress: Progress }): Promise<MongodServer | null> {
  if (process.env.OMS_DB_ENGINE === 'ferretdb') return null;
  const systemBinary = process.env.MONGOD_BINARY ?? onPath('mongod') ?? inMemoryServerCache();
  const mayDownload = !systemBinary && process.env.OMS_DB_ENGINE !== 'mongod-system' && !downloadRecentlyFailed();
  if (!systemBinary && !mayDownload) return null;

  const { MongoMemoryReplSet } = await import('mongodb-memory-server-core');
  options.progress(systemBinary ? `Starting mongod (${systemBinary})` : 'Looking for a mongod download (mongodb-memory-server)');
  try {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const replSet = await MongoMemoryReplSet.create({
      binary: systemBinary ? { systemBinary } : {},
      replSet: { count: 1, storageEngine: 'wiredTiger' },
      instanceOpts: options.dataDir ? [{ dbPath: options.dataDir, storageEngine: 'wiredTiger' }] : [{}],
    });
    const uri = replSet.getUri();
    return { uri, version: systemBinary ? path.basename(systemBinary) : 'downloaded', stop: () => replSet.stop({ doCleanup: !options.dataDir }).then(() => undefined) };
  } catch (error) {
    if (!systemBinary) {
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(DOWNLOAD_MARKER, JSON.stringify({ at: new Date().toISOString(), reason: (error as Error).message }));
      options.progress('No mongod could be downloaded here; using FerretDB (this check is skipped for a day)');
      return null;
    }
    throw error;
  }
}
