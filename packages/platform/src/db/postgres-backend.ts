// FerretDB's PostgreSQL backend: a database of its own on a PostgreSQL server, created on demand.
//
// Why it exists: FerretDB v1's SQLite backend evaluates filters in Go over every document (measured:
// an equality lookup in a 3,000-document collection takes ~120 ms), while the PostgreSQL backend pushes
// equality filters down to SQL (~2 ms). The SQLite backend stays the default of `npm start` because it
// needs nothing else running; tests and benchmarks use PostgreSQL when a server answers.
import { Client } from 'pg';

export const DEFAULT_POSTGRESQL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function serverUrl(): string {
  return process.env.OMS_FERRETDB_POSTGRESQL_URL ?? DEFAULT_POSTGRESQL_URL;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl(), connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function postgresReachable(): Promise<boolean> {
  try {
    await withClient((client) => client.query('select 1'));
    return true;
  } catch {
    return false;
  }
}

/** Creates the database when missing and returns FerretDB's --postgresql-url for it. */
export async function ensurePostgresDatabase(database: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Invalid PostgreSQL database name ${database}`);
  await withClient(async (client) => {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database ${database}`);
  });
  return withDatabase(serverUrl(), database);
}

export async function dropPostgresDatabase(database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) return;
  await withClient((client) => client.query(`drop database if exists ${database} with (force)`));
}
