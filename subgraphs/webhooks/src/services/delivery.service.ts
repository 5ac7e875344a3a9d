// The delivery log in the graph (scoped like endpoints), manual redelivery and test deliveries.
import { randomUUID } from 'node:crypto';
import { conflict, notFound, paginate, type Connection, type Identity, type PageArgs } from '@oms/platform';
import type { DeliveryStatus, WebhookDeliveryRecord } from '../models/webhook-delivery.model';
import type { DeliveryQueue } from './delivery-sender';
import type { DeliveryStore } from './delivery-store';
import type { EndpointService } from './endpoint.service';
import { TEST_EVENT_TYPE } from './event-catalog';

export interface DeliveryFilter extends PageArgs {
  endpointId?: string | null;
  status?: DeliveryStatus | null;
}

const NEWEST_FIRST = { field: 'createdAt', direction: -1 } as const;

export class DeliveryService {
  constructor(
    private readonly store: DeliveryStore,
    private readonly endpoints: EndpointService,
    private readonly queue: () => DeliveryQueue,
  ) {}

  async list(identity: Identity, args: DeliveryFilter): Promise<Connection<WebhookDeliveryRecord>> {
    const filter: Record<string, unknown> = args.status ? { status: args.status } : {};
    if (args.endpointId) {
      await this.endpoints.owned(identity, args.endpointId, 'endpointId');
      filter.endpointId = args.endpointId;
    } else {
      const visible = await this.endpoints.visibleIds(identity);
      if (visible) filter.endpointId = { $in: visible };
    }
    return paginate<WebhookDeliveryRecord>(this.store.model, filter, args, NEWEST_FIRST);
  }

  /** One endpoint's page (WebhookEndpoint.deliveries); the endpoint is already visible to the caller. */
  listForEndpoint(endpointId: string, args: DeliveryFilter): Promise<Connection<WebhookDeliveryRecord>> {
    return paginate<WebhookDeliveryRecord>(this.store.model, { endpointId, ...(args.status ? { status: args.status } : {}) }, args, NEWEST_FIRST);
  }

  async get(identity: Identity, id: string): Promise<WebhookDeliveryRecord | null> {
    const delivery = await this.store.get(id);
    if (!delivery) return null;
    try {
      await this.endpoints.owned(identity, delivery.endpointId);
      return delivery;
    } catch {
      return null;
    }
  }

  /** Sends the same payload again under the same webhook-id, as a new round of attempts. */
  async redeliver(identity: Identity, id: string): Promise<WebhookDeliveryRecord> {
    const delivery = await this.get(identity, id);
    if (!delivery) throw notFound('WebhookDelivery', id, 'deliveryId');
    if (delivery.leaseUntil && delivery.leaseUntil > new Date()) throw conflict('An attempt of this delivery is in flight; ask again in a few seconds', { field: 'deliveryId' });
    if (!(await this.store.reopen(delivery))) throw conflict('The delivery changed meanwhile; ask again', { field: 'deliveryId' });
    const reopened = (await this.store.get(id))!;
    await this.queue().schedule(reopened, `manual${reopened.version}`);
    return reopened;
  }

  async sendTest(identity: Identity, endpointId: string): Promise<WebhookDeliveryRecord> {
    const endpoint = await this.endpoints.owned(identity, endpointId, 'endpointId');
    const eventId = `test:${randomUUID()}`;
    const at = new Date();
    const created = await this.store.create({
      endpointId: endpoint._id,
      eventId,
      eventType: TEST_EVENT_TYPE,
      eventCursor: null,
      log: 'test',
      seq: 0,
      chainKey: `${endpoint._id}|test|${eventId}`,
      orderId: null,
      payload: { id: eventId, type: TEST_EVENT_TYPE, cursor: null, at: at.toISOString(), data: { endpointId: endpoint._id, message: 'A test delivery from OMS Hub: the signature verifies with your endpoint secret.' } },
    }, at);
    await this.queue().schedule(created!);
    return created!;
  }
}
