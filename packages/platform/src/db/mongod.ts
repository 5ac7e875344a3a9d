// A real mongod, when this machine has one installed (MONGOD_BINARY, on PATH, or in mongodb-memory-server's
// cache), started as a single-node replica set so transactions and change streams exist. Nothing is
// downloaded unless asked for (OMS_DB_ENGINE=mongod-download): offline, a download attempt costs
// seconds and a stack trace on every start.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StartProgress } from './database';
import { databaseConfig } from '../config/database';

export interface MongodServer {
  uri: string;
  version: string;
  stop(): Promise<void>;
}

function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '').split(':').filter(Boolean).map((dir) => path.join(dir, name)).find((candidate) => existsSync(candidate));
}

function inMemoryServerCache(): string | undefined {
  const dir = databaseConfig.read().MONGOMS_DOWNLOAD_DIR ?? path.join(os.homedir(), '.cache', 'mongodb-binaries');
  if (!existsSync(dir)) return undefined;
  const binary = readdirSync(dir).find((name) => name.startsWith('mongod'));
  return binary ? path.join(dir, binary) : undefined;
}

/** The mongod this machine has, if any. */
export function installedMongod(): string | undefined {
  const config = databaseConfig.read();
  return config.MONGOD_BINARY ?? config.MONGOMS_SYSTEM_BINARY ?? onPath('mongod') ?? inMemoryServerCache();
}

export async function startMongod(options: { dataDir?: string; progress: StartProgress }): Promise<MongodServer | null> {
  const engine = databaseConfig.read().OMS_DB_ENGINE;
  if (engine === 'ferretdb') return null;
  const systemBinary = installedMongod();
  const download = engine === 'mongod-download' && !systemBinary;
  if (!systemBinary && !download) {
    if (engine === 'mongod-system') throw new Error('OMS_DB_ENGINE=mongod-system, but no mongod is installed (set MONGOD_BINARY or put mongod on PATH)');
    return null;
  }

  const { MongoMemoryReplSet } = await import('mongodb-memory-server-core');
  options.progress(systemBinary ? `Starting mongod (${systemBinary})` : 'Downloading and starting a mongod (OMS_DB_ENGINE=mongod-download)', 'step');
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const replSet = await MongoMemoryReplSet.create({
    binary: systemBinary ? { systemBinary } : {},
    replSet: { count: 1, storageEngine: 'wiredTiger' },
    instanceOpts: options.dataDir ? [{ dbPath: options.dataDir, storageEngine: 'wiredTiger' }] : [{}],
  });
  return {
    uri: replSet.getUri(),
    version: systemBinary ? path.basename(systemBinary) : 'downloaded',
    stop: () => replSet.stop({ doCleanup: !options.dataDir }).then(() => undefined),
  };
}
