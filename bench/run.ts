// `npm run bench [name...]`: runs the benchmarks and prints their figures. Nothing here asserts timing.
import { benchCommandsPerOrder } from './commands-per-order';
import { benchConnectorImport } from './connector-import';
import { benchDemoSeed } from './demo-seed';
import { benchFederatedPage } from './federated-page';
import { benchIdle } from './idle';
import { benchKeyLookup } from './key-lookup';
import { benchOrderPlacement } from './order-placement';

const BENCHES: Record<string, () => Promise<void>> = {
  'federated-page': benchFederatedPage,
  'order-placement': benchOrderPlacement,
  'commands-per-order': benchCommandsPerOrder,
  'key-lookup': benchKeyLookup,
  'demo-seed': benchDemoSeed,
  'connector-import': benchConnectorImport,
  idle: benchIdle,
  overload: () => import('./overload').then((bench) => bench.benchOverload()),
};

async function main() {
  // Names come first; `--flag value` options after them belong to the benchmarks.
  const args = process.argv.slice(2);
  const firstFlag = args.findIndex((arg) => arg.startsWith('--'));
  const chosen = firstFlag < 0 ? args : args.slice(0, firstFlag);
  const names = chosen.length ? chosen : Object.keys(BENCHES);
  for (const name of names) {
    const bench = BENCHES[name];
    if (!bench) throw new Error(`Unknown benchmark "${name}". Known: ${Object.keys(BENCHES).join(', ')}`);
    console.log(`\n=== ${name} ===`);
    await bench();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
