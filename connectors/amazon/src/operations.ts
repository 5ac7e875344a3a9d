// Which SP-API operation a request is, from its method and path: quotas and 429 waits are per
// operation. Shared by the connector and its simulator so both apply the same table.
import type { AmazonOperation } from './rate-limits';

const ROUTES: Array<{ method: string; pattern: RegExp; operation: AmazonOperation }> = [
  { method: 'GET', pattern: /^\/orders\/v0\/orders$/, operation: 'getOrders' },
  { method: 'GET', pattern: /^\/orders\/v0\/orders\/[^/]+\/orderItems$/, operation: 'getOrderItems' },
  { method: 'POST', pattern: /^\/orders\/v0\/orders\/[^/]+\/shipmentConfirmation$/, operation: 'confirmShipment' },
  { method: 'GET', pattern: /^\/listings\/2021-08-01\/items\/[^/]+\/[^/]+$/, operation: 'getListingsItem' },
  { method: 'PATCH', pattern: /^\/listings\/2021-08-01\/items\/[^/]+\/[^/]+$/, operation: 'patchListingsItem' },
  { method: 'GET', pattern: /^\/sellers\/v1\/marketplaceParticipations$/, operation: 'getMarketplaceParticipations' },
  { method: 'POST', pattern: /^\/tokens\/2021-03-01\/restrictedDataToken$/, operation: 'createRestrictedDataToken' },
];

export function operationFor(method: string, pathname: string): AmazonOperation | undefined {
  return ROUTES.find((route) => route.method === method && route.pattern.test(pathname))?.operation;
}
