// What kind of Mongo-wire server we are talking to, and what it can do.
import type { Connection } from 'mongoose';

export interface DatabaseEngine {
  /** `MongoDB` or `FerretDB`. */
  name: string;
  /** The engine's own version (FerretDB's version for FerretDB). */
  version: string;
  /** The MongoDB version the server reports compatibility with. */
  mongoVersion: string;
  /** Where the embedded engine keeps its data (`sqlite`, `postgresql`, `wiredTiger`, `external`). */
  backend: string;
  capabilities: {
    /** Multi-document transactions: replica sets only; FerretDB v1 has none. */
    transactions: boolean;
    changeStreams: boolean;
    /** Conditional single-document updates are isolated (false on FerretDB v1: see keyed-lock.ts). */
    atomicUpdates: boolean;
    /**
     * `$in` on an indexed field is an index look-up. False on FerretDB v1, which filters `$in` in Go
     * after reading every row: batches of keys are then parallel equality look-ups (key-lookup.ts).
     */
    indexedInQueries: boolean;
  };
}

export async function describeEngine(connection: Connection, backend = 'external'): Promise<DatabaseEngine> {
  const admin = connection.db!.admin();
  const build = await admin.command({ buildInfo: 1 });
  const hello = await admin.command({ hello: 1 });
  const isFerret = typeof build.ferretdbVersion === 'string';
  const replicaSet = typeof hello.setName === 'string';
  return {
    name: isFerret ? 'FerretDB' : 'MongoDB',
    version: isFerret ? String(build.ferretdbVersion) : String(build.version),
    mongoVersion: String(build.version),
    backend,
    capabilities: {
      transactions: !isFerret && replicaSet,
      changeStreams: !isFerret && replicaSet,
      atomicUpdates: !isFerret,
      indexedInQueries: !isFerret,
    },
  };
}

const engines = new WeakMap<Connection, DatabaseEngine>();

/** Kept by connectDatabase, so services can choose query shapes without asking the server again. */
export function rememberEngine(connection: Connection, engine: DatabaseEngine): void {
  engines.set(connection, engine);
}

/** The engine behind a connection opened by connectDatabase (MongoDB's capabilities when unknown). */
export function engineOf(connection: Connection): DatabaseEngine | undefined {
  return engines.get(connection);
}
