// Database commands an idle hub sends: every command of every subgraph (background loops, followers,
// leases, safety nets — nothing excluded), counted over a window after start-up has settled, and
// printed per minute by subgraph and collection. Target (issue 9): at most 100 a minute in total.
// `npm run bench idle -- --seconds 60 --settle 10`. Prints figures; asserts nothing.
import { startBenchHub } from './support';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const BUDGET_PER_MINUTE = 100;

export async function benchIdle(): Promise<void> {
  const seconds = option('seconds', 60);
  const settleSeconds = option('settle', 10);
  const hub = await startBenchHub();
  try {
    const counts = new Map<string, number>();
    let recording = false;
    for (const [name, running] of Object.entries(hub.stack.subgraphs)) {
      running.connection.getClient().on('commandStarted', (event) => {
        if (!recording) return;
        const target = event.command[event.commandName];
        const key = `${name} ${typeof target === 'string' ? target : `(${event.commandName})`} ${event.commandName}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      });
    }
    console.log(`start-up done; settling ${settleSeconds} s, then counting for ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, settleSeconds * 1000));
    recording = true;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    recording = false;

    const perMinute = (count: number) => (count * 60) / seconds;
    const bySubgraph = new Map<string, number>();
    for (const [key, count] of counts) {
      const subgraph = key.split(' ')[0];
      bySubgraph.set(subgraph, (bySubgraph.get(subgraph) ?? 0) + count);
    }
    console.log('\ncommands/min  subgraph collection command');
    for (const [key, count] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`${perMinute(count).toFixed(1).padStart(12)}  ${key}`);
    console.log('\ncommands/min  subgraph');
    for (const name of Object.keys(hub.stack.subgraphs).sort()) console.log(`${perMinute(bySubgraph.get(name) ?? 0).toFixed(1).padStart(12)}  ${name}`);
    const total = perMinute([...counts.values()].reduce((sum, count) => sum + count, 0));
    console.log(`${total.toFixed(1).padStart(12)}  total (budget ${BUDGET_PER_MINUTE}/min: ${total <= BUDGET_PER_MINUTE ? 'within' : 'over'})`);
  } finally {
    await hub.stop();
  }
}
