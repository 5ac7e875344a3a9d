// A local Magento 2 REST server for tests and demos: seeded orders, MSI source items, ShipOrder and
// shipment search, bearer auth, Magento's error bodies, rate limits and faults. Point the connector's
// baseUrl at it; nothing else changes.
import type { SimulatorHandle } from '@oms/connector-kit';
import type { MagentoConfig } from '../manifest';
import { magentoConfigSchema } from '../manifest';
import { SimulatorServer, type RecordedRequest } from './server';
import { MagentoStore } from './store';

export interface MagentoSimulatorOptions {
  orders: number;
  /** Orders per page the connector is configured to read (config.pageSize). */
  pageSize?: number;
  port?: number;
  skus?: string[];
  /** Answer 429 + Retry-After past this many requests per window (Magento itself has no limit). */
  rateLimit?: { requests: number; windowSeconds: number };
  /** Store views besides `default`. */
  storeCodes?: string[];
  seed?: number;
}

export interface MagentoSimulatorHandle extends SimulatorHandle<MagentoConfig> {
  /** Every request, with the query string as well. */
  requests(): RecordedRequest[];
  /** Quantity of a SKU at any MSI source (default: `default`). */
  stockOf(sku: string, sourceCode?: string): number | undefined;
  /** The simulated shop's state, for assertions beyond the common contract. */
  store: MagentoStore;
}

export const DEFAULT_SKUS = Array.from({ length: 8 }, (_, index) => `MG-${String(index + 1).padStart(3, '0')}`);
const TOKEN = 'magento-sim-integration-token';

function entityId(channelOrderId: string): number {
  if (!/^\d+$/.test(channelOrderId)) throw new Error(`Magento order ids are entity_id numbers, got ${channelOrderId}`);
  return Number(channelOrderId);
}

export async function startMagentoSimulator(options: MagentoSimulatorOptions): Promise<MagentoSimulatorHandle> {
  const skus = options.skus?.length ? [...options.skus] : [...DEFAULT_SKUS];
  const store = new MagentoStore({ orders: options.orders, skus, seed: options.seed });
  const storeCodes = ['default', ...(options.storeCodes ?? []).filter((code) => code !== 'default')];
  const server = new SimulatorServer({ store, token: TOKEN, storeCodes, port: options.port, rateLimit: options.rateLimit });
  const baseUrl = await server.start();
  const config = magentoConfigSchema.parse({ baseUrl, accessToken: TOKEN, ...(options.pageSize ? { pageSize: options.pageSize } : {}) });

  return {
    config,
    badCredentialsConfig: { ...config, accessToken: 'revoked-integration-token' },
    baseUrl,
    skus,
    store,
    faults: {
      rateLimitNext(n, retryAfterSeconds) {
        server.faults.rateLimited = n;
        server.faults.retryAfterSeconds = retryAfterSeconds;
      },
      failNext(n, status = 500) {
        server.faults.failing = n;
        server.faults.failStatus = status;
      },
      crashAfterRequests(n) {
        server.faults.crashAfter = n;
      },
    },
    corruptOrder: (id) => store.corrupt(entityId(id)),
    cancelOrder: (id) => store.cancel(entityId(id)),
    addOrders: async (n) => store.addOrders(n).map((order) => String(order.entity_id)),
    orderIds: () => [...store.orders.keys()].sort((a, b) => a - b).map(String),
    requests: () => server.log.map((entry) => ({ ...entry })),
    stockOf: (sku, sourceCode = 'default') => store.sourceItem(sku, sourceCode)?.quantity,
    fulfillmentsOf: (id) =>
      store.shipments
        .filter((shipment) => shipment.order_id === entityId(id))
        .flatMap((shipment) => {
          // Magento tracks have no URL field; a tracking link can only live in a shipment comment.
          const trackingUrl = shipment.comments.map((comment) => /\bTracking: (https?:\/\/\S+)/.exec(comment.comment)?.[1]).find(Boolean);
          return shipment.tracks.map((track) => ({ trackingNumber: track.track_number, carrier: track.title || track.carrier_code, ...(trackingUrl ? { trackingUrl } : {}) }));
        }),
    stop: () => server.stop(),
  };
}
