// Opens a subgraph's own database: each subgraph owns one database and never reads another's.
import mongoose, { type Connection } from 'mongoose';

export interface ConnectOptions {
  /** Emit `commandStarted` events (used by tests and benchmarks to count round-trips). */
  monitorCommands?: boolean;
}

export async function connectDatabase(uri: string, dbName: string, options: ConnectOptions = {}): Promise<Connection> {
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
