// Webhooks resolvers: thin calls into the endpoint and delivery services, which apply the scope rules.
import { DateTimeScalar, JsonScalar } from '@oms/platform';
import type { Resolvers } from '../__generated__/resolvers-types';
import { KNOWN_EVENT_TYPES } from '../services/event-catalog';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSON: JsonScalar,
  Query: {
    webhookEndpoints: (_parent, { includeInactive }, ctx) => ctx.endpoints.list(ctx.identity, includeInactive ?? false),
    webhookEndpoint: async (_parent, { id }, ctx) => {
      const endpoint = await ctx.loaders.endpointById.load(id);
      return endpoint && ctx.endpoints.isVisible(ctx.identity, endpoint) ? endpoint : null;
    },
    webhookDeliveries: (_parent, args, ctx) => ctx.deliveries.list(ctx.identity, args),
    webhookDelivery: (_parent, { id }, ctx) => ctx.deliveries.get(ctx.identity, id),
    webhookEventTypes: () => [...KNOWN_EVENT_TYPES],
  },
  Mutation: {
    registerWebhookEndpoint: async (_parent, { input }, ctx) => {
      const registered = await ctx.endpoints.register(ctx.identity, input);
      ctx.endpointsChanged();
      return registered;
    },
    updateWebhookEndpoint: async (_parent, { id, input }, ctx) => {
      const endpoint = await ctx.endpoints.update(ctx.identity, id, input);
      ctx.endpointsChanged();
      return endpoint;
    },
    deactivateWebhookEndpoint: async (_parent, { id }, ctx) => {
      const endpoint = await ctx.endpoints.deactivate(ctx.identity, id);
      ctx.endpointsChanged();
      return endpoint;
    },
    rotateWebhookSecret: (_parent, { id }, ctx) => ctx.endpoints.rotateSecret(ctx.identity, id),
    redeliverWebhook: (_parent, { deliveryId }, ctx) => ctx.deliveries.redeliver(ctx.identity, deliveryId),
    sendTestWebhook: (_parent, { endpointId }, ctx) => ctx.deliveries.sendTest(ctx.identity, endpointId),
  },
  WebhookEndpoint: {
    __resolveReference: async (reference, ctx) => {
      const endpoint = await ctx.loaders.endpointById.load(reference.id);
      return endpoint && ctx.endpoints.isVisible(ctx.identity, endpoint) ? endpoint : null;
    },
    id: (endpoint) => endpoint._id,
    owner: (endpoint) => endpoint.ownerName,
    deliveries: (endpoint, args, ctx) => ctx.loaders.endpointDeliveries.load({ endpointId: endpoint._id, ...args }),
  },
  WebhookDelivery: {
    id: (delivery) => delivery._id,
    endpoint: async (delivery, _args, ctx) => (await ctx.loaders.endpointById.load(delivery.endpointId))!,
  },
};
