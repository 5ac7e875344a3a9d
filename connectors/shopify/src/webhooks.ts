// Shopify webhooks: the signature (base64 HMAC-SHA256 of the raw body with the app's secret, compared in
// constant time), the delivery id for de-duplication (X-Shopify-Webhook-Id), and `orders/*` bodies (the
// REST order resource) mapped like orders read through GraphQL.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConnectorError, mapRecord, RecentIds, type CanonicalOrder, type ConnectorContext, type ParsedWebhook, type WebhookRequest } from '@oms/connector-kit';
import type { ShopifyConfig } from './manifest';
import { mapShopifyOrder } from './mappers/order';
import { restOrderToNode, type RestOrder } from './mappers/rest-order';

export const ORDER_TOPICS = ['orders/create', 'orders/updated', 'orders/cancelled', 'orders/paid', 'orders/fulfilled', 'orders/partially_fulfilled', 'orders/edited'];

const header = (request: WebhookRequest, name: string): string | undefined => {
  const entry = Object.entries(request.headers).find(([key]) => key.toLowerCase() === name);
  return entry?.[1] ?? undefined;
};

export function verifyShopifyWebhook(config: Pick<ShopifyConfig, 'webhookSecret'>, request: WebhookRequest): void {
  if (!config.webhookSecret) throw new ConnectorError('CONFIG', "Shopify webhooks cannot be verified: the connection's webhookSecret (the app's client secret) is not set");
  const signature = header(request, 'x-shopify-hmac-sha256');
  if (!signature) throw new ConnectorError('AUTH', 'Shopify webhook without X-Shopify-Hmac-Sha256 header: refused');
  const expected = createHmac('sha256', config.webhookSecret).update(request.rawBody).digest();
  const given = Buffer.from(signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ConnectorError('AUTH', "Shopify webhook signature does not match: check the connection's webhookSecret (the app's client secret)");
  }
}

export async function parseShopifyWebhook(_ctx: ConnectorContext<ShopifyConfig>, request: WebhookRequest): Promise<ParsedWebhook<CanonicalOrder>> {
  const deliveryId = header(request, 'x-shopify-webhook-id');
  const topic = header(request, 'x-shopify-topic');
  if (!deliveryId || !topic) throw new ConnectorError('BAD_RECORD', 'Shopify webhook without X-Shopify-Webhook-Id or X-Shopify-Topic header');
  if (!ORDER_TOPICS.includes(topic)) return { deliveryId, topic, records: [] };
  let body: RestOrder;
  try {
    body = JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    throw new ConnectorError('BAD_RECORD', `Shopify webhook ${deliveryId} (${topic}) has a body that is not JSON`, { channelId: deliveryId });
  }
  const channelId = String(body?.id ?? deliveryId);
  return { deliveryId, topic, records: [mapRecord(channelId, body, () => mapShopifyOrder(restOrderToNode(body)))] };
}

export type WebhookOutcome = { duplicate: true; deliveryId: string } | ({ duplicate: false } & ParsedWebhook<CanonicalOrder>);

/**
 * Verify → drop repeats → parse, for an endpoint that receives one connection's webhooks. A delivery
 * whose parse throws is forgotten again, so Shopify's retry of it is not dropped as a duplicate.
 */
export function createShopifyWebhookReceiver(options: { recent?: RecentIds } = {}) {
  const recent = options.recent ?? new RecentIds();
  return async (ctx: ConnectorContext<ShopifyConfig>, request: WebhookRequest): Promise<WebhookOutcome> => {
    verifyShopifyWebhook(ctx.config, request);
    const deliveryId = header(request, 'x-shopify-webhook-id') ?? '';
    if (deliveryId && recent.seen(deliveryId)) return { duplicate: true, deliveryId };
    try {
      return { duplicate: false, ...(await parseShopifyWebhook(ctx, request)) };
    } catch (error) {
      recent.forget(deliveryId);
      throw error;
    }
  };
}
