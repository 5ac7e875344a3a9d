// The Magento 2 / Adobe Commerce connector: orders polled by updated_at, stock to MSI source items
// (and read back for reconciliation), shipments with tracking. Its simulator (./simulator) serves the
// same REST contract locally.
import type { Connector } from '@oms/connector-kit';
import { checkMagento } from './check';
import { magentoHttpOptions } from './client';
import { magentoManifest, type MagentoConfig } from './manifest';
import { publishedStock } from './readers/published-stock';
import { ordersStream } from './streams/orders';
import { createFulfillment } from './writers/fulfillment';
import { setStock } from './writers/stock';

export const magentoConnector: Connector<MagentoConfig> = {
  manifest: magentoManifest,
  httpOptions: magentoHttpOptions,
  check: checkMagento,
  streams: { orders: ordersStream },
  writers: { setStock, createFulfillment },
  readers: { publishedStock },
};

export { magentoManifest, magentoConfigSchema, type MagentoConfig } from './manifest';
export { classifyMagentoResponse, magentoHttpClientOptions, magentoHttpOptions, encodeSearchCriteria, MagentoClient } from './client';
export { mapMagentoOrder } from './mappers/order';
export { encodeOrdersCheckpoint, decodeOrdersCheckpoint } from './streams/orders';
export { startMagentoSimulator, type MagentoSimulatorOptions, type MagentoSimulatorHandle } from './simulator';
