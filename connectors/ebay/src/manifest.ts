// What an eBay connection is configured with (validated, errors name the field) and what the connector
// declares to the runtime: capabilities, secret fields and a request rate within eBay's call limits.
import { z } from 'zod';
import type { ConnectorManifest } from '@oms/connector-kit';

const httpUrl = (field: string, example: string) =>
  z
    .string({ error: `${field} is required` })
    .url(`${field} must be an http(s) URL such as ${example}`)
    .refine((value) => /^https?:\/\//i.test(value), `${field} must be an http(s) URL such as ${example}`)
    .transform((value) => value.replace(/\/+$/, ''));

/** The scopes the connector's calls need: orders (Fulfillment API) and stock (Inventory API). */
export const DEFAULT_SCOPES = ['https://api.ebay.com/oauth/api_scope/sell.fulfillment', 'https://api.ebay.com/oauth/api_scope/sell.inventory'];

export const ebayConfigSchema = z.object({
  /** REST API root: `https://api.ebay.com` (production) or `https://api.sandbox.ebay.com`. */
  apiBaseUrl: httpUrl('apiBaseUrl', 'https://api.ebay.com').default('https://api.ebay.com'),
  /** OAuth token endpoint; default `{apiBaseUrl}/identity/v1/oauth2/token`. */
  tokenUrl: httpUrl('tokenUrl', 'https://api.ebay.com/identity/v1/oauth2/token').optional(),
  /** The application's App ID (client id) from the eBay developer portal. */
  clientId: z.string({ error: 'clientId is required' }).trim().min(1, 'clientId is required'),
  /** The application's Cert ID (client secret). */
  clientSecret: z.string({ error: 'clientSecret is required' }).trim().min(1, 'clientSecret is required'),
  /** The seller's long-lived user refresh token (from the authorization-code grant the seller consented to). */
  refreshToken: z.string({ error: 'refreshToken is required' }).trim().min(1, 'refreshToken is required'),
  /** Scopes asked for on refresh: a subset of those the seller consented to. */
  scopes: z.array(z.string().trim().min(1, 'scopes must not contain empty entries')).min(1, 'scopes needs at least one scope').default(DEFAULT_SCOPES),
  /** Sent as Content-Language on Inventory API calls (eBay requires it there): the listings' locale. */
  contentLanguage: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, 'contentLanguage must be a locale such as en-US or de-DE').default('en-US'),
  /** Orders per getOrders page (eBay allows at most 200). */
  pageSize: z.number().int('pageSize must be a whole number').min(1, 'pageSize must be at least 1').max(200, 'pageSize must be at most 200').default(100),
  /** A first read (no checkpoint) starts this many days back; eBay keeps orders for two years. */
  lookbackDays: z.number().int('lookbackDays must be a whole number').min(1, 'lookbackDays must be at least 1').max(730, 'lookbackDays must be at most 730').default(90),
  /** Changes younger than this are left for the next read, so one that eBay commits late is not skipped. */
  settleSeconds: z.number().int('settleSeconds must be a whole number').min(0, 'settleSeconds must not be negative').max(600, 'settleSeconds must be at most 600').default(30),
  /** Units held back from the published quantity (applied by the kit before setStock). */
  stockBuffer: z.number().int('stockBuffer must be a whole number').min(0, 'stockBuffer must not be negative').optional(),
});

/** The config as the connector uses it (defaults applied). */
export type EbayConfig = z.output<typeof ebayConfigSchema>;
/** The config as a merchant writes it (defaults optional). */
export type EbayConfigInput = z.input<typeof ebayConfigSchema>;

export const tokenUrlOf = (config: EbayConfig) => config.tokenUrl ?? `${config.apiBaseUrl}/identity/v1/oauth2/token`;

export const ebayManifest: ConnectorManifest<EbayConfig> = {
  id: 'ebay',
  displayName: 'eBay',
  version: '0.1.0',
  // eBay's order notifications (Platform Notifications) belong to the Trading API: orders are polled.
  capabilities: ['orders.read', 'stock.write', 'stock.read', 'fulfillment.write'],
  configSchema: ebayConfigSchema as unknown as z.ZodType<EbayConfig>,
  secretFields: ['clientSecret', 'refreshToken'],
  // eBay's limits are daily call quotas per API; a steady pace keeps a busy day inside them.
  rateLimit: { requestsPerSecond: 5, burst: 10, maxConcurrent: 4 },
};
