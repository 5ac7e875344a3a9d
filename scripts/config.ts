// What `npm start` reads besides the services' own variables: where the embedded database listens,
// the database names, the ports, and the demo data and channels.
import { defineConfig, env } from '@oms/platform';

export const startConfig = defineConfig('npm start', {
  OMS_DB_PORT: env.port(27017, 'Preferred port of the embedded database (a free one is used when taken).'),
  OMS_DB_PREFIX: env.textOr('oms', 'Database names are `<prefix>_<subgraph>`.'),
  OMS_PORTS: env.choice(['default', 'ephemeral'], 'default', '`ephemeral`: every service takes any free port (tests that run the hub as a child).'),
  OMS_SEED: env.flag(true, '`false` skips the demo data.'),
  OMS_DEMO_CHANNELS: env.flag(true, '`false` starts no demo channel simulators.'),
  OMS_DEMO_ORDER_INTERVAL_MS: env.number(8_000, 'How often a demo channel receives a new order.'),
});

export type StartConfig = ReturnType<typeof startConfig.read>;
