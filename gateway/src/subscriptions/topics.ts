// The three subscription fields: which log feeds each, which events belong to it, how its arguments
// filter them, the event's own fields, and the entities a subscriber may select under it (fetched
// through the gateway at delivery time by the root query field named here).
import { eventCursor, type LogEvent, type LogName } from './log-events';

export type TopicName = 'orderStatusChanged' | 'shipmentUpdated' | 'stockLevelChanged';

/** An entity field of an event type and the Query field that fetches it by the event's key. */
export interface EntityField {
  queryField: string;
  argument: string;
  argumentType: string;
  /** The key from the event; null when the event does not name one. */
  keyOf(event: LogEvent): string | null;
}

export interface TopicArgs {
  orderId?: string | null;
  channel?: string | null;
  sku?: string | null;
  locationId?: string | null;
  after?: string | null;
}

export interface Topic {
  name: TopicName;
  log: LogName;
  /** The order an event belongs to, for scoping; undefined when the topic is not order-scoped. */
  orderIdOf?: (event: LogEvent) => string | null;
  accepts(event: LogEvent, args: TopicArgs): boolean;
  /** The event type's own (non-entity) fields. */
  values(event: LogEvent): Record<string, unknown>;
  entities: Record<string, EntityField>;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
export const normaliseChannel = (channel: string): string => channel.trim().toLowerCase();

const orderById: EntityField = { queryField: 'order', argument: 'id', argumentType: 'ID!', keyOf: (event) => (event.log === 'orders' ? event.aggregateId : text(event.payload.orderId)) };

const orderStatusChanged: Topic = {
  name: 'orderStatusChanged',
  log: 'orders',
  orderIdOf: (event) => event.aggregateId,
  // Every event that changes an order's status carries `to` (placed: to PENDING, from absent).
  accepts: (event, args) =>
    event.aggregateType === 'Order' &&
    typeof event.payload.to === 'string' &&
    (!args.orderId || event.aggregateId === args.orderId) &&
    (!args.channel || normaliseChannel(String(event.payload.channel ?? '')) === normaliseChannel(args.channel)),
  values: (event) => ({
    cursor: eventCursor(event),
    at: event.at.toISOString(),
    previousStatus: text(event.payload.from),
    status: event.payload.to,
  }),
  entities: { order: orderById },
};

const shipmentUpdated: Topic = {
  name: 'shipmentUpdated',
  log: 'fulfillment',
  orderIdOf: (event) => text(event.payload.orderId),
  accepts: (event, args) => event.aggregateType === 'Shipment' && typeof event.payload.to === 'string' && (!args.orderId || event.payload.orderId === args.orderId),
  values: (event) => ({ cursor: eventCursor(event), at: event.at.toISOString(), type: event.type, status: event.payload.to }),
  entities: {
    shipment: { queryField: 'shipment', argument: 'id', argumentType: 'ID!', keyOf: (event) => event.aggregateId },
    order: orderById,
  },
};

const stockLevelChanged: Topic = {
  name: 'stockLevelChanged',
  log: 'inventory',
  accepts: (event, args) =>
    event.aggregateType === 'StockLevel' &&
    (!args.sku || event.payload.sku === args.sku) &&
    (!args.locationId || event.payload.locationId === args.locationId),
  values: (event) => ({
    cursor: eventCursor(event),
    at: event.at.toISOString(),
    sku: event.payload.sku,
    locationId: event.payload.locationId,
    onHand: event.payload.onHand,
    reserved: event.payload.reserved,
    available: event.payload.available,
  }),
  entities: {
    item: { queryField: 'inventoryItem', argument: 'sku', argumentType: 'String!', keyOf: (event) => text(event.payload.sku) },
    location: { queryField: 'location', argument: 'id', argumentType: 'ID!', keyOf: (event) => text(event.payload.locationId) },
  },
};

export const TOPICS: Record<TopicName, Topic> = { orderStatusChanged, shipmentUpdated, stockLevelChanged };

export function topicOf(field: string): Topic | undefined {
  return (TOPICS as Record<string, Topic | undefined>)[field];
}
