// `check`: proves a connection works before it is saved: the refresh token mints an access token,
// and that token may read orders (Fulfillment API) and inventory (Inventory API).
import type { ConnectorContext } from '@oms/connector-kit';
import { accessToken } from './auth/access-token';
import { ebayCall } from './client';
import type { EbayConfig } from './manifest';
import { ORDERS_PATH } from './streams/orders';

export async function checkEbay(ctx: ConnectorContext<EbayConfig>): Promise<{ ok: true; details?: Record<string, unknown> }> {
  await accessToken(ctx);
  const orders = await ebayCall<{ total?: number }>(ctx, { method: 'GET', path: ORDERS_PATH, query: { limit: 1, offset: 0 } });
  const inventory = await ebayCall<{ total?: number }>(ctx, { method: 'GET', path: '/sell/inventory/v1/inventory_item', query: { limit: 1, offset: 0 } });
  return { ok: true, details: { apiBaseUrl: ctx.config.apiBaseUrl, recentOrders: orders.body?.total, inventoryItems: inventory.body?.total } };
}
