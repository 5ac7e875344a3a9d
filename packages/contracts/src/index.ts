// Contracts between the hub's services. Events: one versioned zod schema per event type, checked by
// producers before an event is written and parsed by consumers (events/registry.ts).
export { defineEvent, defineEvents, EventContractError, type EventContract } from './events/define-event';
export * from './events/registry';
export { STOCK_EVENT_TYPES, stockLevelPayload, type StockEventType, type StockLevelPayload } from './events/inventory';
export { ORDER_STATUSES, PAYMENT_STATUSES, SHIPMENT_STATUSES, RETURN_STATUSES } from './events/common';
// Service-to-service operations: typed documents generated from peers/<target>/*.graphql (peers/index.ts).
export * from './peers';
