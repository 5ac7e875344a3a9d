import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { startDatabase } from '@oms/platform';

async function main() {
  process.env.OMS_DB_ENGINE = 'ferretdb';
  const db = await startDatabase({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'inv-probe-')), port: 0 });
  console.log('uri', db.uri, db.origin);
  const conn = await mongoose.createConnection(db.uri, { dbName: 'probe' }).asPromise();
  const c = conn.db!.collection('levels');
  const m = conn.db!.collection('moves');
  const tryIt = async (name: string, fn: () => Promise<unknown>) => {
    try { console.log(name, 'OK', JSON.stringify(await fn())); } catch (e) { console.log(name, 'FAIL', (e as Error).message, (e as any).code); }
  };
  await tryIt('createIndex multikey', () => c.createIndex({ 'pending._id': 1 }));
  await tryIt('createIndex unique compound', () => c.createIndex({ sku: 1, loc: 1 }, { unique: true }));
  await tryIt('upsert setOnInsert', () => c.updateOne({ sku: 'A', loc: 1 }, { $setOnInsert: { onHand: 0, free: 0, pending: [] } }, { upsert: true }));
  await tryIt('upsert setOnInsert again', () => c.updateOne({ sku: 'A', loc: 1 }, { $setOnInsert: { onHand: 0, free: 0, pending: [] } }, { upsert: true }));
  const id1 = new Types.ObjectId(); const id2 = new Types.ObjectId();
  await tryIt('fau inc push guard', () => c.findOneAndUpdate({ sku: 'A', loc: 1, free: { $gte: 0 } }, { $inc: { onHand: 5, free: 5 }, $push: { pending: { _id: id1, d: 5 } }, $set: { at: new Date() } }, { returnDocument: 'after' }));
  await tryIt('fau push 2', () => c.findOneAndUpdate({ sku: 'A', loc: 1, free: { $gte: 3 } }, { $inc: { onHand: -3, free: -3 }, $push: { pending: { _id: id2, d: -3 } } }, { returnDocument: 'after' }));
  await tryIt('fau guard fails', () => c.findOneAndUpdate({ sku: 'A', loc: 1, free: { $gte: 100 } }, { $inc: { onHand: -100 } }, { returnDocument: 'after' }));
  await tryIt('find pending exists', () => c.find({ 'pending._id': { $exists: true } }).toArray());
  await tryIt('find pending.0 exists', () => c.find({ 'pending.0': { $exists: true } }).toArray());
  await tryIt('find pending ne []', () => c.find({ pending: { $ne: [] } }).toArray());
  await tryIt('pull by $in', () => c.updateOne({ sku: 'A' }, { $pull: { pending: { _id: { $in: [id1] } } } }));
  await tryIt('after pull', () => c.findOne({ sku: 'A' }));
  await tryIt('pull by eq id', () => c.updateOne({ sku: 'A' }, { $pull: { pending: { _id: id2 } } }));
  await tryIt('after pull2', () => c.findOne({ sku: 'A' }));
  await tryIt('insertMany', () => m.insertMany([{ _id: id1, x: 1 }, { _id: id2, x: 2 }], { ordered: false }));
  await tryIt('insertMany dup', () => m.insertMany([{ _id: id1, x: 1 }, { _id: new Types.ObjectId(), x: 3 }], { ordered: false }));
  await tryIt('count', () => m.countDocuments());
  await tryIt('dup unique', () => c.insertOne({ sku: 'A', loc: 1 }));
  await conn.close(); await db.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
