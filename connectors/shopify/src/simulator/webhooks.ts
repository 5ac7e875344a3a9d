// Webhook deliveries from the simulated shop: the order as Shopify's REST resource (snake_case, what
// `orders/*` webhooks carry), signed like Shopify signs them (base64 HMAC-SHA256 of the raw body with
// the app's secret), with the topic, shop, API version and a webhook id per delivery.
import { createHmac, randomUUID } from 'node:crypto';
import { gid } from './resolvers';
import type { SimAddress, SimOrder } from './store';

export type WebhookTopic = 'orders/create' | 'orders/updated' | 'orders/cancelled';

export interface WebhookDelivery {
  webhookId: string;
  topic: WebhookTopic;
  body: string;
  headers: Record<string, string>;
  status?: number;
  error?: string;
}

const restAddress = (address: SimAddress | null) =>
  address && {
    first_name: address.firstName,
    last_name: address.lastName,
    name: `${address.firstName} ${address.lastName}`,
    company: address.company ?? null,
    address1: address.address1,
    address2: address.address2 ?? null,
    city: address.city,
    province: address.province ?? null,
    province_code: address.provinceCode ?? null,
    zip: address.zip,
    country: address.country,
    country_code: address.countryCode,
    phone: address.phone ?? null,
  };

const moneySet = (amount: string, currency: string) => ({ shop_money: { amount, currency_code: currency }, presentment_money: { amount, currency_code: currency } });

export function restOrder(order: SimOrder): Record<string, unknown> {
  return {
    id: order.id,
    admin_graphql_api_id: gid('Order', order.id),
    name: order.name,
    order_number: Number(order.name.slice(1)),
    email: order.email,
    phone: order.shippingAddress?.phone ?? null,
    created_at: order.createdAt,
    processed_at: order.processedAt,
    updated_at: order.updatedAt,
    cancelled_at: order.cancelledAt,
    cancel_reason: order.cancelReason?.toLowerCase() ?? null,
    currency: order.currency,
    financial_status: order.cancelledAt ? 'refunded' : 'paid',
    customer: order.customer && { id: order.customer.id, email: order.customer.email, first_name: order.customer.firstName, last_name: order.customer.lastName, phone: order.customer.phone ?? null },
    shipping_address: restAddress(order.shippingAddress),
    billing_address: restAddress(order.billingAddress),
    line_items: order.lineItems.map((line) => ({
      id: line.id,
      admin_graphql_api_id: gid('LineItem', line.id),
      sku: line.sku,
      name: line.name,
      title: line.name,
      quantity: line.quantity,
      price: line.price,
      price_set: moneySet(line.price, order.currency),
      variant_id: line.variantId,
      tax_lines: [{ title: 'VAT', rate: line.taxRate, price: line.tax, price_set: moneySet(line.tax, order.currency) }],
    })),
    total_shipping_price_set: moneySet(order.shipping, order.currency),
    total_discounts: order.discount,
    total_discounts_set: moneySet(order.discount, order.currency),
  };
}

export function signWebhook(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly options: { secret: string; shopDomain: string; apiVersion: string },
    public address: string | undefined,
  ) {}

  send(topic: WebhookTopic, order: SimOrder): WebhookDelivery | undefined {
    if (!this.address) return undefined;
    const body = JSON.stringify(restOrder(order));
    const webhookId = randomUUID();
    const delivery: WebhookDelivery = {
      webhookId,
      topic,
      body,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-hmac-sha256': signWebhook(body, this.options.secret),
        'x-shopify-shop-domain': this.options.shopDomain,
        'x-shopify-api-version': this.options.apiVersion,
        'x-shopify-webhook-id': webhookId,
        'x-shopify-event-id': randomUUID(),
        'x-shopify-triggered-at': new Date().toISOString(),
      },
    };
    this.deliveries.push(delivery);
    this.post(delivery);
    return delivery;
  }

  /** Sends the same delivery again (same webhook id): Shopify retries deliveries that were not acknowledged. */
  redeliver(webhookId: string): void {
    const delivery = this.deliveries.find((candidate) => candidate.webhookId === webhookId);
    if (!delivery) throw new Error(`no webhook delivery ${webhookId}`);
    this.post(delivery);
  }

  private post(delivery: WebhookDelivery): void {
    const attempt = fetch(this.address!, { method: 'POST', headers: delivery.headers, body: delivery.body, signal: AbortSignal.timeout(5000) })
      .then(async (response) => {
        delivery.status = response.status;
        await response.arrayBuffer();
      })
      .catch((error: Error) => {
        delivery.error = error.message;
      })
      .finally(() => this.pending.delete(attempt));
    this.pending.add(attempt);
  }

  /** Resolves when every delivery sent so far got an answer (or failed). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
