// What a Magento 2 / Adobe Commerce connection is: its configuration (validated, errors name the
// field), its secret fields, capabilities and the request rate the connector keeps to.
import { z } from 'zod';
import type { ConnectorManifest } from '@oms/connector-kit';

export const magentoConfigSchema = z.object({
  /** The shop's root URL (`https://shop.example.com`); REST lives under `{baseUrl}/rest/...`. */
  baseUrl: z
    .string({ error: 'baseUrl is required' })
    .url('baseUrl must be an http(s) URL such as https://shop.example.com')
    .refine((value) => /^https?:\/\//i.test(value), 'baseUrl must be an http(s) URL such as https://shop.example.com')
    .transform((value) => value.replace(/\/+$/, '')),
  /** Integration access token, sent as `Authorization: Bearer` (Magento ≥ 2.4.4 needs bearer use of integration tokens enabled). */
  accessToken: z.string({ error: 'accessToken is required' }).trim().min(1, 'accessToken is required'),
  /** Store view code in `/rest/{storeCode}/V1/...`. */
  storeCode: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'storeCode must be a Magento store code (lowercase letters, digits, underscores)')
    .default('default'),
  /** MSI source that receives the hub's stock levels. */
  sourceCode: z.string().trim().min(1, 'sourceCode must not be empty').default('default'),
  /** Units held back from the published quantity (applied by the kit before setStock). */
  stockBuffer: z.number().int('stockBuffer must be a whole number').min(0, 'stockBuffer must not be negative').optional(),
  /** Orders per page when reading (Magento refuses more than its maximum page size, 300 by default). */
  pageSize: z.number().int('pageSize must be a whole number').min(1, 'pageSize must be at least 1').max(300, 'pageSize must be at most 300').default(100),
  /** Whether Magento e-mails the customer when a shipment is created. */
  notifyCustomer: z.boolean().default(true),
});

export type MagentoConfig = z.output<typeof magentoConfigSchema>;

export const magentoManifest: ConnectorManifest<MagentoConfig> = {
  id: 'magento',
  displayName: 'Magento 2 / Adobe Commerce',
  version: '0.1.0',
  // Magento has no order webhooks of its own (Adobe Commerce's webhooks are an add-on): orders are polled.
  capabilities: ['orders.read', 'stock.write', 'stock.read', 'fulfillment.write'],
  configSchema: magentoConfigSchema,
  secretFields: ['accessToken'],
  // Magento documents no limit; CDNs in front of Adobe Commerce Cloud throttle bursts, so stay modest.
  rateLimit: { requestsPerSecond: 8, burst: 16, maxConcurrent: 4 },
};
