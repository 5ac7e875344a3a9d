// The eBay connector (Sell APIs): orders polled from the Fulfillment API, stock published through the
// Inventory API and read back for reconciliation, shipments confirmed with tracking. Its simulator
// (./simulator) serves the same REST contract and OAuth token endpoint locally.
import type { Connector } from '@oms/connector-kit';
import { checkEbay } from './check';
import { ebayHttpOptions } from './client';
import { ebayManifest, type EbayConfig } from './manifest';
import { publishedStock } from './readers/published-stock';
import { ordersStream } from './streams/orders';
import { createFulfillment } from './writers/fulfillment';
import { setStock } from './writers/stock';

export const ebayConnector: Connector<EbayConfig> = {
  manifest: ebayManifest,
  httpOptions: ebayHttpOptions,
  check: checkEbay,
  streams: { orders: ordersStream },
  writers: { setStock, createFulfillment },
  readers: { publishedStock },
};

export { ebayManifest, ebayConfigSchema, DEFAULT_SCOPES, type EbayConfig, type EbayConfigInput } from './manifest';
export { ebayHttpOptions, ebayHttpClientOptions } from './client';
export { clearAccessTokens } from './auth/access-token';
export { classifyEbayResponse, classifyTokenResponse, describeEbayErrors, type EbayErrorDetail } from './classify';
export { mapEbayOrder, orderState, orderPromise } from './mappers/order';
export { encodeOrdersCheckpoint, decodeOrdersCheckpoint } from './streams/checkpoint';
export { carrierCode } from './writers/fulfillment';
export { startEbaySimulator, type EbaySimulatorOptions, type EbaySimulatorHandle } from './simulator';
