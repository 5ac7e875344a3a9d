// The database harness every service and test uses (BRIEF.md: MONGODB_URI, else an embedded server).
import path from 'node:path';
import { ensureFerretDb, type Progress } from './ferretdb-build';
import { startFerretDb } from './ferretdb-server';
import { startMongod } from './mongod';

export interface DatabaseServer {
  uri: string;
  /** How the server was obtained: `external` (MONGODB_URI), `mongod` or `ferretdb`. */
  origin: 'external' | 'mongod' | 'ferretdb';
  /** Storage backend of an embedded server (`sqlite` for FerretDB, `wiredTiger` for mongod). */
  backend: string;
  stop(): Promise<void>;
}

export interface DatabaseOptions {
  /** Where an embedded server keeps data; a temporary directory for tests. */
  dataDir: string;
  /** Preferred port for an embedded server; a free one is used when it is taken. */
  port?: number;
  progress?: Progress;
}

export async function startDatabase(options: DatabaseOptions): Promise<DatabaseServer> {
  const progress = options.progress ?? (() => undefined);
  if (process.env.MONGODB_URI) {
    return { uri: process.env.MONGODB_URI, origin: 'external', backend: 'external', stop: async () => undefined };
  }
  const mongod = await startMongod({ dataDir: path.join(options.dataDir, 'mongod'), progress });
  if (mongod) return { uri: mongod.uri, origin: 'mongod', backend: 'wiredTiger', stop: mongod.stop };

  const binary = await ensureFerretDb(progress);
  progress(`Starting FerretDB ${binary.version} (SQLite backend, data in ${path.join(options.dataDir, 'ferretdb')})`);
  const server = await startFerretDb({ binary: binary.path, dataDir: path.join(options.dataDir, 'ferretdb'), port: options.port, progress });
  return { uri: server.uri, origin: 'ferretdb', backend: 'sqlite', stop: server.stop };
}
