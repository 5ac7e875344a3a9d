// Look-up by key at 1,000 and 100,000 documents, with FerretDB's plain btree indexes and with the GIN
// indexes the hub adds (packages/platform/src/db/ferretdb-indexes.ts): PostgreSQL's plan of the SQL
// FerretDB sends, and the time of findOne by _id, find by an indexed field, updateOne by _id, and a
// batch of 50 keys. Prints figures; asserts nothing.
//   node --import tsx bench/key-lookup.ts [--sizes 1000,100000]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Schema, Types, type Connection } from 'mongoose';
import { Client } from 'pg';
import { connectDatabase, ensureIndexes, findByKeys, startDatabase, useFerretDbPostgresql } from '@oms/platform';
import { fmt, percentile, timeIt } from './support';

const SIZES = (process.argv.find((arg, i) => process.argv[i - 1] === '--sizes') ?? '1000,100000').split(',').map(Number);

interface Item {
  _id: Types.ObjectId;
  sku: string;
  qty: number;
  note: string;
}

const itemSchema = new Schema<Item>({ sku: { type: String, required: true }, qty: Number, note: String }, { collection: 'items', versionKey: false });
itemSchema.index({ sku: 1 }, { unique: true });

async function grow(connection: Connection, from: number, to: number) {
  const items = connection.model<Item>('Item');
  for (let start = from; start < to; start += 2000) {
    const end = Math.min(to, start + 2000);
    await items.insertMany(
      Array.from({ length: end - start }, (_, i) => ({ sku: `SKU-${start + i}`, qty: 1, note: 'x'.repeat(200) })),
      { ordered: false, lean: true },
    );
    if ((end / 2000) % 10 === 0) process.stdout.write(`  ${end} documents\r`);
  }
}

async function plan(pg: Client, schema: string, field: string, value: unknown): Promise<string> {
  const { rows: tables } = await pg.query(`select _jsonb->>'table' as t from "${schema}"._ferretdb_database_metadata where _jsonb->>'_id' = 'items'`);
  // The same SQL FerretDB sends for a top-level equality filter.
  const { rows } = await pg.query(`explain select _jsonb from "${schema}"."${tables[0].t}" where _jsonb->$1 @> $2`, [field, JSON.stringify(value)]);
  return rows.map((row) => row['QUERY PLAN']).filter((line: string) => /Scan|Index Cond|Filter/.test(line)).map((line: string) => line.trim().replace(/\s+\(cost.*$/, '')).join(' / ');
}

async function measure(connection: Connection, pg: Client | null, size: number, label: string) {
  const items = connection.model<Item>('Item');
  const sample = await items.find({ sku: { $in: [`SKU-${Math.floor(size / 2)}`, `SKU-${size - 1}`] } }).lean<Item[]>();
  const target = sample[0];
  const keys = Array.from({ length: 50 }, (_, i) => `SKU-${Math.floor((i * size) / 50)}`);
  const byId = await timeIt(30, () => items.findOne({ _id: target._id }).lean().exec());
  const bySku = await timeIt(30, () => items.find({ sku: target.sku }).lean().exec());
  const update = await timeIt(30, () => items.updateOne({ _id: target._id }, { $inc: { qty: 1 } }).exec());
  const batch = await timeIt(5, () => findByKeys(items, 'sku', keys));
  console.log(
    `${label.padEnd(26)} ${String(size).padStart(7)} docs: findOne(_id) p50 ${fmt(percentile(byId, 50))}, find(sku) p50 ${fmt(percentile(bySku, 50))}, updateOne(_id) p50 ${fmt(percentile(update, 50))}, 50 keys p50 ${fmt(percentile(batch, 50))}`,
  );
  if (pg) {
    console.log(`  plan of _id look-up: ${await plan(pg, connection.name, '_id', { $o: String(target._id) })}`);
    console.log(`  plan of sku look-up: ${await plan(pg, connection.name, 'sku', target.sku)}`);
  }
}

export async function benchKeyLookup(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oms-bench-lookup-'));
  const database = await startDatabase({ dataDir, port: 0, ferretBackend: 'auto', postgresDatabase: `oms_bench_lookup_${process.pid}`, dropPostgresDatabaseOnStop: true, progress: (m) => console.log(`[database] ${m}`) });
  try {
    console.log(`Engine: ${database.origin} (${database.backend})`);
    // Two databases: one keeps FerretDB's own btree indexes only, the other gets the hub's GIN indexes.
    const plain = await connectDatabase(database.uri, 'bench_lookup_plain');
    useFerretDbPostgresql(database.uri, database.postgresqlUrl);
    const tuned = await connectDatabase(database.uri, 'bench_lookup_tuned');
    const pg = database.postgresqlUrl ? new Client({ connectionString: database.postgresqlUrl }) : null;
    await pg?.connect();
    let size = 0;
    for (const connection of [plain, tuned]) {
      connection.model<Item>('Item', itemSchema);
      await ensureIndexes(connection);
    }
    for (const target of SIZES) {
      console.log(`Growing both collections to ${target} documents...`);
      await grow(plain, size, target);
      await grow(tuned, size, target);
      size = target;
      await pg?.query('analyze');
      await measure(plain, pg, size, 'btree only (FerretDB)');
      await measure(tuned, pg, size, 'with GIN (hub)');
    }
    await pg?.end();
    await plain.dropDatabase();
    await tuned.dropDatabase();
    await plain.close();
    await tuned.close();
  } finally {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Run on its own: node --import tsx bench/key-lookup.ts
if (process.argv[1]?.endsWith('key-lookup.ts')) {
  benchKeyLookup().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
