// startShopifySimulator: a local Shopify shop (seeded, deterministic) behind a real HTTP server that
// speaks the Admin GraphQL API, with the conformance suite's hooks (faults, channel-side changes,
// what the channel shows) and signed `orders/*` webhooks to a registered address.
import type { SimulatorHandle } from '@oms/connector-kit';
import { SHOPIFY_API_VERSION, type ShopifyApiVersion, type ShopifyConfig } from '../manifest';
import { SimServer, type SimServerOptions } from './server';
import { SimStore } from './store';
import { WebhookSender, type WebhookDelivery } from './webhooks';

export interface ShopifySimulatorOptions {
  /** Orders seeded at start (a minute apart, January 2025). */
  orders: number;
  /** Orders per page the connection asks for (config.pageSize). */
  pageSize?: number;
  seed?: number;
  skuPrefix?: string;
  /** SKUs in the shop's catalogue (default 8). */
  catalogue?: number;
  shopDomain?: string;
  accessToken?: string;
  /** The app's client secret: signs webhooks. */
  appSecret?: string;
  /** Where `orders/*` webhooks go (also settable later with registerWebhook). */
  webhookUrl?: string;
  /** Query cost limits: Shopify's standard plan is 1000 points, restoring 50/s. */
  maxCost?: number;
  restoreRate?: number;
  throttleStatus?: SimServerOptions['throttleStatus'];
  port?: number;
  /** The API version the handed-out config uses (default: the connector's current one). */
  apiVersion?: ShopifyApiVersion;
}

export interface ShopifySimulatorHandle extends SimulatorHandle<ShopifyConfig> {
  store: SimStore;
  registerWebhook(url: string | undefined): void;
  webhookDeliveries(): WebhookDelivery[];
  redeliverWebhook(webhookId: string): void;
  /** Resolves when every webhook sent so far was answered. */
  webhooksSettled(): Promise<void>;
  throttleStatus(): { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
  /** Uses up query cost as another client of the same app would (the next queries may be THROTTLED). */
  drainCost(points: number): void;
  /** How many queries were answered THROTTLED so far. */
  throttledCount(): number;
  /** Query cost points charged so far (what the shop's bucket paid). */
  costSpent(): number;
}

export async function startShopifySimulator(options: ShopifySimulatorOptions): Promise<ShopifySimulatorHandle> {
  const shopDomain = options.shopDomain ?? 'oms-simulator.myshopify.com';
  const accessToken = options.accessToken ?? 'shpat_simulator_0123456789abcdef';
  const appSecret = options.appSecret ?? 'simulator-app-secret';
  const store = new SimStore({ orders: options.orders, seed: options.seed, skuPrefix: options.skuPrefix, catalogue: options.catalogue });
  const server = new SimServer(store, { accessToken, shopDomain, maxCost: options.maxCost ?? 1000, restoreRate: options.restoreRate ?? 50, throttleStatus: options.throttleStatus ?? 200 });
  const baseUrl = await server.listen(options.port);
  const apiVersion = options.apiVersion ?? SHOPIFY_API_VERSION;
  const webhooks = new WebhookSender({ secret: appSecret, shopDomain, apiVersion }, options.webhookUrl);

  const config: ShopifyConfig = { shopDomain, accessToken, apiVersion, baseUrl, webhookSecret: appSecret, pageSize: options.pageSize ?? 50 };
  return {
    store,
    config,
    badCredentialsConfig: { ...config, accessToken: 'shpat_revoked_token' },
    baseUrl,
    skus: store.skus,
    faults: {
      rateLimitNext: (n, retryAfterSeconds) => server.rateLimitNext(n, retryAfterSeconds),
      failNext: (n, status) => server.failNext(n, status),
      crashAfterRequests: (n) => server.crashAfterRequests(n),
    },
    corruptOrder: (id) => void webhooks.send('orders/updated', store.corrupt(id)),
    cancelOrder: (id) => {
      const order = store.cancel(id);
      webhooks.send('orders/cancelled', order);
      webhooks.send('orders/updated', order);
    },
    addOrders: async (n) => {
      const orders = store.addOrders(n);
      for (const order of orders) webhooks.send('orders/create', order);
      return orders.map((order) => String(order.id));
    },
    orderIds: () => [...store.orders.keys()].map(String),
    requests: () => server.recorded.map((request) => ({ ...request })),
    stockOf: (sku) => store.available(sku),
    fulfillmentsOf: (id) =>
      store.order(id).fulfillments.map((fulfillment) => ({ trackingNumber: fulfillment.number ?? '', carrier: fulfillment.company ?? '', ...(fulfillment.url ? { trackingUrl: fulfillment.url } : {}) })),
    registerWebhook: (url) => void (webhooks.address = url),
    webhookDeliveries: () => [...webhooks.deliveries],
    redeliverWebhook: (webhookId) => webhooks.redeliver(webhookId),
    webhooksSettled: () => webhooks.settled(),
    throttleStatus: () => server.bucket.status(),
    throttledCount: () => server.throttled,
    costSpent: () => server.costSpent,
    drainCost: (points) => void server.bucket.take(Math.min(points, server.bucket.status().currentlyAvailable)),
    stop: async () => {
      await webhooks.settled();
      await server.close();
    },
  };
}

export { SimStore } from './store';
export { signWebhook, restOrder, type WebhookDelivery, type WebhookTopic } from './webhooks';
