// Who may call what in the webhooks subgraph (enforced by @oms/platform when the schema is built).
// A partner manages only its own endpoints and their deliveries (services/endpoint.service.ts).
import type { PolicyMap } from '@oms/platform';
import type { Resolvers } from './__generated__/resolvers-types';

export const policies: PolicyMap<Resolvers> = {
  Query: {
    webhookEndpoints: 'INTERNAL_OR_PARTNER',
    webhookEndpoint: 'INTERNAL_OR_PARTNER',
    webhookDeliveries: 'INTERNAL_OR_PARTNER',
    webhookDelivery: 'INTERNAL_OR_PARTNER',
    webhookEventTypes: 'ANY_ROLE',
  },
  Mutation: {
    registerWebhookEndpoint: 'INTERNAL_OR_PARTNER',
    updateWebhookEndpoint: 'INTERNAL_OR_PARTNER',
    deactivateWebhookEndpoint: 'INTERNAL_OR_PARTNER',
    rotateWebhookSecret: 'INTERNAL_OR_PARTNER',
    redeliverWebhook: 'INTERNAL_OR_PARTNER',
    sendTestWebhook: 'INTERNAL_OR_PARTNER',
  },
  WebhookEndpoint: { __resolveReference: 'INTERNAL_OR_PARTNER' },
};
