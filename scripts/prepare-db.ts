// `npm run db:prepare`: gets the embedded database ready ahead of time, so `npm start` and `npm test`
// do not pay for it on first use: builds FerretDB from Go modules, and checks that the PostgreSQL
// binaries npm installed run here (creating the user they run as when run as root). Nothing to do
// when MONGODB_URI points at a server.
import { databaseConfig, ensureFerretDb, prepareEmbeddedPostgres } from '@oms/platform';

async function main() {
  if (databaseConfig.read().MONGODB_URI) {
    console.log('MONGODB_URI is set: no embedded database needed');
    return;
  }
  const binary = await ensureFerretDb((message) => console.log(message));
  console.log(binary.buildSeconds > 0 ? `FerretDB ${binary.version} built in ${binary.buildSeconds}s: ${binary.path}` : `FerretDB ${binary.version} ready (cached): ${binary.path}`);
  console.log(`Embedded PostgreSQL ready: ${prepareEmbeddedPostgres((message) => console.log(message))}`);
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
