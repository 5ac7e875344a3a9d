// Per-request context of the fulfillment subgraph: who is calling and the request's loaders.
import type { IncomingMessage } from 'node:http';
import { actorOf } from '@oms/platform';
import type { ShipmentService } from './services/shipment.service';

export interface FulfillmentContext {
  actor: string;
  shipments: ShipmentService;
  loaders: ReturnType<ShipmentService['createLoaders']>;
}

export function createContextFactory(shipments: ShipmentService) {
  return (req: IncomingMessage): FulfillmentContext => ({ actor: actorOf(req), shipments, loaders: shipments.createLoaders() });
}
