// The connector kit's public API: the connector contract, canonical shapes, errors, the HTTP client,
// mapping helpers, the orders sync engine, the hub sink and the conformance suite (see conformance/).
export * from './connector';
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
// The suite itself needs jest's globals: import it from '@oms/connector-kit/src/conformance'.
export type * from './conformance/types';
export * from './seeded-random';
export { recordedQuery } from './simulator-http';
