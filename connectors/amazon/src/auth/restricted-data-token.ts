// Restricted Data Tokens (Tokens API 2021-03-01): getOrders returns the buyer's name, e-mail and full
// shipping address only when called with an RDT for the `buyerInfo` and `shippingAddress` data
// elements. An RDT lives about an hour; it is cached per connection and restricted resource.
import { createHash } from 'node:crypto';
import type { ConnectorContext } from '@oms/connector-kit';
import type { AmazonConfig } from '../manifest';

export interface RestrictedResource {
  method: 'GET';
  /** A generic path (`/orders/v0/orders`) covers every order the operation returns. */
  path: string;
  dataElements: Array<'buyerInfo' | 'shippingAddress' | 'buyerTaxInformation'>;
}

export const ORDERS_PII: RestrictedResource = { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] };

const REFRESH_MARGIN_MS = 60_000;
const cache = new Map<string, { value: string; expiresAt: number }>();
const inFlight = new Map<string, Promise<string>>();

function cacheKey(config: AmazonConfig, resource: RestrictedResource): string {
  return createHash('sha256').update([config.endpoint, config.clientId, config.refreshToken, resource.method, resource.path, ...resource.dataElements].join('\u0000')).digest('hex');
}

/**
 * The RDT for `resource`, created with `create` (a createRestrictedDataToken call made with the LWA
 * token, passed in so this module stays free of the request plumbing).
 */
export async function restrictedDataToken(
  ctx: ConnectorContext<AmazonConfig>,
  resource: RestrictedResource,
  create: (resources: RestrictedResource[]) => Promise<{ restrictedDataToken: string; expiresIn: number }>,
): Promise<string> {
  const key = cacheKey(ctx.config, resource);
  const cached = cache.get(key);
  if (cached && cached.expiresAt > Date.now()) return cached.value;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = create([resource])
      .then(({ restrictedDataToken: value, expiresIn }) => {
        const lifetimeMs = expiresIn * 1000;
        cache.set(key, { value, expiresAt: Date.now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2) });
        return value;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

export function forgetRestrictedDataTokens(config: AmazonConfig): void {
  for (const resource of [ORDERS_PII]) cache.delete(cacheKey(config, resource));
}
