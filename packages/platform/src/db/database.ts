// The database harness every service and test uses (BRIEF.md: MONGODB_URI, else an embedded server).
//
// Order of choice: MONGODB_URI; a real mongod where one is installed; else FerretDB, by default on an
// embedded PostgreSQL with its data in <dataDir>/postgres. A PostgreSQL that is already running
// (OMS_FERRETDB_BACKEND=postgresql) and SQLite (OMS_FERRETDB_BACKEND=sqlite) are there when asked for.
import path from 'node:path';
import { displayPath, prepareEmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { ensureFerretDb } from './ferretdb-build';
import { startFerretDb } from './ferretdb-server';
import { startMongod } from './mongod';
import { dropPostgresDatabase, ensurePostgresDatabase, postgresReachable, redactedUrl } from './postgres-backend';
import { databaseConfig, type DatabaseConfig } from '../config/database';

export { displayPath, prepareEmbeddedPostgres };

export interface DatabaseServer {
  uri: string;
  /** How the server was obtained: `external` (MONGODB_URI), `mongod` or `ferretdb`. */
  origin: 'external' | 'mongod' | 'ferretdb';
  /** Storage backend of an embedded server (`sqlite` or `postgresql` for FerretDB, `wiredTiger` for mongod). */
  backend: string;
  /** Where the data is, for people: "embedded PostgreSQL 16.14 at 127.0.0.1:54320, data in .data/postgres". */
  description: string;
  /**
   * FerretDB's own PostgreSQL database, when FerretDB runs on PostgreSQL (embedded or not): the hub adds
   * the indexes FerretDB's pushed-down filters can use there (see ferretdb-indexes.ts).
   */
  postgresqlUrl?: string;
  stop(): Promise<void>;
}

/**
 * FerretDB's storage: `embedded` (a PostgreSQL the hub runs, data in dataDir), `postgresql` (a server
 * already running at OMS_FERRETDB_POSTGRESQL_URL), `auto` (that server when it answers, else embedded)
 * or `sqlite` (files in dataDir; every filter is evaluated in Go, so only as a fallback).
 */
export type FerretDbBackend = 'embedded' | 'postgresql' | 'auto' | 'sqlite';

/** Start-up progress: `step` starts a stage of the start (a display times it); anything else is a detail of the current one. */
export type StartProgress = (message: string, kind?: 'step' | 'detail') => void;

export interface DatabaseOptions {
  /** Where an embedded server keeps data; a temporary directory for tests. */
  dataDir: string;
  /** Preferred port for FerretDB or mongod; a free one is used when it is taken (0: any). */
  port?: number;
  /**
   * Defaults to `embedded`; OMS_FERRETDB_BACKEND overrides it. The test suite and the benchmarks ask
   * for `auto`: CI has a PostgreSQL running, and a throw-away database on it costs one CREATE DATABASE
   * where an embedded one would cost a new cluster (initdb, ~1 s and 40 MB) per run; the embedded
   * server itself is exercised by test/crash-restart.test.ts and test/database-harness.test.ts.
   */
  ferretBackend?: FerretDbBackend;
  /** Preferred port of the embedded PostgreSQL (OMS_POSTGRES_PORT, else 54320; 0 when `port` is 0). */
  postgresPort?: number;
  /** FerretDB's database on the PostgreSQL server. */
  postgresDatabase?: string;
  /** Drop that PostgreSQL database on stop (tests on a shared server). */
  dropPostgresDatabaseOnStop?: boolean;
  progress?: StartProgress;
}

function requestedBackend(options: DatabaseOptions, config: DatabaseConfig): FerretDbBackend {
  return config.OMS_FERRETDB_BACKEND ?? options.ferretBackend ?? 'embedded';
}

interface PostgresServer {
  serverUrl: string;
  description: string;
  stop(): Promise<void>;
}

async function postgresServer(requested: 'embedded' | 'postgresql' | 'auto', options: DatabaseOptions, config: DatabaseConfig, progress: StartProgress): Promise<PostgresServer> {
  const systemUrl = config.OMS_FERRETDB_POSTGRESQL_URL;
  if (requested !== 'embedded' && (await postgresReachable(systemUrl))) {
    progress(`Using PostgreSQL at ${redactedUrl(systemUrl)}`, 'step');
    return { serverUrl: systemUrl, description: `PostgreSQL at ${redactedUrl(systemUrl)}`, stop: async () => undefined };
  }
  if (requested === 'postgresql') {
    throw new Error(`OMS_FERRETDB_BACKEND=postgresql, but no PostgreSQL answers at ${redactedUrl(systemUrl)} (set OMS_FERRETDB_POSTGRESQL_URL)`);
  }
  progress('Starting PostgreSQL (embedded)', 'step');
  const postgres = await startEmbeddedPostgres({
    dataDir: options.dataDir,
    port: options.postgresPort ?? (config.OMS_POSTGRES_PORT !== undefined ? config.OMS_POSTGRES_PORT : options.port === 0 ? 0 : undefined),
    progress,
  });
  const description = `embedded PostgreSQL ${postgres.version} at 127.0.0.1:${postgres.port}, data in ${displayPath(postgres.dataDir)}`;
  return { serverUrl: postgres.url, description, stop: postgres.stop };
}

export async function startDatabase(options: DatabaseOptions): Promise<DatabaseServer> {
  const progress = options.progress ?? (() => undefined);
  const config = databaseConfig.read();
  if (config.MONGODB_URI) {
    return { uri: config.MONGODB_URI, origin: 'external', backend: 'external', description: 'MONGODB_URI', stop: async () => undefined };
  }
  const mongod = await startMongod({ dataDir: path.join(options.dataDir, 'mongod'), progress });
  if (mongod) {
    return { uri: mongod.uri, origin: 'mongod', backend: 'wiredTiger', description: `mongod, data in ${displayPath(path.join(options.dataDir, 'mongod'))}`, stop: mongod.stop };
  }

  const requested = requestedBackend(options, config);
  let building = false;
  const binary = await ensureFerretDb((message) => {
    // ensureFerretDb says nothing when the binary is cached: its first word means a build.
    if (!building) progress('Building FerretDB from Go modules (first start only, about a minute)', 'step');
    building = true;
    progress(message);
  });
  const ferretDir = path.join(options.dataDir, 'ferretdb');
  if (requested === 'sqlite') {
    progress(`Starting FerretDB ${binary.version} (SQLite backend)`, 'step');
    const server = await startFerretDb({ binary: binary.path, dataDir: ferretDir, port: options.port, progress });
    return { uri: server.uri, origin: 'ferretdb', backend: 'sqlite', description: `SQLite, data in ${displayPath(ferretDir)}`, stop: server.stop };
  }

  const postgres = await postgresServer(requested, options, config, progress);
  const database = options.postgresDatabase ?? 'oms_hub';
  try {
    const postgresqlUrl = await ensurePostgresDatabase(postgres.serverUrl, database);
    progress(`Starting FerretDB ${binary.version} (PostgreSQL backend)`, 'step');
    const server = await startFerretDb({ binary: binary.path, dataDir: ferretDir, port: options.port, postgresqlUrl, progress });
    return {
      uri: server.uri,
      origin: 'ferretdb',
      backend: 'postgresql',
      description: `${postgres.description}, database ${database}`,
      postgresqlUrl,
      stop: async () => {
        try {
          await server.stop();
          if (options.dropPostgresDatabaseOnStop) await dropPostgresDatabase(postgres.serverUrl, database);
        } finally {
          await postgres.stop();
        }
      },
    };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}
