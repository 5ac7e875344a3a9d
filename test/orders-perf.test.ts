import { CITIES, createItem, createLocation, orderInput } from './support/fixtures';
import { startTestStack, type TestStack } from './support/stack';

let hub: TestStack;
beforeAll(async () => { hub = await startTestStack(); });
afterAll(() => hub?.stop());

it('times placements', async () => {
  const near = await createLocation(hub, CITIES.berlin, 1);
  const far = await createLocation(hub, CITIES.munich, 2);
  const sku = await createItem(hub, [{ locationId: near, onHand: 30 }, { locationId: far, onHand: 20 }]);
  const n = Number(process.env.PERF_N ?? 200);
  const coll = hub.subgraphs.orders.connection.collection('perf');
  let t = Date.now();
  for (let i = 0; i < 100; i++) await coll.findOne({ _id: i as any });
  console.log('100 serial finds', Date.now() - t);
  t = Date.now();
  for (let i = 0; i < 100; i++) await coll.insertOne({ _id: i as any, v: 1 });
  console.log('100 serial inserts', Date.now() - t);
  t = Date.now();
  for (let i = 0; i < 100; i++) await coll.updateOne({ _id: i as any }, { $inc: { v: 1 } });
  console.log('100 serial updates', Date.now() - t);
  t = Date.now();
  await Promise.all(Array.from({ length: 100 }, (_, i) => coll.updateOne({ _id: i as any }, { $inc: { v: 1 } })));
  console.log('100 concurrent updates', Date.now() - t);
  t = Date.now();
  await Promise.all(Array.from({ length: 100 }, (_, i) => coll.findOne({ _id: i as any })));
  console.log('100 concurrent finds', Date.now() - t);
  if (process.env.PERF_HOLD) await hub.data(`mutation { upsertHoldRule(input: { name: "all", reason: "all", conditions: { all: [{ fact: "quantity", operator: "greaterThan", value: 0 }] } }) { id } }`);
  const counter = hub.commandCounter(); counter.reset();
  const t0 = Date.now();
  const results = await Promise.all(Array.from({ length: n }, (_, i) => hub.gql(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`, { input: orderInput({ lines: [{ sku, quantity: 1 }], email: `racer${i}@example.com` }) })));
  console.log(n, Date.now() - t0, 'ms', JSON.stringify(counter.counts()), results.filter((r) => r.errors).length, 'errors', JSON.stringify(results.find((r) => r.errors)?.errors));
}, 300000);
