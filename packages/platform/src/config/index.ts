// Every variable the shared runtime reads, declared once; each service adds its own (gateway/src/config.ts,
// subgraphs/<name>/src/config.ts, scripts/config.ts).
export * from './define';
export { env } from './variables';
export * from './database';
export * from './logging';
export * from './secrets';
export * from './services';
export * from './limits';
