// Lower-level pieces of the database harness, for tools and tests that need them directly.
export { ensureFerretDb } from './ferretdb-build';
export { startFerretDb } from './ferretdb-server';
