// Opens a subgraph's own database: each subgraph owns one database and never reads another's.
import mongoose, { type Connection } from 'mongoose';
import { createLogger } from '../logger';
import { describeEngine, rememberEngine } from './engine';
import { FerretDbIndexTuner } from './ferretdb-indexes';
import { databaseConfig } from '../config/database';

const log = createLogger('database');

export interface ConnectOptions {
  /** Emit `commandStarted` events (used by tests and benchmarks to count round-trips). */
  monitorCommands?: boolean;
  /**
   * FerretDB's PostgreSQL database, when FerretDB runs on PostgreSQL: ensureIndexes then makes the
   * indexes usable by FerretDB's pushed-down filters (ferretdb-indexes.ts). Defaults to what
   * `useFerretDbPostgresql` registered for this URI, else FERRETDB_POSTGRESQL_URL (FerretDB's own
   * variable, which a standalone deployment of FerretDB on PostgreSQL sets anyway).
   */
  ferretDbPostgresqlUrl?: string;
}

const ferretDbBackends = new Map<string, string>();
const connectionBackends = new WeakMap<Connection, string>();

/** Says that the FerretDB at `mongoUri` stores its data in this PostgreSQL database (the stack calls it). */
export function useFerretDbPostgresql(mongoUri: string, postgresqlUrl: string | undefined): void {
  if (postgresqlUrl) ferretDbBackends.set(mongoUri, postgresqlUrl);
}

// Every find returns its whole result in the first reply: the default first batch (101 documents,
// fewer on FerretDB) turns a large `$in` batch into extra getMore round-trips, and the hub promises a
// constant number of round-trips per request whatever the page size.
const FIRST_BATCH = 5000;
let batchPluginInstalled = false;
function installBatchSizePlugin(): void {
  if (batchPluginInstalled) return;
  batchPluginInstalled = true;
  mongoose.plugin((schema) => {
    schema.pre(['find'], function setBatchSize() {
      if (this.getOptions().batchSize === undefined) this.batchSize(FIRST_BATCH);
    });
  });
}

export async function connectDatabase(uri: string, dbName: string, options: ConnectOptions = {}): Promise<Connection> {
  installBatchSizePlugin();
  const config = databaseConfig.read();
  const postgresqlUrl = options.ferretDbPostgresqlUrl ?? ferretDbBackends.get(uri) ?? config.FERRETDB_POSTGRESQL_URL;
  const connection = mongoose.createConnection(uri, {
    dbName,
    // Commands one subgraph sends FerretDB at once (OMS_FERRETDB_CLIENT_POOL_SIZE, 8). A FerretDB command
    // may hold one PostgreSQL connection while it waits for a second, so when every connection of its
    // pool is held that way nothing moves again (seen: a batch import stuck for minutes with all of them
    // idle). The hub's subgraphs together stay below FerretDB's pool (OMS_FERRETDB_POOL_SIZE, 60): 7 × 8 = 56.
    maxPoolSize: postgresqlUrl ? config.OMS_FERRETDB_CLIENT_POOL_SIZE : 20,
    serverSelectionTimeoutMS: 10_000,
    monitorCommands: options.monitorCommands ?? false,
    autoIndex: false,
  });
  await connection.asPromise();
  // Services pick their query shapes from what the engine can do (see engine.ts, key-lookup.ts).
  const engine = await describeEngine(connection);
  rememberEngine(connection, engine);
  if (engine.name === 'FerretDB' && postgresqlUrl) connectionBackends.set(connection, postgresqlUrl);
  return connection;
}

/**
 * Builds every model's indexes once at start (autoIndex is off so requests never race index builds).
 * Idempotent, also against what a crash in the middle of an earlier start left behind.
 */
export async function ensureIndexes(connection: Connection): Promise<void> {
  // On FerretDB over PostgreSQL: clear orphans of an interrupted start first, add GIN indexes after.
  const postgresqlUrl = connectionBackends.get(connection);
  const tuner = postgresqlUrl ? await FerretDbIndexTuner.open(postgresqlUrl, connection.name) : null;
  try {
    await tuner?.dropOrphanIndexes();
    for (const model of Object.values(connection.models)) {
      await model.createCollection().catch(() => undefined);
      await model.syncIndexes();
    }
    const added = (await tuner?.addGinIndexes()) ?? [];
    if (added.length) log.debug({ database: connection.name, indexes: added }, 'GIN indexes added for FerretDB look-ups');
  } finally {
    await tuner?.close();
  }
}
