// What a Shopify connection is: its config (shop, Admin API access token, API version, optional base
// URL for the simulator), its secrets, and the request rate the kit's client holds it to.
import { z } from 'zod';
import type { ConnectorManifest } from '@oms/connector-kit';

/**
 * The Admin API versions this connector implements, oldest first. Stock writes differ by version:
 * up to 2025-10 `ignoreCompareQuantity`; from 2026-01 `changeFromQuantity` (null: no compare) and an
 * `@idempotent` key, both required from 2026-04. A version not listed here (older, newer, `unstable`)
 * is refused when the connection is configured instead of failing on its first stock push.
 */
export const SHOPIFY_API_VERSIONS = ['2025-01', '2025-04', '2025-07', '2025-10', '2026-01', '2026-04', '2026-07', '2026-10'] as const;
export type ShopifyApiVersion = (typeof SHOPIFY_API_VERSIONS)[number];

/** The current stable version (Shopify releases one a quarter); new connections use it. */
export const SHOPIFY_API_VERSION: ShopifyApiVersion = '2026-10';

export const shopifyConfigSchema = z.object({
  shopDomain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'shopDomain must be the shop\'s myshopify domain, e.g. my-shop.myshopify.com'),
  /** Admin API access token of the app installed on the shop (`shpat_…`). */
  accessToken: z.string().trim().min(1, 'accessToken is required (Admin API access token, shpat_…)'),
  apiVersion: z
    .enum(SHOPIFY_API_VERSIONS, {
      error: (issue) => `apiVersion ${JSON.stringify(issue.input)} is not a Shopify API version this connector implements; use one of ${SHOPIFY_API_VERSIONS.join(', ')} (current: ${SHOPIFY_API_VERSION})`,
    })
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
  capabilities: ['orders.read', 'orders.webhook', 'stock.write', 'stock.read', 'fulfillment.write'],
  configSchema: shopifyConfigSchema as unknown as z.ZodType<ShopifyConfig>,
  secretFields: ['accessToken', 'webhookSecret'],
  // GraphQL is limited by query cost (the client also paces by throttleStatus); this caps raw requests.
  rateLimit: { requestsPerSecond: 20, burst: 40, maxConcurrent: 4 },
};
