// What an Amazon Selling Partner API connection is: the seller's app credentials (Login with Amazon),
// the seller and marketplace it sells on, and the endpoints (configurable so a simulator can stand in
// for both the token endpoint and the regional SP-API host).
import { z } from 'zod';
import type { ConnectorManifest } from '@oms/connector-kit';
import { MARKETPLACES } from './marketplaces';


const httpUrl = (field: string, example: string) =>
  z
    .string({ error: `${field} is required` })
    .url(`${field} must be an http(s) URL such as ${example}`)
    .refine((value) => /^https?:\/\//i.test(value), `${field} must be an http(s) URL such as ${example}`)
    .transform((value) => value.replace(/\/+$/, ''));

const secret = (field: string) => z.string({ error: `${field} is required` }).trim().min(1, `${field} is required`);

export const amazonConfigSchema = z
  .object({
    /** The regional SP-API host: https://sellingpartnerapi-na.amazon.com (also -eu, -fe). */
    endpoint: httpUrl('endpoint', 'https://sellingpartnerapi-eu.amazon.com'),
    /** Login with Amazon's token endpoint. */
    tokenEndpoint: httpUrl('tokenEndpoint', 'https://api.amazon.com/auth/o2/token').default('https://api.amazon.com/auth/o2/token'),
    /** The app's LWA client id and secret (Seller Central > Develop Apps). */
    clientId: secret('clientId'),
    clientSecret: secret('clientSecret'),
    /** The seller's refresh token, issued when the seller authorised the app. */
    refreshToken: secret('refreshToken'),
    /** The merchant token (Seller Central > Settings > Account Info > Merchant Token): Listings Items paths need it. */
    sellerId: z.string({ error: 'sellerId is required' }).trim().regex(/^[A-Z0-9]{8,20}$/, 'sellerId must be the merchant token, e.g. A2EXAMPLE1SELLER'),
    /** The marketplace this connection imports and publishes for, e.g. A1PA6795UKMFR9 (amazon.de). */
    marketplaceId: z.string({ error: 'marketplaceId is required' }).trim().regex(/^[A-Z0-9]{9,16}$/, 'marketplaceId must be an Amazon marketplace id, e.g. A1PA6795UKMFR9'),
    /** Whether ItemPrice includes tax; defaults by marketplace (excluded in North America, included elsewhere). */
    itemPriceIncludesTax: z.boolean().optional(),
    /** The marketplace's currency, for orders that carry no money yet (Pending); known marketplaces need none. */
    currency: z.string().trim().regex(/^[A-Z]{3}$/, 'currency must be an ISO-4217 code such as EUR').optional(),
    /** Ask for a Restricted Data Token so orders carry the buyer's name and full address (needs the PII roles). */
    restrictedData: z.boolean().default(true),
    /** Product type sent with listings patches; fulfillment_availability is the same for every type. */
    productType: z.string().trim().min(1, 'productType must not be empty').default('PRODUCT'),
    /** Orders per getOrders page (MaxResultsPerPage, 1-100). */
    pageSize: z.number().int('pageSize must be a whole number').min(1, 'pageSize must be at least 1').max(100, 'pageSize must be at most 100').default(100),
    /** Units held back from the published quantity (applied by the kit before setStock). */
    stockBuffer: z.number().int('stockBuffer must be a whole number').min(0, 'stockBuffer must not be negative').optional(),
  })
  .transform((config) => ({
    ...config,
    itemPriceIncludesTax: config.itemPriceIncludesTax ?? MARKETPLACES[config.marketplaceId]?.pricesIncludeTax ?? true,
    currency: config.currency ?? MARKETPLACES[config.marketplaceId]?.currency,
  }));

export type AmazonConfig = z.output<typeof amazonConfigSchema>;

export const amazonManifest: ConnectorManifest<AmazonConfig> = {
  id: 'amazon',
  displayName: 'Amazon Selling Partner API',
  version: '0.1.0',
  capabilities: ['orders.read', 'stock.write', 'stock.read', 'fulfillment.write'],
  configSchema: amazonConfigSchema,
  secretFields: ['clientSecret', 'refreshToken'],
  // The connection-wide ceiling; each operation keeps to its own, lower, SP-API quota (rate-limits.ts).
  rateLimit: { requestsPerSecond: 10, burst: 30, maxConcurrent: 4 },
};
