// What a PrestaShop connection is configured with (validated, errors name the field) and what the
// connector declares to the runtime: capabilities, secret fields and a polite request rate.
import { z } from 'zod';
import type { ConnectorManifest } from '@oms/connector-kit';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const stateId = z.number().int().positive();

export const prestashopConfigSchema = z.object({
  /** The shop's root URL (`https://shop.example.com`); the Webservice lives under `/api/`. A trailing `/api` is accepted. */
  baseUrl: z
    .string()
    .url('must be the shop URL, e.g. https://shop.example.com')
    .transform((value) => value.replace(/\/+$/, '').replace(/\/api$/i, '')),
  /** The Webservice key: 32 characters, sent as the HTTP Basic user with an empty password. */
  apiKey: z.string().trim().length(32, 'must be the 32-character PrestaShop Webservice key'),
  /** Asks for localised fields in this language only (PrestaShop's `language` parameter). */
  languageId: z.number().int().positive().optional(),
  /** PrestaShop order state ids for the hub statuses the connector reads or writes (ids differ per shop: see /api/order_states). */
  orderStates: z
    .object({ shipped: stateId.default(4), cancelled: stateId.default(6) })
    .default({ shipped: 4, cancelled: 6 }),
  /** Units held back from what is published (applied by the kit before setStock). */
  stockBuffer: z.number().int().min(0).optional(),
  /** The shop's time zone (PrestaShop stores and filters dates in it, without an offset). */
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris').default('UTC'),
  /** Orders per page when reading. */
  pageSize: z.number().int().min(1).max(1000).default(100),
  /**
   * Changes of the last `settleSeconds` seconds are left for the next read: dates have one-second precision,
   * so a second still in progress could gain more changes after it is read.
   */
  settleSeconds: z.number().int().min(1).max(300).default(2),
  /** Sends PrestaShop's order-state e-mail ("shipped") to the customer when an order is marked shipped. */
  notifyCustomer: z.boolean().default(true),
});

/** The config as the connector uses it (defaults applied). */
export type PrestashopConfig = z.output<typeof prestashopConfigSchema>;
/** The config as a merchant writes it (defaults optional). */
export type PrestashopConfigInput = z.input<typeof prestashopConfigSchema>;

export const prestashopManifest: ConnectorManifest<PrestashopConfig> = {
  id: 'prestashop',
  displayName: 'PrestaShop',
  version: '0.1.0',
  capabilities: ['orders.read', 'stock.write', 'stock.read', 'fulfillment.write'],
  configSchema: prestashopConfigSchema as unknown as z.ZodType<PrestashopConfig>,
  secretFields: ['apiKey'],
  // The Webservice has no rate limit of its own, but every call boots PrestaShop in one of the shop's PHP
  // workers: few at once (what loads the shop), at a pace a small host takes.
  rateLimit: { requestsPerSecond: 10, burst: 20, maxConcurrent: 4 },
};
