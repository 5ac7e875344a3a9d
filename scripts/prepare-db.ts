// `npm run db:prepare`: builds the embedded FerretDB ahead of time (npm start and npm test would
// otherwise build it on first use). Nothing to do when MONGODB_URI points at a server.
import { ensureFerretDb } from '@oms/platform';

async function main() {
  if (process.env.MONGODB_URI) {
    console.log('MONGODB_URI is set: no embedded database needed');
    return;
  }
  const binary = await ensureFerretDb((message) => console.log(message));
  console.log(binary.buildSeconds > 0 ? `FerretDB ${binary.version} built in ${binary.buildSeconds}s: ${binary.path}` : `FerretDB ${binary.version} ready (cached): ${binary.path}`);
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
