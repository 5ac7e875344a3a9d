// Per-request context of the webhooks subgraph: who is calling, the services and the loaders.
import type { IncomingMessage } from 'node:http';
import DataLoader from 'dataloader';
import { actorOf, keyedLoader, type Connection, type Identity } from '@oms/platform';
import type { DeliveryStatus, WebhookDeliveryRecord } from './models/webhook-delivery.model';
import type { WebhookEndpointModel, WebhookEndpointRecord } from './models/webhook-endpoint.model';
import type { DeliveryService } from './services/delivery.service';
import type { EndpointService } from './services/endpoint.service';

export interface EndpointDeliveriesKey {
  endpointId: string;
  first?: number | null;
  after?: string | null;
  status?: DeliveryStatus | null;
}

export interface WebhooksContext {
  identity: Identity;
  actor: string;
  endpoints: EndpointService;
  deliveries: DeliveryService;
  /** Called after an endpoint changes, so the dispatcher reads the logs for it at once. */
  endpointsChanged: () => void;
  loaders: {
    endpointById: DataLoader<string, WebhookEndpointRecord | null, string>;
    /**
     * Each endpoint's page is its own keyset query (pages cannot share one query and stay bounded);
     * the loader runs a request's pages in parallel and answers repeated keys once.
     */
    endpointDeliveries: DataLoader<EndpointDeliveriesKey, Connection<WebhookDeliveryRecord>, string>;
  };
}

export interface WebhooksServices {
  endpoints: EndpointService;
  deliveries: DeliveryService;
  endpointModel: WebhookEndpointModel;
  endpointsChanged: () => void;
}

export function createContextFactory(services: WebhooksServices) {
  return (req: IncomingMessage, identity: Identity): WebhooksContext => ({
    identity,
    actor: actorOf(req, identity),
    endpoints: services.endpoints,
    deliveries: services.deliveries,
    endpointsChanged: services.endpointsChanged,
    loaders: {
      endpointById: keyedLoader<string, WebhookEndpointRecord>(
        (ids) => services.endpointModel.find({ _id: { $in: ids } }).lean<WebhookEndpointRecord[]>().exec(),
        (endpoint) => endpoint._id,
      ),
      endpointDeliveries: new DataLoader<EndpointDeliveriesKey, Connection<WebhookDeliveryRecord>, string>(
        (keys) => Promise.all(keys.map((key) => services.deliveries.listForEndpoint(key.endpointId, key))),
        { cacheKeyFn: (key) => JSON.stringify([key.endpointId, key.first ?? null, key.after ?? null, key.status ?? null]) },
      ),
    },
  });
}
