// Outbound requests to addresses callers choose: the public-address guard and the pinned request.
export * from './outbound-guard';
export * from './outbound-request';
