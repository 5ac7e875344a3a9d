// The Amazon Selling Partner API connector: orders from Orders v0 (Pending held, AFN imported for
// visibility), merchant-fulfilled stock through Listings Items, shipments through confirmShipment.
// Its simulator (./simulator) serves the same contract, token endpoint included.
import type { Connector } from '@oms/connector-kit';
import { checkAmazon } from './check';
import { amazonHttpOptions } from './client';
import { amazonManifest, type AmazonConfig } from './manifest';
import { publishedStock } from './readers/published-stock';
import { ordersStream } from './streams/orders';
import { createFulfillment } from './writers/fulfillment';
import { setStock } from './writers/stock';

export const amazonConnector: Connector<AmazonConfig> = {
  manifest: amazonManifest,
  httpOptions: amazonHttpOptions,
  check: checkAmazon,
  streams: { orders: ordersStream },
  writers: { setStock, createFulfillment },
  readers: { publishedStock },
};

export { amazonManifest, amazonConfigSchema, type AmazonConfig } from './manifest';
export { amazonHttpOptions, callSpApi } from './client';
export { classifyAmazon } from './classify';
export { mapAmazonOrder } from './mappers/order';
export { encodeOrdersCheckpoint, decodeOrdersCheckpoint } from './streams/checkpoint';
export { packageReferenceId } from './writers/fulfillment';
export { OPERATION_QUOTAS } from './rate-limits';
export { startAmazonSimulator, type AmazonSimulatorOptions, type AmazonSimulatorHandle } from './simulator';
