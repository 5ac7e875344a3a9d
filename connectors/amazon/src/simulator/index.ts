// A local Amazon Selling Partner API for tests and demos: Login with Amazon's token endpoint and the
// SP-API operations the connector uses, with per-operation quotas, seeded orders and listings, and
// fault hooks. Point the connection's endpoint and tokenEndpoint at it; nothing else changes.
import type { SimulatorHandle } from '@oms/connector-kit';
import { amazonConfigSchema, type AmazonConfig } from '../manifest';
import { OPERATION_QUOTAS, type AmazonOperation, type OperationQuota } from '../rate-limits';
import type { AmazonOrderStatus } from '../types';
import { SimulatorServer, TOKEN_PATH, type AppCredentials, type RecordedRequest } from './server';
import { AmazonStore, SIM_MARKETPLACE, type SimOrder } from './store';

export interface AmazonSimulatorOptions {
  orders: number;
  /** Orders per getOrders page the connection asks for (config.pageSize). */
  pageSize?: number;
  port?: number;
  skus?: string[];
  seed?: number;
  /** Access token and RDT lifetime in seconds (Amazon: 3600). */
  tokenLifetimeSeconds?: number;
  /** Quotas that differ from Amazon's default usage plans (e.g. a smaller getOrderItems burst). */
  quotas?: Partial<Record<AmazonOperation, OperationQuota>>;
}

export interface AmazonSimulatorHandle extends SimulatorHandle<AmazonConfig> {
  requests(): RecordedRequest[];
  store: AmazonStore;
  /** Refresh-token exchanges answered so far. */
  tokenExchanges(): number;
  /** The seller revokes the app's authorisation: the refresh token stops working. */
  revokeRefreshToken(): void;
  /** Every access token issued so far has expired. */
  expireAccessTokens(): void;
  setOrderStatus(channelOrderId: string, status: AmazonOrderStatus): void;
  /** Patches of this SKU's quantity come back INVALID with this issue. */
  refuseStockFor(sku: string, issue: { code: string; message: string }): void;
  packagesOf(channelOrderId: string): SimOrder['packages'];
}

export const DEFAULT_SKUS = Array.from({ length: 8 }, (_, index) => `AMZ-${String(index + 1).padStart(3, '0')}`);

const CREDENTIALS: AppCredentials = {
  clientId: 'amzn1.application-oa2-client.simulator',
  clientSecret: 'amzn1.oa2-cs.v1.simulator-secret',
  refreshToken: 'Atzr|simulator-refresh-token',
  sellerId: 'A2SIMULATORSELLER',
};

export async function startAmazonSimulator(options: AmazonSimulatorOptions): Promise<AmazonSimulatorHandle> {
  const skus = options.skus?.length ? [...options.skus] : [...DEFAULT_SKUS];
  const store = new AmazonStore({ orders: options.orders, skus, seed: options.seed });
  const server = new SimulatorServer({ store, credentials: CREDENTIALS, port: options.port, tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600, quotas: { ...OPERATION_QUOTAS, ...options.quotas } });
  const baseUrl = await server.start();
  const config = amazonConfigSchema.parse({
    endpoint: baseUrl,
    tokenEndpoint: `${baseUrl}${TOKEN_PATH}`,
    clientId: CREDENTIALS.clientId,
    clientSecret: CREDENTIALS.clientSecret,
    refreshToken: CREDENTIALS.refreshToken,
    sellerId: CREDENTIALS.sellerId,
    marketplaceId: SIM_MARKETPLACE.id,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });

  return {
    config,
    badCredentialsConfig: { ...config, clientSecret: 'amzn1.oa2-cs.v1.rotated-secret' },
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
    corruptOrder: (id) => store.corrupt(id),
    cancelOrder: (id) => store.setStatus(id, 'Canceled'),
    addOrders: async (n) => store.addOrders(n),
    orderIds: () => [...store.orders.keys()],
    requests: () => server.log.map((entry) => ({ ...entry })),
    stockOf: (sku) => store.listings.get(sku)?.quantity,
    fulfillmentsOf: (id) => store.get(id).packages.map((pkg) => ({ trackingNumber: pkg.trackingNumber, carrier: pkg.carrierName ?? pkg.carrierCode })),
    packagesOf: (id) => store.get(id).packages,
    tokenExchanges: () => server.exchanges,
    revokeRefreshToken: () => {
      server.refreshTokenRevoked = true;
    },
    expireAccessTokens: () => server.expireTokens(),
    setOrderStatus: (id, status) => store.setStatus(id, status),
    refuseStockFor: (sku, issue) => {
      const listing = store.listings.get(sku);
      if (!listing) throw new Error(`the simulator has no listing ${sku}`);
      listing.refusal = issue;
    },
    stop: () => server.stop(),
  };
}
