// The PrestaShop connector: orders read from the Webservice, stock and shipments written back to it,
// published stock read back for reconciliation.
// Everything generic (HTTP, retries, cursors, dead letters) is the kit's; see client.ts for the wire.
import type { Connector } from '@oms/connector-kit';
import { checkConnection } from './check';
import { prestashopHttpOptions } from './client';
import { prestashopManifest, type PrestashopConfig } from './manifest';
import { publishedStock } from './readers/published-stock';
import { ordersStream } from './streams/orders';
import { createFulfillment } from './writers/fulfillment';
import { setStock } from './writers/stock';

export const prestashopConnector: Connector<PrestashopConfig> = {
  manifest: prestashopManifest,
  httpOptions: prestashopHttpOptions,
  check: checkConnection,
  streams: { orders: ordersStream },
  writers: { setStock, createFulfillment },
  readers: { publishedStock },
};

export { prestashopManifest, prestashopConfigSchema, type PrestashopConfig, type PrestashopConfigInput } from './manifest';
export { prestashopHttpOptions } from './client';
export { encodeCheckpoint, decodeCheckpoint } from './streams/orders';
export { startPrestashopSimulator, SIMULATOR_API_KEY, type PrestashopSimulatorOptions, type PrestashopSimulatorHandle, type SimulatorHandle } from './simulator';
