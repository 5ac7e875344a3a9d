// Makes FerretDB-on-PostgreSQL indexes usable, and index creation safe after a crash.
//
// FerretDB 1.24 pushes a top-level equality filter down as `_jsonb -> 'field' @> '<json>'`, but its
// `createIndex` builds btree indexes on `(_jsonb -> 'field')`, which cannot serve `@>`: every find and
// update scans the table (NOTES.md, "Storage performance"). A GIN index on the same expression can,
// so for every index a model declares, the hub adds a GIN index over the index's top-level fields to
// the collection's table, found through FerretDB's own metadata. FerretDB never sees these indexes
// (they are not in its metadata), so it neither lists nor drops them; dropping the collection drops
// the table and them with it.
//
// A crash between FerretDB's `CREATE INDEX` and its metadata update leaves a PostgreSQL index that
// FerretDB does not know, and the next `createIndex` fails with "index ... already exists". Such
// orphans are dropped before the models' indexes are built.
//
// On a real MongoDB none of this runs.
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { createLogger } from '../logger';

const log = createLogger('ferretdb-indexes');

const METADATA_TABLE = '_ferretdb_database_metadata';
/** Every index the hub adds is named with this prefix, so orphan detection never takes it for FerretDB's. */
const GIN_PREFIX = 'omsgin_';

interface CollectionMetadata {
  collection: string;
  table: string;
  indexes: Array<{ name: string; pgindex: string; key: Record<string, number> }>;
}

/**
 * A session on FerretDB's PostgreSQL database that holds an advisory lock on one FerretDB database
 * (a PostgreSQL schema), so two processes of one subgraph never tune its indexes at once.
 */
export class FerretDbIndexTuner {
  private constructor(
    private readonly client: Client,
    private readonly schema: string,
  ) {}

  static async open(postgresqlUrl: string, schema: string): Promise<FerretDbIndexTuner> {
    const client = new Client({ connectionString: postgresqlUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query('select pg_advisory_lock(hashtext($1))', [`oms-indexes:${schema}`]);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return new FerretDbIndexTuner(client, schema);
  }

  /**
   * Drops PostgreSQL indexes on the collections' tables that FerretDB's metadata does not list. Other
   * processes may be creating collections meanwhile, so an index is an orphan only when it existed
   * before the metadata was read, its collection's metadata is complete (FerretDB lists the `_id`
   * index once a collection exists), and it is not an `_id` index (created with the table).
   */
  async dropOrphanIndexes(): Promise<string[]> {
    const { rows } = await this.client.query<{ tablename: string; indexname: string }>('select tablename, indexname from pg_indexes where schemaname = $1', [this.schema]);
    const collections = (await this.collections()).filter((collection) => collection.indexes.some((index) => index.name === '_id_'));
    const known = new Set(collections.flatMap((collection) => collection.indexes.map((index) => index.pgindex)));
    const tables = new Set(collections.map((collection) => collection.table));
    const orphans = rows
      .filter((row) => tables.has(row.tablename))
      .map((row) => row.indexname)
      .filter((name) => !known.has(name) && !name.startsWith(GIN_PREFIX) && !name.includes('__id__'));
    for (const name of orphans) {
      await this.client.query(`drop index if exists ${ident(this.schema)}.${ident(name)}`);
      log.warn({ database: this.schema, index: name }, 'dropped an index an interrupted start left behind; it is built again now');
    }
    return orphans;
  }

  /** Adds a GIN index for every FerretDB index's top-level fields; returns the ones created now. */
  async addGinIndexes(): Promise<string[]> {
    const created: string[] = [];
    for (const collection of await this.collections()) {
      const wanted = new Map<string, string[]>();
      for (const index of collection.indexes) {
        const fields = Object.keys(index.key).filter((field) => !field.includes('.') && !field.startsWith('$'));
        if (fields.length) wanted.set(ginIndexName(collection.table, fields), fields);
      }
      const { rows } = await this.client.query<{ indexname: string }>('select indexname from pg_indexes where schemaname = $1 and tablename = $2', [this.schema, collection.table]);
      const existing = new Set(rows.map((row) => row.indexname));
      for (const [name, fields] of wanted) {
        if (existing.has(name)) continue;
        // jsonb_path_ops: smaller and faster than the default opclass, and serves exactly `@>`.
        const columns = fields.map((field) => `(_jsonb -> ${literal(field)}) jsonb_path_ops`).join(', ');
        await this.client.query(`create index if not exists ${ident(name)} on ${ident(this.schema)}.${ident(collection.table)} using gin (${columns})`);
        created.push(`${collection.collection}(${fields.join(', ')})`);
      }
      // A model index that was dropped takes its GIN index along.
      for (const name of existing) {
        if (name.startsWith(GIN_PREFIX) && !wanted.has(name)) await this.client.query(`drop index if exists ${ident(this.schema)}.${ident(name)}`);
      }
    }
    return created;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }

  private async collections(): Promise<CollectionMetadata[]> {
    const exists = await this.client.query('select 1 from pg_tables where schemaname = $1 and tablename = $2', [this.schema, METADATA_TABLE]);
    if (exists.rowCount === 0) return [];
    const { rows } = await this.client.query<{ doc: { _id: string; table: string; indexes?: Array<{ name: string; pgindex: string; key: Record<string, unknown> }> } }>(
      `select _jsonb as doc from ${ident(this.schema)}.${ident(METADATA_TABLE)}`,
    );
    return rows.map(({ doc }) => ({
      collection: doc._id,
      table: doc.table,
      indexes: (doc.indexes ?? []).map((index) => ({ name: index.name, pgindex: index.pgindex, key: keyOf(index.key) })),
    }));
  }
}

/** FerretDB stores an index key as a document; its JSON form keeps field order in `$k`. */
function keyOf(key: unknown): Record<string, number> {
  if (!key || typeof key !== 'object') return {};
  const record = key as Record<string, unknown> & { $k?: string[] };
  const fields = Array.isArray(record.$k) ? record.$k : Object.keys(record).filter((field) => field !== '$k');
  return Object.fromEntries(fields.map((field) => [field, Number(record[field] ?? 1)]));
}

/** PostgreSQL names are at most 63 bytes: a readable part plus a hash of the whole. */
function ginIndexName(table: string, fields: string[]): string {
  const hash = createHash('sha1').update(`${table}:${fields.join(',')}`).digest('hex').slice(0, 8);
  const readable = `${table}_${fields.join('_')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 63 - GIN_PREFIX.length - 9);
  return `${GIN_PREFIX}${readable}_${hash}`;
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
