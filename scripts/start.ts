// `npm start`: the embedded database, the subgraphs and the gateway, demo data on first start.
// Ctrl-C stops everything; data stays in .data/ for the next start.
// First: the services read OMS_SECRETS_KEY when their modules load.
import './local-secrets-key';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createLogger, dataDir, describeEngine, displayPath, loggingConfig, projectRoot, readServicesConfig, startDatabase, type DatabaseServer } from '@oms/platform';
import { CONSOLE_PATH, consoleBuilt } from '@oms/gateway';
import { startStack } from '@oms/stack';
import { startConfig } from './config';
import { startChannelsDemo, type ChannelsDemo } from './demo/channels-demo';
import { seedDemoData } from './seed/demo-seed';
import { createStartupDisplay } from './startup-display';

const log = createLogger('start');
const execFileAsync = promisify(execFile);
const display = createStartupDisplay();

async function main(): Promise<void> {
  // Every variable checked before anything starts: a bad one stops here, named.
  const config = startConfig.read();
  const services = readServicesConfig();
  process.stdout.write(`Starting OMS Hub (data in ${displayPath(dataDir)})\n`);
  let database: DatabaseServer | undefined;
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  let channelsDemo: ChannelsDemo | null = null;
  let stoppingSince = 0;
  const shutdown = async (signal: string) => {
    // Ctrl-C reaches npm and node alike, and npm forwards it: one keypress can arrive twice.
    // A second Ctrl-C a little later means "stop waiting".
    if (stoppingSince) {
      if (Date.now() - stoppingSince < 2000) return;
      log.warn('Forced exit');
      process.exit(1);
    }
    stoppingSince = Date.now();
    process.stdout.write(`\n${signal}: stopping the gateway, the subgraphs and the database\n`);
    await channelsDemo?.stop().catch((error) => log.error({ err: error }, 'stopping the demo channels failed'));
    await stack?.stop().catch((error) => log.error({ err: error }, 'stopping the services failed'));
    await database?.stop().catch((error) => log.error({ err: error }, 'stopping the database failed'));
    process.stdout.write(`Stopped cleanly in ${((Date.now() - stoppingSince) / 1000).toFixed(1)} s\n`);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  database = await startDatabase({ dataDir, port: config.OMS_DB_PORT, progress: display.progress });

  if (!consoleBuilt()) {
    // The gateway serves the console's bundle; a fresh checkout builds it once (offline, a few seconds).
    display.step('Building the ops console');
    const built = await execFileAsync('npm', ['run', 'bundle', '-w', '@oms/console'], { cwd: projectRoot }).then(() => true, (error: Error) => (log.warn({ err: error }, 'console build failed'), false));
    display.done(built ? 'Built the ops console' : 'Ops console not built (npm run console:build says why)');
  }

  display.step('Starting the gateway and the subgraphs');
  channelsDemo = config.OMS_DEMO_CHANNELS ? await startChannelsDemo(config.OMS_DEMO_ORDER_INTERVAL_MS) : null;
  stack = await startStack({
    mongoUri: database.uri,
    dbPrefix: config.OMS_DB_PREFIX,
    // Tests that run the hub as a child ask for any free ports (OMS_PORTS=ephemeral).
    ports: config.OMS_PORTS,
    host: services.host,
    databaseBackend: database.backend,
    ferretDbPostgresqlUrl: database.postgresqlUrl,
  });
  const engine = await describeEngine(stack.subgraphs.orders.connection, database.backend);
  display.done(`Started the gateway and ${Object.keys(stack.subgraphs).length} subgraphs`);

  if (config.OMS_SEED) {
    display.step('Loading the demo data');
    // The stage's own line says how it ended; the seed's details are its progress.
    const seeded = await seedDemoData(stack.gateway.url, (message) => message.startsWith('Demo data') || display.detail(message.replace(/^Seeding demo data: /, '')));
    display.done(seeded ? 'Loaded the demo data' : `Demo data already loaded (delete ${displayPath(dataDir)} to start over)`);
  }
  if (channelsDemo) {
    display.step('Connecting the demo channels');
    const connected = await channelsDemo.connect(stack, display.detail);
    display.done(connected ? 'Connected the demo channels' : 'Demo channels not connected');
  }

  const lines = [
    '',
    `OMS Hub is running (started in ${display.elapsed().toFixed(1)} s).`,
    `  GraphQL API and IDE   ${stack.gateway.url}   (open it in a browser)`,
    `  Ops console           ${stack.gateway.origin}${CONSOLE_PATH}   ${consoleBuilt() ? '(sign in with an API key)' : '(not built yet: npm run console:build)'}`,
    `  Health / readiness    ${stack.gateway.origin}/healthz   ${stack.gateway.origin}/readyz`,
    ...Object.values(stack.subgraphs)
      .sort((a, b) => a.service.port - b.service.port)
      .map((running) => `  ${running.name.padEnd(21)} ${running.service.url}`),
    `  Database              ${engine.name} ${engine.version} at ${database.uri}`,
    `                        (${database.description})`,
    ...(stack.createdAdminKey
      ? ['', `  Admin API key         ${stack.createdAdminKey}`, '  (shown once: store it now. Send it as `Authorization: Bearer <key>`; set OMS_BOOTSTRAP_ADMIN_KEY to choose your own.)']
      : ['  API keys              send `Authorization: Bearer <key>` (the admin key was printed on first start, or set OMS_BOOTSTRAP_ADMIN_KEY)']),
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error) => {
  display.fail(error);
  process.stdout.write(`Could not start OMS Hub${debugLogs() ? '' : ' (LOG_LEVEL=debug shows the stack trace)'}\n`);
  // The database and any service started so far stop with this process (their guards see it go).
  process.exit(1);
});

function debugLogs(): boolean {
  try {
    return loggingConfig.read().LOG_LEVEL === 'debug';
  } catch {
    return false;
  }
}
