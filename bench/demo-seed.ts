// How long the demo data of a first `npm start` takes to load (4 locations, 50 SKUs, 20 customers,
// 100 orders, a third of the shipments moved along) on a fresh hub. Prints figures; asserts nothing.
//   npm run bench demo-seed
import { seedDemoData } from '../scripts/seed/demo-seed';
import { startBenchHub } from './support';

export async function benchDemoSeed(): Promise<void> {
  const hub = await startBenchHub();
  try {
    const started = process.hrtime.bigint();
    const stages: string[] = [];
    let last = started;
    await seedDemoData(hub.stack.gateway.url, (message) => {
      const now = process.hrtime.bigint();
      stages.push(`  +${(Number(now - last) / 1e9).toFixed(1)} s  ${message}`);
      last = now;
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(stages.join('\n'));
    console.log(`demo seed (100 orders): ${seconds.toFixed(1)} s`);
  } finally {
    await hub.stop();
  }
}
