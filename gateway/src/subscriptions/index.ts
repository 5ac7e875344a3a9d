// Federated subscriptions over graphql-ws on the gateway (see subscription-server.ts for the flow).
export { createSubscriptionServer, credentialsOf, type SubscriptionServer, type SubscriptionServerDeps } from './subscription-server';
export { subscriptionOptions, type SubscriptionOptions } from './options';
export { CLOSE_GOING_AWAY, CLOSE_TOO_SLOW, CLOSE_UNAUTHORIZED } from './session';
