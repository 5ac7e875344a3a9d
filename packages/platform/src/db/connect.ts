// Opens a subgraph's own database: each subgraph owns one database and never reads another's.
import mongoose, { type Connection } from 'mongoose';

export interface ConnectOptions {
  /** Emit `commandStarted` events (used by tests and benchmarks to count round-trips). */
  monitorCommands?: boolean;
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
  const connection = mongoose.createConnection(uri, {
    dbName,
    maxPoolSize: 20,
    serverSelectionTimeoutMS: 10_000,
    monitorCommands: options.monitorCommands ?? false,
    autoIndex: false,
  });
  await connection.asPromise();
  return connection;
}

/** Builds every model's indexes once at start (autoIndex is off so requests never race index builds). */
export async function ensureIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(connection.models)) {
    await model.createCollection().catch(() => undefined);
    await model.syncIndexes();
  }
}
