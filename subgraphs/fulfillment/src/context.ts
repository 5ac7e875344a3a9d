// Per-request context of the fulfillment subgraph: who is calling, the services and the request's loaders.
import type { IncomingMessage } from 'node:http';
import { actorOf, type Identity, type EventLog } from '@oms/platform';
import { FulfillmentAccess } from './services/access';
import type { ReturnService } from './services/return.service';
import type { ShipmentLifecycle } from './services/shipment-lifecycle';
import type { ShipmentService } from './services/shipment.service';

export interface FulfillmentServices {
  shipments: ShipmentService;
  lifecycle: ShipmentLifecycle;
  returns: ReturnService;
  events: EventLog;
}

export interface FulfillmentContext extends FulfillmentServices {
  identity: Identity;
  actor: string;
  /** What this caller may see and change (services/access.ts). */
  access: FulfillmentAccess;
  loaders: ReturnType<ShipmentService['createLoaders']> & ReturnType<ReturnService['createLoaders']>;
}

export function createContextFactory(services: FulfillmentServices) {
  return (req: IncomingMessage, identity: Identity): FulfillmentContext => {
    const loaders = { ...services.shipments.createLoaders(), ...services.returns.createLoaders() };
    return { ...services, identity, actor: actorOf(req, identity), access: new FulfillmentAccess(identity, (orderId) => loaders.orderScopeById.load(orderId)), loaders };
  };
}
