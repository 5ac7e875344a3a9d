// The orders subgraph's own variables: the consumers' safety-net timer and the self-service terms.
import { defineConfig, env } from '@oms/platform';

export const ordersConfig = defineConfig('orders subgraph', {
  ORDERS_POLL_INTERVAL_MS: env.number(30_000, "How often the backorder and shipment-status consumers read the other subgraphs' event logs when no notice arrives."),
  OMS_SELF_SERVICE_CHANNEL: env.textOr('web', 'The channel customers place their own orders on.'),
  OMS_SELF_SERVICE_MAX_LINE_QUANTITY: env.integer(100, 'Units of one SKU a customer may order at once.'),
});
