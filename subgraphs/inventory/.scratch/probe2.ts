import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { startDatabase } from '@oms/platform';

async function main() {
  process.env.OMS_DB_ENGINE = 'ferretdb';
  const db = await startDatabase({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'inv-probe-')), port: 0 });
  const conn = await mongoose.createConnection(db.uri, { dbName: 'probe' }).asPromise();
  const c = conn.db!.collection('levels');
  const tryIt = async (name: string, fn: () => Promise<unknown>) => {
    try { console.log(name, 'OK', JSON.stringify(await fn())); } catch (e) { console.log(name, 'FAIL', (e as Error).message, (e as any).code); }
  };
  const ids = [0, 1, 2, 3].map(() => new Types.ObjectId());
  await c.insertOne({ sku: 'A', pending: ids.map((_id, i) => ({ _id, d: i, at: new Date(), reason: null })) });
  const doc = await c.findOne({ sku: 'A' });
  await tryIt('pull exact', () => c.updateOne({ sku: 'A' }, { $pull: { pending: doc!.pending[0] } }));
  await tryIt('pullAll exact', () => c.updateOne({ sku: 'A' }, { $pullAll: { pending: [doc!.pending[1], doc!.pending[2]] } }));
  await tryIt('after', () => c.findOne({ sku: 'A' }));
  await tryIt('pull $in on plain values', async () => { await c.insertOne({ sku: 'B', arr: [1, 2, 3] }); await c.updateOne({ sku: 'B' }, { $pull: { arr: { $in: [1, 2] } } }); return c.findOne({ sku: 'B' }); });
  await tryIt('unset map key', async () => { await c.insertOne({ sku: 'C', m: { a: 1, b: 2 } }); await c.updateOne({ sku: 'C' }, { $unset: { 'm.a': '' } }); return c.findOne({ sku: 'C' }); });
  await conn.close(); await db.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
