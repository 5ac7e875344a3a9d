// The Shopify connector: orders read from the Admin GraphQL API by updated_at (and by webhook), stock
// published with inventorySetQuantities (and read back for reconciliation), shipments recorded with
// fulfillmentCreate. Its simulator (./simulator) serves the same API locally; only the base URL differs.
import type { Connector } from '@oms/connector-kit';
import { checkShopify } from './check';
import { shopifyHttpOptions } from './client';
import { shopifyManifest, type ShopifyConfig } from './manifest';
import { publishedStock } from './readers/published-stock';
import { ordersStream } from './streams/orders';
import { parseShopifyWebhook, verifyShopifyWebhook } from './webhooks';
import { createFulfillment } from './writers/fulfillment';
import { setStock } from './writers/stock';

export const shopifyConnector: Connector<ShopifyConfig> = {
  manifest: shopifyManifest,
  httpOptions: shopifyHttpOptions,
  check: checkShopify,
  streams: { orders: ordersStream },
  writers: { setStock, createFulfillment },
  readers: { publishedStock },
  webhooks: { verify: verifyShopifyWebhook, parse: parseShopifyWebhook },
};

export { shopifyManifest, shopifyConfigSchema, SHOPIFY_API_VERSION, SHOPIFY_API_VERSIONS, type ShopifyApiVersion, type ShopifyConfig, type ShopifyConfigInput } from './manifest';
export { classifyShopifyResponse, shopifyHttpOptions, ShopifyClient } from './client';
export { mapShopifyOrder, type ShopifyOrderNode } from './mappers/order';
export { restOrderToNode, type RestOrder } from './mappers/rest-order';
export { encodeOrdersCheckpoint, decodeOrdersCheckpoint, ORDERS_QUERY } from './streams/orders';
export { createShopifyWebhookReceiver, verifyShopifyWebhook, parseShopifyWebhook, type WebhookOutcome } from './webhooks';
export { startShopifySimulator, type ShopifySimulatorOptions, type ShopifySimulatorHandle } from './simulator';
