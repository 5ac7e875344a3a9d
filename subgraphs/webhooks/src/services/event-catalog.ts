// The events an endpoint may subscribe to, and which log and entity each comes from. Subgraphs do not
// import each other, so the names are listed here; they mirror orders' order-events.ts, fulfillment's
// fulfillment-events.ts and inventory's stock events (keep them in step when a domain adds one).

export const EVENT_LOGS = ['orders', 'fulfillment', 'inventory'] as const;
export type EventLogName = (typeof EVENT_LOGS)[number];

/** What a payload's selection is made on: the order of order and fulfillment events, the item of stock events. */
export type SelectionEntity = 'Order' | 'InventoryItem';

export const TEST_EVENT_TYPE = 'webhooks.endpoint.test';

export const KNOWN_EVENT_TYPES: readonly string[] = [
  'orders.order.placed',
  'orders.order.held',
  'orders.order.hold_released',
  'orders.order.allocated',
  'orders.order.backordered',
  'orders.order.allocation_changed',
  'orders.order.status_changed',
  'orders.order.cancelled',
  'orders.order.cancellation_requested',
  'orders.order.lines_cancelled',
  'orders.order.allocation_released',
  'orders.payment.authorized',
  'orders.payment.captured',
  'orders.payment.voided',
  'orders.payment.refunded',
  'fulfillment.shipment.created',
  'fulfillment.shipment.status_changed',
  'fulfillment.return.requested',
  'fulfillment.return.approved',
  'fulfillment.return.rejected',
  'fulfillment.return.received',
  'fulfillment.return.refunded',
  'inventory.stock.set',
  'inventory.stock.adjusted',
  'inventory.stock.reserved',
  'inventory.stock.released',
  'inventory.stock.shipped',
  'inventory.stock.restocked',
];

/** An exact known type, or `domain.*` / `domain.entity.*` covering at least one known type. */
export function isKnownPattern(pattern: string): boolean {
  if (!pattern.endsWith('.*')) return KNOWN_EVENT_TYPES.includes(pattern);
  const prefix = pattern.slice(0, -1);
  return prefix.length > 1 && KNOWN_EVENT_TYPES.some((type) => type.startsWith(prefix));
}

export function matchesPattern(pattern: string, type: string): boolean {
  return pattern.endsWith('.*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
}

export function matchesAny(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => matchesPattern(pattern, type));
}

export function logOfType(type: string): EventLogName | null {
  const domain = type.split('.')[0];
  return (EVENT_LOGS as readonly string[]).includes(domain) ? (domain as EventLogName) : null;
}

/** The logs an endpoint's patterns read from. */
export function logsOf(patterns: readonly string[]): Set<EventLogName> {
  const logs = new Set<EventLogName>();
  for (const pattern of patterns) {
    const log = logOfType(pattern);
    if (log) logs.add(log);
  }
  return logs;
}

export function entityOfLog(log: EventLogName): SelectionEntity {
  return log === 'inventory' ? 'InventoryItem' : 'Order';
}
