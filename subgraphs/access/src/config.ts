// The access subgraph's own variable; where it listens and its database come from the shared service
// settings of @oms/platform.
import { defineConfig, env } from '@oms/platform';

export const accessConfig = defineConfig('access subgraph', {
  OMS_BOOTSTRAP_ADMIN_KEY: env.text('An admin API key the hub makes sure exists (at least 24 characters); unset: the first start creates one and prints it once.'),
});
