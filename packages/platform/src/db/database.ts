// The database harness every service and test uses (BRIEF.md: MONGODB_URI, else an embedded server).
import path from 'node:path';
import { ensureFerretDb, type Progress } from './ferretdb-build';
import { startFerretDb } from './ferretdb-server';
import { startMongod } from './mongod';
import { dropPostgresDatabase, ensurePostgresDatabase, postgresReachable } from './postgres-backend';

export interface DatabaseServer {
  uri: string;
  /** How the server was obtained: `external` (MONGODB_URI), `mongod` or `ferretdb`. */
  origin: 'external' | 'mongod' | 'ferretdb';
  /** Storage backend of an embedded server (`sqlite` or `postgresql` for FerretDB, `wiredTiger` for mongod). */
  backend: string;
  /**
   * FerretDB's own PostgreSQL database, when FerretDB runs on PostgreSQL: the hub adds the indexes
   * FerretDB's pushed-down filters can use there (see ferretdb-indexes.ts).
   */
  postgresqlUrl?: string;
  stop(): Promise<void>;
}

export type FerretDbBackend = 'sqlite' | 'postgresql' | 'auto';

export interface DatabaseOptions {
  /** Where an embedded server keeps data; a temporary directory for tests. */
  dataDir: string;
  /** Preferred port for an embedded server; a free one is used when it is taken. */
  port?: number;
  /**
   * FerretDB backend: `sqlite` (files in dataDir), `postgresql`, or `auto` (PostgreSQL when a server
   * answers at OMS_FERRETDB_POSTGRESQL_URL, else SQLite). OMS_FERRETDB_BACKEND overrides it.
   */
  ferretBackend?: FerretDbBackend;
  /** PostgreSQL database for the PostgreSQL backend. */
  postgresDatabase?: string;
  /** Drop that PostgreSQL database on stop (tests). */
  dropPostgresDatabaseOnStop?: boolean;
  progress?: Progress;
}

async function chooseBackend(requested: FerretDbBackend): Promise<'sqlite' | 'postgresql'> {
  if (requested !== 'auto') return requested;
  return (await postgresReachable()) ? 'postgresql' : 'sqlite';
}

export async function startDatabase(options: DatabaseOptions): Promise<DatabaseServer> {
  const progress = options.progress ?? (() => undefined);
  if (process.env.MONGODB_URI) {
    return { uri: process.env.MONGODB_URI, origin: 'external', backend: 'external', stop: async () => undefined };
  }
  const mongod = await startMongod({ dataDir: path.join(options.dataDir, 'mongod'), progress });
  if (mongod) return { uri: mongod.uri, origin: 'mongod', backend: 'wiredTiger', stop: mongod.stop };

  const binary = await ensureFerretDb(progress);
  const backend = await chooseBackend((process.env.OMS_FERRETDB_BACKEND as FerretDbBackend | undefined) ?? options.ferretBackend ?? 'sqlite');
  const postgresDatabase = options.postgresDatabase ?? 'oms_hub';
  const postgresqlUrl = backend === 'postgresql' ? await ensurePostgresDatabase(postgresDatabase) : undefined;
  const where = backend === 'postgresql' ? `PostgreSQL database ${postgresDatabase}` : path.join(options.dataDir, 'ferretdb');
  progress(`Starting FerretDB ${binary.version} (${backend} backend, data in ${where})`);
  const server = await startFerretDb({ binary: binary.path, dataDir: path.join(options.dataDir, 'ferretdb'), port: options.port, postgresqlUrl, progress });
  return {
    uri: server.uri,
    origin: 'ferretdb',
    backend,
    postgresqlUrl,
    stop: async () => {
      await server.stop();
      if (backend === 'postgresql' && options.dropPostgresDatabaseOnStop) await dropPostgresDatabase(postgresDatabase);
    },
  };
}
