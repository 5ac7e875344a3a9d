// The connector kit's public API: the connector contract and its plug-in declaration, canonical
// shapes, errors, the HTTP client, mapping helpers, the orders sync engine, the hub sink and the
// conformance suite every connector passes (see conformance/ and connectors/README.md).
export * from './connector';
export * from './plugin';
export * from './context';
export * from './canonical';
export * from './errors';
export * from './http-client';
export { classifyStatus, bodyExcerpt } from './http-classify';
export * from './logger';
export * from './mappers';
export * from './recent-ids';
export * from './sync/hub-sink';
export * from './sync/run-orders-sync';
export * from './hub/graph-sink';
export { describeHubError, isRecordError, type HubGraphqlError, type HubGraphqlResponse, type HubHeaders } from './hub/hub-graphql';
// The suite calls jest's globals (describe, it, expect) only when a test file runs it, so importing
// the kit outside jest stays safe.
export * from './conformance';
export * from './seeded-random';
export { recordedQuery } from './simulator-http';
