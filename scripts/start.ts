// `npm start`: the embedded database, the four subgraphs and the gateway, demo data on first start.
// Ctrl-C stops everything; data stays in .data/ for the next start.
// First: the services read OMS_SECRETS_KEY when their modules load.
import './local-secrets-key';
import path from 'node:path';
import { createLogger, dataDir, describeEngine, startDatabase } from '@oms/platform';
import { startStack } from '@oms/stack';
import { seedDemoData } from './seed/demo-seed';

const log = createLogger('start');

async function main(): Promise<void> {
  const database = await startDatabase({
    dataDir,
    port: Number(process.env.OMS_DB_PORT ?? 27017),
    progress: (message) => log.info(message),
  });
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
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
    log.info(`${signal}: stopping the gateway, the subgraphs and the database`);
    await stack?.stop().catch((error) => log.error({ err: error }, 'stopping the services failed'));
    await database.stop().catch((error) => log.error({ err: error }, 'stopping the database failed'));
    log.info('Stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  stack = await startStack({ mongoUri: database.uri, dbPrefix: process.env.OMS_DB_PREFIX ?? 'oms', ports: 'default', host: process.env.HOST, databaseBackend: database.backend });
  const engine = await describeEngine(stack.subgraphs.orders.connection, database.backend);
  log.info(`Database: ${engine.name} ${engine.version} (MongoDB ${engine.mongoVersion} wire compatible, ${database.origin}, ${engine.backend}${database.origin === 'external' ? '' : `, data in ${path.relative(process.cwd(), dataDir)}`})`);

  if (process.env.OMS_SEED !== 'false') await seedDemoData(stack.gateway.url, (message) => log.info(message));
  await (await import('./demo/channels-demo')).startChannelsDemo(stack, (message) => log.info(message));

  const lines = [
    '',
    'OMS Hub is running.',
    `  GraphQL API and IDE   ${stack.gateway.url}   (open it in a browser)`,
    `  Health / readiness    ${stack.gateway.origin}/healthz   ${stack.gateway.origin}/readyz`,
    ...Object.values(stack.subgraphs)
      .sort((a, b) => a.service.port - b.service.port)
      .map((running) => `  ${running.name.padEnd(21)} ${running.service.url}`),
    `  Database              ${engine.name} ${engine.version} at ${database.uri}`,
    ...(stack.createdAdminKey
      ? ['', `  Admin API key         ${stack.createdAdminKey}`, '  (shown once: store it now. Send it as `Authorization: Bearer <key>`; set OMS_BOOTSTRAP_ADMIN_KEY to choose your own.)']
      : ['  API keys              send `Authorization: Bearer <key>` (the admin key was printed on first start, or set OMS_BOOTSTRAP_ADMIN_KEY)']),
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error) => {
  log.error({ err: error }, `Could not start OMS Hub: ${(error as Error).message}`);
  process.exit(1);
});
