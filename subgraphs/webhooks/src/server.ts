// Starts the webhooks subgraph: database, indexes, the dispatcher (log follower + sender, on BullMQ
// with Redis or the embedded scheduler without), HTTP server.
import path from 'node:path';
import { connectDatabase, ConsumerCursors, createEventBus, createLogger, ensureIndexes, loggingConfig, projectRoot, resealUnboundSecrets, SecretBox, secretsKeyConfigured, serveSubgraph, type RunningSubgraph, type SubgraphStartOptions } from '@oms/platform';
import { createContextFactory } from './context';
import { dispatchCursorModel } from './models/dispatch-cursor.model';
import { webhookDeliveryModel } from './models/webhook-delivery.model';
import { webhookEndpointModel } from './models/webhook-endpoint.model';
import { policies } from './policies';
import { resolvers } from './resolvers';
import { BullDeliveryQueue, queueNameFor } from './services/bull-queue';
import { DeliverySweeper, EmbeddedQueue } from './services/delivery-scheduler';
import { DeliverySender } from './services/delivery-sender';
import { DeliveryStore } from './services/delivery-store';
import { DeliveryService } from './services/delivery.service';
import { endpointSecretOwner, EndpointService } from './services/endpoint.service';
import { EventFollower } from './services/event-follower';
import { OwnerKeys } from './services/owner-keys';
import { WebhookPeers } from './services/peers';
import { GatewayGraph } from './services/selection';
import { settingsFromEnv, type WebhookSettings } from './settings';

const log = createLogger('webhooks');

export interface RunningWebhooksSubgraph extends RunningSubgraph {
  /** `bullmq` with a Redis URL, else `embedded`. */
  queueKind: 'embedded' | 'bullmq';
}

export async function startWebhooksSubgraph(options: SubgraphStartOptions, overrides: Partial<WebhookSettings> = {}): Promise<RunningWebhooksSubgraph> {
  const settings = settingsFromEnv(overrides);
  const gatewayUrl = options.gatewayUrl;
  if (!gatewayUrl) throw new Error('The webhooks subgraph needs the gateway URL (GATEWAY_URL) to resolve payload selections');
  const connection = await connectDatabase(options.mongoUri, options.dbName, { monitorCommands: options.monitorCommands });
  const endpointModel = webhookEndpointModel(connection);
  const store = new DeliveryStore(webhookDeliveryModel(connection));
  const cursors = new ConsumerCursors(dispatchCursorModel(connection));
  await ensureIndexes(connection);

  const box = new SecretBox(undefined, { remedy: "rotate the endpoint's secret (rotateWebhookSecret)" });
  if (!secretsKeyConfigured()) log[loggingConfig.read().NODE_ENV === 'production' ? 'warn' : 'info']('OMS_SECRETS_KEY (or OMS_INTERNAL_SECRET) is not set: webhook endpoint secrets are sealed with this process\'s generated key and become unreadable after a restart (rotateWebhookSecret issues new ones)');
  // Secrets sealed before they were bound to their endpoint open once more, to be bound.
  await resealUnboundSecrets(endpointModel, 'secretCiphertext', endpointSecretOwner, box);
  const graph = new GatewayGraph(gatewayUrl);
  const endpoints = new EndpointService(endpointModel, box, graph, settings);
  const ownerKeys = new OwnerKeys(options.peers.access, settings.keyRecheckMs);
  const sender = new DeliverySender(store, endpointModel, box, settings, graph, ownerKeys);
  const sweeper = new DeliverySweeper(store, settings.concurrency);
  const queue = options.redisUrl
    ? new BullDeliveryQueue(options.redisUrl, settings.queuePrefix, queueNameFor(options.dbName), sweeper, sender, settings.concurrency)
    : new EmbeddedQueue(sweeper, sender, settings.sweepIntervalMs);
  sender.useQueue(queue);
  const deliveries = new DeliveryService(store, endpoints, () => queue);
  const follower = new EventFollower(endpoints, store, cursors, new WebhookPeers(options.peers), graph, queue, settings, ownerKeys);
  const bus = options.eventBus ?? createEventBus({ redisUrl: options.redisUrl });

  const service = await serveSubgraph({
    name: 'webhooks',
    schemaPath: path.join(projectRoot, 'schema', 'webhooks.graphql'),
    resolvers,
    policies,
    connection,
    databaseBackend: options.databaseBackend,
    createContext: createContextFactory({ endpoints, deliveries, endpointModel, endpointsChanged: () => follower.endpointsChanged() }),
    port: options.port,
    host: options.host,
  });
  await queue.start();
  follower.start(bus);
  log.debug({ queue: queue.kind }, 'webhook dispatcher started');
  return {
    name: 'webhooks',
    service,
    connection,
    queueKind: queue.kind,
    stop: async () => {
      await follower.stop();
      await queue.stop();
      await service.stop();
      await cursors.release();
      if (!options.eventBus) await bus.close();
      await connection.close();
    },
  };
}
