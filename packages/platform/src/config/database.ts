// Where the hub's data lives: an external MongoDB, or the embedded server it starts itself (mongod, else
// FerretDB on an embedded or running PostgreSQL), and where it keeps builds and data on disk.
import { defineConfig } from './define';
import { env } from './variables';

export const FERRETDB_BACKENDS = ['embedded', 'postgresql', 'auto', 'sqlite'] as const;
export const DATABASE_ENGINES = ['auto', 'ferretdb', 'mongod-system', 'mongod-download'] as const;

export const databaseConfig = defineConfig('database', {
  MONGODB_URI: env.text('Use this MongoDB (7+, a replica set in production) instead of an embedded server.'),
  OMS_DB_ENGINE: env.choice(DATABASE_ENGINES, 'auto', 'Which embedded server: a mongod when one is installed, else FerretDB (`auto`), FerretDB only, an installed mongod only, or one mongodb-memory-server downloads.'),
  MONGOD_BINARY: env.text('Path of a `mongod` to run as the embedded server.'),
  MONGOMS_SYSTEM_BINARY: env.text('Same as MONGOD_BINARY (the name mongodb-memory-server uses).'),
  MONGOMS_DOWNLOAD_DIR: env.text({ description: "mongodb-memory-server's cache of downloaded mongod binaries.", readmeDefault: '`~/.cache/mongodb-binaries`' }),
  OMS_FERRETDB_BACKEND: env.optionalChoice(FERRETDB_BACKENDS, {
    description: "FerretDB's storage; overrides what the starter asks for.",
    readmeDefault: '`embedded` for `npm start`, `auto` for tests and benchmarks',
  }),
  OMS_FERRETDB_POSTGRESQL_URL: env.textOr('postgres://postgres@127.0.0.1:5432/postgres', 'A running PostgreSQL server for the `postgresql` and `auto` backends.'),
  FERRETDB_POSTGRESQL_URL: env.text('The PostgreSQL behind the FerretDB at the URI a process connects to (set by the test harness), so the hub can build indexes FerretDB can use.'),
  OMS_FERRETDB_POOL_SIZE: env.integer(60, 'PostgreSQL connections FerretDB may open.'),
  OMS_FERRETDB_CLIENT_POOL_SIZE: env.integer(8, 'Commands each subgraph sends FerretDB at once.'),
  OMS_FERRETDB_VERSIONS: env.textOr('v1.24.1,v1.24.0,v1.23.1', 'FerretDB releases tried in order when building it from Go modules.'),
  GO_BINARY: env.text({ description: 'The `go` toolchain that builds FerretDB.', readmeDefault: '`go` on `PATH`, else `/usr/local/go/bin/go`' }),
  OMS_POSTGRES_PORT: env.optionalPort({ description: 'Preferred port of the embedded PostgreSQL (tests and benchmarks take a free one when unset).', readmeDefault: '`54320`' }),
  OMS_POSTGRES_OS_USER: env.textOr('postgres', 'The user the embedded PostgreSQL runs as when the hub runs as root.'),
});

/** Apart from the rest: paths.ts reads these when it loads, and a bad database setting must not fail that. */
export const directoriesConfig = defineConfig('directories', {
  OMS_DATA_DIR: env.text({ description: 'Where the embedded database and the local secrets key are kept.', readmeDefault: '`./.data`' }),
  OMS_CACHE_DIR: env.text({ description: 'Where FerretDB builds and the composed supergraph are kept.', readmeDefault: '`./.cache`' }),
});

export type DatabaseConfig = ReturnType<typeof databaseConfig.read>;
