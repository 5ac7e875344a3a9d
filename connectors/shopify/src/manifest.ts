// What a Shopify connection is: its config (shop, Admin API access token, API version, optional base
// URL for the simulator), its secrets, and the request rate the kit's client holds it to.
import { z } from 'zod';
import type { ConnectorManifest } from '@oms/connector-kit';

export const SHOPIFY_API_VERSION = '2025-01';

export const shopifyConfigSchema = z.object({
  shopDomain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'shopDomain must be the shop\'s myshopify domain, e.g. my-shop.myshopify.com'),
  /** Admin API access token of the app installed on the shop (`shpat_…`). */
  accessToken: z.string().trim().min(1, 'accessToken is required (Admin API access token, shpat_…)'),
  apiVersion: z
    .string()
    .regex(/^(\d{4}-(01|04|07|10)|unstable)$/, 'apiVersion must be a Shopify API version such as 2025-01')
    .default(SHOPIFY_API_VERSION),
  /** Origin to call instead of https://{shopDomain} (a simulator or a proxy). */
  baseUrl: z.url({ message: 'baseUrl must be an http(s) URL' }).optional(),
  /** The app's client secret: verifies webhook signatures (X-Shopify-Hmac-Sha256). */
  webhookSecret: z.string().min(1).optional(),
  /** Location stock is published to (gid://shopify/Location/…); default the shop's first active location. */
  locationId: z.string().regex(/^gid:\/\/shopify\/Location\/\d+$/, 'locationId must be a Location gid such as gid://shopify/Location/123').optional(),
  /** Orders per page (lowered automatically when a page would exceed Shopify's query cost limit). */
  pageSize: z.number().int().min(1).max(250).default(50),
});

export type ShopifyConfig = z.output<typeof shopifyConfigSchema>;
export type ShopifyConfigInput = z.input<typeof shopifyConfigSchema>;

export const shopifyManifest: ConnectorManifest<ShopifyConfig> = {
  id: 'shopify',
  displayName: 'Shopify',
  version: '0.1.0',
  capabilities: ['orders.read', 'orders.webhook', 'stock.write', 'fulfillment.write'],
  configSchema: shopifyConfigSchema as unknown as z.ZodType<ShopifyConfig>,
  secretFields: ['accessToken', 'webhookSecret'],
  // GraphQL is limited by query cost (the client also paces by throttleStatus); this caps raw requests.
  rateLimit: { requestsPerSecond: 20, burst: 40, maxConcurrent: 4 },
};
