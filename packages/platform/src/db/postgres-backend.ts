// FerretDB's PostgreSQL backend: a database of its own on a PostgreSQL server (the embedded one, see
// embedded-postgres.ts, or one that is already running), created on demand.
//
// Why PostgreSQL: FerretDB v1's SQLite backend evaluates filters in Go over every document (measured:
// an equality look-up in a 3,000-document collection takes ~120 ms), while the PostgreSQL backend
// pushes equality filters down to SQL (~2 ms, and an index look-up with a matching GIN index).
import { Client } from 'pg';

import { databaseConfig } from '../config/database';

/** A PostgreSQL server that is already running: OMS_FERRETDB_POSTGRESQL_URL (default postgres@127.0.0.1:5432). */
export function systemPostgresUrl(): string {
  return databaseConfig.read().OMS_FERRETDB_POSTGRESQL_URL;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function withClient<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
  // A server going away mid-call surfaces as the rejected query; without a listener it would crash us.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function postgresReachable(serverUrl: string): Promise<boolean> {
  try {
    await withClient(serverUrl, (client) => client.query('select 1'));
    return true;
  } catch {
    return false;
  }
}

function checkName(database: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Invalid PostgreSQL database name ${database}`);
}

/** Creates the database when missing and returns its URL (FerretDB's --postgresql-url). */
export async function ensurePostgresDatabase(serverUrl: string, database: string): Promise<string> {
  checkName(database);
  await withClient(serverUrl, async (client) => {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) {
      // Two starts racing for the same new database: the loser finds it made by the winner.
      await client.query(`create database ${database}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  });
  return withDatabase(serverUrl, database);
}

export async function dropPostgresDatabase(serverUrl: string, database: string): Promise<void> {
  checkName(database);
  await withClient(serverUrl, (client) => client.query(`drop database if exists ${database} with (force)`));
}
