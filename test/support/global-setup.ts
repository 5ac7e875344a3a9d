// Starts one real database for the whole test run (MONGODB_URI wins; else mongod or FerretDB),
// building FerretDB first if this machine has never built it.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDatabase, type DatabaseServer } from '@oms/platform';

declare global {
  // eslint-disable-next-line no-var
  var __OMS_TEST_DATABASE__: { server: DatabaseServer; dataDir: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oms-test-'));
  // PostgreSQL-backed FerretDB when a PostgreSQL server answers (it evaluates filters in SQL;
  // the SQLite backend scans every document), SQLite otherwise.
  const server = await startDatabase({
    dataDir,
    port: 0,
    ferretBackend: 'auto',
    postgresDatabase: `oms_test_${process.pid}_${Date.now().toString(36)}`,
    dropPostgresDatabaseOnStop: true,
    progress: (message) => process.stderr.write(`\n[test database] ${message}`),
  });
  process.env.OMS_TEST_MONGODB_URI = server.uri;
  process.env.OMS_TEST_DB_BACKEND = server.backend;
  // Test stacks open their connections in other processes: they find FerretDB's PostgreSQL database here.
  if (server.postgresqlUrl) process.env.FERRETDB_POSTGRESQL_URL = server.postgresqlUrl;
  globalThis.__OMS_TEST_DATABASE__ = { server, dataDir };
  process.stderr.write(`\n[test database] ${server.origin} at ${server.uri}\n`);
}
