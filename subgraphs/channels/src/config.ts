// The channels subgraph's own variables: the connector runtime's safety-net timers and whether STAFF may
// point a connection at a private address.
import { defineConfig, env } from '@oms/platform';

export const channelsConfig = defineConfig('channels subgraph', {
  CHANNELS_TICK_MS: env.number(60_000, 'Longest sleep of the in-process sync scheduler (it is woken by requests; this catches what another process wrote).'),
  CHANNELS_OUTBOUND_POLL_MS: env.number(60_000, 'How often stock and fulfillment pushes look for work when no event notice arrives.'),
  OMS_CHANNELS_ALLOW_PRIVATE_URLS: env.flag(false, 'Lets STAFF point connections at loopback and private addresses (development against simulators on 127.0.0.1).'),
});
