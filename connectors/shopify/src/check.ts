// Proves a Shopify connection works: the token is accepted and names the configured shop.
import { ConnectorError, type ConnectorContext } from '@oms/connector-kit';
import { ShopifyClient } from './client';
import type { ShopifyConfig } from './manifest';

export async function checkShopify(ctx: ConnectorContext<ShopifyConfig>): Promise<{ ok: true; details?: Record<string, unknown> }> {
  const data = await new ShopifyClient(ctx).graphql<{ shop: { name: string; myshopifyDomain: string; currencyCode: string } }>('OmsCheck', 'query OmsCheck { shop { name myshopifyDomain currencyCode } }');
  if (data.shop.myshopifyDomain !== ctx.config.shopDomain) {
    throw new ConnectorError('CONFIG', `The connection's accessToken belongs to ${data.shop.myshopifyDomain}, not to the configured shopDomain ${ctx.config.shopDomain}`);
  }
  return { ok: true, details: { shop: data.shop.name, domain: data.shop.myshopifyDomain, currency: data.shop.currencyCode, apiVersion: ctx.config.apiVersion } };
}
