// A local eBay Sell API server for tests and demos: the OAuth token endpoint, getOrders with eBay's
// filter and offset paging, getOrder, shipping fulfillments, bulk price/quantity updates and inventory
// item reads, with eBay's error bodies, 429s and the kit's fault hooks. Point the connection's
// apiBaseUrl (and tokenUrl) at it; nothing else changes.
import type { SimulatorHandle } from '@oms/connector-kit';
import { DEFAULT_SCOPES, ebayConfigSchema, type EbayConfig } from '../manifest';
import { SimulatedOAuth } from './oauth';
import { SimulatorServer, TOKEN_PATH, type RecordedRequest } from './server';
import { EbayStore } from './store';

export interface EbaySimulatorOptions {
  orders: number;
  /** Orders per page the connection is configured to read (config.pageSize). */
  pageSize?: number;
  port?: number;
  skus?: string[];
  seed?: number;
  /** Lifetime of the access tokens the simulator mints (eBay: 7200 s). */
  tokenLifetimeSeconds?: number;
  /** Scopes the seller consented to (default: fulfillment and inventory). */
  grantedScopes?: string[];
  ebayFulfilledEvery?: number;
  paymentPendingEvery?: number;
  /** eBay's call limit: API calls per window, past which eBay answers 429 (errorId 2001) without Retry-After. */
  callLimit?: { calls: number; windowSeconds: number };
}

export interface EbaySimulatorHandle extends SimulatorHandle<EbayConfig> {
  requests(): RecordedRequest[];
  /** Requests to the OAuth token endpoint. */
  tokenRequests(): RecordedRequest[];
  store: EbayStore;
  oauth: SimulatedOAuth;
  /** The seller revoked consent (or the refresh token expired): refreshes get invalid_grant. */
  revokeRefreshToken(): void;
  /** eBay drops every access token early: the next API call gets 401. */
  expireAccessTokens(): void;
}

export const DEFAULT_SKUS = Array.from({ length: 8 }, (_, index) => `EB-${String(index + 1).padStart(3, '0')}`);
const CLIENT_ID = 'OmsHub-Simulat-PRD-0a1b2c3d4-5e6f7a8b';
const CLIENT_SECRET = 'PRD-0a1b2c3d4e5f-6a7b-8c9d-0e1f-2a3b';
let refreshSequence = 0;

export async function startEbaySimulator(options: EbaySimulatorOptions): Promise<EbaySimulatorHandle> {
  const skus = options.skus?.length ? [...options.skus] : [...DEFAULT_SKUS];
  const store = new EbayStore({ orders: options.orders, skus, seed: options.seed, ebayFulfilledEvery: options.ebayFulfilledEvery, paymentPendingEvery: options.paymentPendingEvery });
  // A refresh token per simulator, so connections to two simulators never share an access token.
  const refreshToken = `v^1.1#i^1#r^1#sim-${process.pid}-${++refreshSequence}-${Date.now()}`;
  const oauth = new SimulatedOAuth(CLIENT_ID, CLIENT_SECRET, refreshToken, options.grantedScopes ?? DEFAULT_SCOPES, options.tokenLifetimeSeconds);
  const server = new SimulatorServer(store, oauth, options.port, options.callLimit);
  const baseUrl = await server.start();
  const config = ebayConfigSchema.parse({
    apiBaseUrl: baseUrl,
    tokenUrl: `${baseUrl}${TOKEN_PATH}`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    refreshToken,
    // The simulator commits every change at once: nothing to wait for.
    settleSeconds: 0,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });

  const order = (id: string) => store.order(id);
  return {
    config,
    badCredentialsConfig: { ...config, clientSecret: 'PRD-revoked-cert-id' },
    baseUrl,
    skus,
    store,
    oauth,
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
    corruptOrder: (id) => store.corrupt(id),
    cancelOrder: (id) => store.cancel(id),
    addOrders: async (n) => store.addOrders(n).map((added) => added.orderId),
    orderIds: () => [...store.orders.keys()],
    requests: () => server.log.map((entry) => ({ ...entry })),
    tokenRequests: () => server.log.filter((entry) => entry.path === TOKEN_PATH).map((entry) => ({ ...entry })),
    stockOf: (sku) => store.inventory.get(sku)?.quantity,
    fulfillmentsOf: (id) => {
      order(id);
      return (store.fulfillments.get(id) ?? []).map((entry) => ({ trackingNumber: entry.shipmentTrackingNumber ?? '', carrier: entry.shippingCarrierCode ?? '' }));
    },
    revokeRefreshToken: () => oauth.revokeRefreshToken(refreshToken),
    expireAccessTokens: () => oauth.expireAccessTokens(),
    stop: () => server.stop(),
  };
}
