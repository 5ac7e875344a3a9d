// A local PrestaShop Webservice for tests and demos: start it, point the connector's baseUrl at it
// (the only difference from production), inject faults, and inspect what the connector did.
import type { Server } from 'node:http';
import type { SimulatorHandle } from '@oms/connector-kit';
import { prestashopConfigSchema, type PrestashopConfig } from '../manifest';
import { startServer, type LoggedRequest, type ServerState } from './server';
import { SimulatedShop } from './shop';

export interface PrestashopSimulatorOptions {
  /** Orders seeded (deterministically: the same options give the same shop). */
  orders: number;
  /** Orders per page the returned config reads with. */
  pageSize?: number;
  port?: number;
  skus?: string[];
  seed?: number;
  /** Epoch ms the shop clock starts at (default 2024-03-01 08:00 UTC); each change moves it one second. */
  clockStart?: number;
  /** Answers 429 with Retry-After above this rate (the Webservice has none of its own; proxies and hosts do). */
  rateLimit?: { requestsPerSecond: number; burst?: number };
}

export interface PrestashopSimulatorHandle extends SimulatorHandle<PrestashopConfig> {
  /** The order's current_state id. */
  orderStateOf(channelOrderId: string): number | undefined;
  /** Order-state e-mails sent to customers (`sendemail=1`). */
  emailsSent(): Array<{ orderId: number; stateId: number }>;
  /** Sets a SKU's quantity on the shop side, as a merchant editing the product would. */
  setStockOf(sku: string, quantity: number): void;
}

export const SIMULATOR_API_KEY = 'SIMULATEDPRESTASHOPWEBSERVICEKEY';
const WRONG_API_KEY = 'WRONGKEYWRONGKEYWRONGKEYWRONGKEY';

export async function startPrestashopSimulator(options: PrestashopSimulatorOptions): Promise<PrestashopSimulatorHandle> {
  const shop = new SimulatedShop({ orders: options.orders, skus: options.skus, seed: options.seed, clockStart: options.clockStart });
  const state: ServerState = {
    shop,
    apiKey: SIMULATOR_API_KEY,
    log: [],
    faults: { rateLimited: 0, retryAfterSeconds: 1, failing: 0, failStatus: 500, crashIn: null },
    rateLimit: options.rateLimit
      ? { requestsPerSecond: options.rateLimit.requestsPerSecond, burst: options.rateLimit.burst ?? options.rateLimit.requestsPerSecond, tokens: options.rateLimit.burst ?? options.rateLimit.requestsPerSecond, refilledAt: Date.now() }
      : undefined,
  };
  const { server, baseUrl } = await startServer(state, options.port);
  const config = prestashopConfigSchema.parse({ baseUrl, apiKey: SIMULATOR_API_KEY, ...(options.pageSize ? { pageSize: options.pageSize } : {}) });

  const order = (channelOrderId: string) => {
    const found = shop.table('orders').get(Number(channelOrderId));
    if (!found || String(found.id) !== channelOrderId) throw new Error(`the PrestaShop simulator has no order ${channelOrderId}`);
    return found;
  };

  return {
    config,
    badCredentialsConfig: { ...config, apiKey: WRONG_API_KEY },
    baseUrl,
    skus: [...shop.skus],
    faults: {
      rateLimitNext(n, retryAfterSeconds) {
        state.faults.rateLimited = n;
        state.faults.retryAfterSeconds = retryAfterSeconds;
      },
      failNext(n, status = 500) {
        state.faults.failing = n;
        state.faults.failStatus = status;
      },
      crashAfterRequests(n) {
        state.faults.crashIn = n;
      },
    },
    corruptOrder(channelOrderId) {
      // A row that lost its product reference (a deleted product re-imported badly): no SKU to map.
      const found = order(channelOrderId);
      for (const row of found.associations?.order_rows ?? []) row.product_reference = '';
      found.date_upd = shop.tick();
    },
    cancelOrder(channelOrderId) {
      shop.changeState(order(channelOrderId).id, 6);
    },
    async addOrders(n) {
      return shop.addOrders(n);
    },
    orderIds: () => [...shop.table('orders').keys()].sort((a, b) => a - b).map(String),
    requests: () => state.log.map((entry) => ({ ...entry, headers: { ...entry.headers } })),
    stockOf(sku) {
      const row = shop.stockRow(sku);
      return row ? Number(row.quantity) : undefined;
    },
    setStockOf(sku, quantity) {
      const row = shop.stockRow(sku);
      if (!row) throw new Error(`the PrestaShop simulator has no SKU ${sku}`);
      row.quantity = String(quantity);
      shop.syncProductTotal(String(row.id_product));
    },
    fulfillmentsOf(channelOrderId) {
      return [...shop.table('order_carriers').values()]
        .filter((row) => row.id_order === channelOrderId && String(row.tracking_number ?? '') !== '')
        .map((row) => {
          const carrier = shop.table('carriers').get(Number(row.id_carrier));
          const url = String(carrier?.url ?? '');
          const trackingNumber = String(row.tracking_number);
          return { trackingNumber, carrier: String(carrier?.name ?? row.id_carrier), ...(url ? { trackingUrl: url.replace('@', encodeURIComponent(trackingNumber)) } : {}) };
        });
    },
    orderStateOf(channelOrderId) {
      const found = shop.table('orders').get(Number(channelOrderId));
      return found ? Number(found.current_state) : undefined;
    },
    emailsSent: () => [...shop.emails],
    stop: () => stopServer(server),
  };
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export type { LoggedRequest, SimulatorHandle };
