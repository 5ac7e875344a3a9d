// Wires the connector runtime together: stores, the connector registry, the sync runner, the job
// queue (BullMQ with Redis, in-process otherwise), webhooks and the outbound loop.
import type { Connection } from 'mongoose';
import { BackgroundLoop, ConsumerCursors, consumerCursorModel, createEventBus, readServicesConfig, resealUnboundSecrets, SecretBox, createLogger, type EventBus, type SubgraphStartOptions } from '@oms/platform';
import { channelsConfig } from '../config';
import { channelOrderModel } from '../models/channel-order.model';
import { connectionModel } from '../models/connection.model';
import { deadLetterModel } from '../models/dead-letter.model';
import { fulfillmentPushModel, stockPushModel } from '../models/outbound.model';
import { syncRunModel } from '../models/sync-run.model';
import { stockReconciliationModel } from '../models/stock-reconciliation.model';
import { webhookDeliveryModel } from '../models/webhook-delivery.model';
import { ConnectionStore } from './connection-store';
import { ConnectionService } from './connection.service';
import { ConnectorRegistry } from './connector-registry';
import { connectionSecretsOwner, ConnectorRuntime } from './connector-runtime';
import { DeadLetterRetry } from './dead-letter-retry';
import { DeadLetters } from './dead-letters';
import { HubClient } from './hub-client';
import { InboxRunner } from './inbox/inbox-runner';
import { FulfillmentPushes } from './outbound/fulfillment-pushes';
import { OutboundLoop } from './outbound/outbound-loop';
import { StockPushes } from './outbound/stock-pushes';
import { StockQueue } from './outbound/stock-queue';
import { ReconciliationSchedule } from './reconciliation/reconciliation-schedule';
import { StockReconciliation } from './reconciliation/reconciliation.service';
import { ReconciliationStore } from './reconciliation/reconciliation-store';
import { BullmqQueue } from './scheduling/bullmq-queue';
import { InProcessQueue } from './scheduling/in-process-queue';
import type { JobQueue } from './scheduling/job-queue';
import type { SinkDeps } from './sync/runtime-sink';
import { SyncRunner } from './sync/sync-runner';
import { WebhookInbox } from './webhooks/webhook-inbox';
import { WebhookProcessor } from './webhooks/webhook-processor';

const log = createLogger('channels');

const MAINTENANCE_MS = 60_000;

export type ChannelsRuntime = ReturnType<typeof createChannelsRuntime>;

export function createChannelsRuntime(connection: Connection, options: SubgraphStartOptions) {
  /**
   * Safety nets: the in-process scheduler and the outbound pushes are armed for what falls due and
   * woken by requests and event notices; these timers (CHANNELS_TICK_MS / CHANNELS_OUTBOUND_POLL_MS)
   * only catch what another process wrote or a lost notice.
   */
  const { CHANNELS_TICK_MS: tickMs, CHANNELS_OUTBOUND_POLL_MS: outboundPollMs } = channelsConfig.read();
  const gatewayUrl = options.gatewayUrl ?? (() => readServicesConfig().gateway.url);
  const hub = new HubClient(gatewayUrl);
  const store = new ConnectionStore(connectionModel(connection));
  const runtime = new ConnectorRuntime(new ConnectorRegistry(), new SecretBox(undefined, { remedy: 'update the connection with its credentials' }));
  const deadLetters = new DeadLetters(deadLetterModel(connection));
  const runs = syncRunModel(connection);
  const channelOrders = channelOrderModel(connection);
  const deliveries = webhookDeliveryModel(connection);
  const cursors = new ConsumerCursors(consumerCursorModel(connection));
  const stockQueue = new StockQueue(stockPushModel(connection));
  const pushes = fulfillmentPushModel(connection);

  let outbound: OutboundLoop | null = null;
  const wakeOutbound = () => outbound?.wake();
  const sink: SinkDeps = {
    hub,
    store,
    deadLetters,
    channelOrders,
    onNewSkus: async (record, skus) => {
      await stockQueue.enqueue(record._id, skus);
      wakeOutbound();
    },
  };
  let queue: JobQueue | null = null;
  const requireQueue = () => {
    if (!queue) throw new Error('the channels job queue has not started');
    return queue;
  };
  const inboxRunner = new InboxRunner({ runtime, hub, deadLetters });
  const runner = new SyncRunner({ store, runs, runtime, deadLetters, sink, inbox: inboxRunner, onNextSync: (id, at) => (queue ? queue.scheduleSync(id, at) : Promise.resolve()) });
  store.onParked = (id) => runner.abort(id);
  const processor = new WebhookProcessor({ deliveries, store, runtime, deadLetters, sink });
  const inbox = new WebhookInbox({ store, runtime, deliveries, enqueue: (id, at) => queue?.enqueueWebhook(id, at) });
  const stock = new StockPushes({ hub, cursors, queue: stockQueue, store, runtime, deadLetters });
  const fulfillments = new FulfillmentPushes({ hub, cursors, pushes, channelOrders, store, runtime, deadLetters });
  const connections = new ConnectionService(store, runtime, {
    syncSoon: (id) => requireQueue().scheduleSync(id, new Date()),
    abort: (id) => runner.abort(id),
    resumed: async (id) => {
      await processor.wakeConnection(id);
      for (const due of await processor.due()) queue?.enqueueWebhook(due.id, due.at);
      wakeOutbound();
    },
    listed: async (id, skus) => {
      await stockQueue.enqueue(id, skus);
      wakeOutbound();
    },
  });
  const reconciliationReports = new ReconciliationStore(stockReconciliationModel(connection));
  const reconciliation = new StockReconciliation({ store, runtime, hub, stockQueue, reports: reconciliationReports });
  const reconciliationSchedule = new ReconciliationSchedule({ store, registry: runtime.registry, reports: reconciliationReports, reconciliation });
  const retries = new DeadLetterRetry({ store, deadLetters, sink, runner, queue: requireQueue, stock: stockQueue, fulfillments, wakeOutbound });
  const maintenance = new BackgroundLoop('maintenance', [{ name: 'stale-runs', run: () => runner.sweepStale() }], MAINTENANCE_MS, { component: 'channels.background' });
  let ownBus: EventBus | undefined;

  return {
    hub,
    store,
    runtime,
    deadLetters,
    runs,
    stockQueue,
    pushes,
    connections,
    retries,
    inbox,
    reconciliation,
    reconciliationReports,
    reconciliationSchedule,
    get queue(): JobQueue {
      return requireQueue();
    },
    triggerSync: async (id: string) => {
      const started = await runner.start(id, 'MANUAL', true);
      if (started!.started) await requireQueue().dispatchRun(started!.run._id);
      return started!.run;
    },
    start: async () => {
      // Credentials sealed before they were bound to their connection open once more, to be bound.
      await resealUnboundSecrets(store.model, 'secrets', connectionSecretsOwner, runtime.secrets);
      queue = options.redisUrl
        ? new BullmqQueue(options.redisUrl, `${options.dbName}-channels`, store, runner, processor)
        : new InProcessQueue(store, runner, processor, tickMs);
      await queue.start();
      const bus = options.eventBus ?? (ownBus = options.redisUrl ? createEventBus({ redisUrl: options.redisUrl }) : undefined);
      outbound = new OutboundLoop(stock, fulfillments, bus, outboundPollMs);
      outbound.start();
      maintenance.start();
      reconciliationSchedule.start();
      log.info({ queue: queue.kind, connectors: runtime.registry.all().map((c) => c.manifest.id) }, 'channel connector runtime started');
    },
    stop: async () => {
      await maintenance.stop();
      await reconciliationSchedule.stop();
      await outbound?.stop();
      await queue?.stop();
      await cursors.release();
      await ownBus?.close();
    },
  };
}
