// Starts the orders subgraph: database connection, indexes, services, event-log sweep, HTTP server,
// and the background loop (workflow recovery, backorders, shipment status).
import path from 'node:path';
import { announceEvents, BackgroundLoop, connectDatabase, ConsumerCursors, consumerCursorModel, DocumentNumbers, ensureIndexes, KeyedLock, projectRoot, serveSubgraph, type RunningSubgraph, type SubgraphStartOptions } from '@oms/platform';
import { createContextFactory, type OrdersServices } from './context';
import { channelSettingsModel } from './models/channel-settings.model';
import { holdRuleModel } from './models/hold-rule.model';
import { orderModel } from './models/order.model';
import { resolvers } from './resolvers';
import { ChannelSettingsService } from './services/channel-settings.service';
import { HoldRuleService } from './services/hold-rules.service';
import { OrderImportService } from './services/order-import.service';
import { OrderLifecycleService } from './services/order-lifecycle.service';
import { OrderWriter } from './services/order-writer';
import { OrderService } from './services/order.service';
import { PaymentService } from './services/payment.service';
import { OrderPeers, SYSTEM } from './services/peers';
import { BackorderConsumer } from './services/workflow/backorder-consumer';
import { ShipmentConsumer } from './services/workflow/shipment-consumer';
import { OrderWorkflow } from './services/workflow/workflow';

/** How often the background loop runs (ORDERS_POLL_INTERVAL_MS overrides). */
const DEFAULT_POLL_INTERVAL_MS = 1_000;

export async function startOrdersSubgraph(options: SubgraphStartOptions): Promise<RunningSubgraph> {
  const connection = await connectDatabase(options.mongoUri, options.dbName, { monitorCommands: options.monitorCommands });
  const orders = orderModel(connection);
  const peers = OrderPeers.fromUrls(options.peers);
  // One lock instance for order writes and the event relay (the relay takes an order's key itself).
  const writer = new OrderWriter(orders, connection, new KeyedLock());
  const channels = new ChannelSettingsService(channelSettingsModel(connection), peers);
  const holdRules = new HoldRuleService(holdRuleModel(connection));
  const ctx = { writer, peers, channels };
  const workflow = new OrderWorkflow(ctx, orders);
  const orderService = new OrderService(orders, new DocumentNumbers(connection, 'order-number', 'OMS'), peers, writer, holdRules, workflow);
  const services: OrdersServices = {
    orders: orderService,
    imports: new OrderImportService(orders, orderService),
    lifecycle: new OrderLifecycleService(ctx, orderService, workflow, peers),
    payments: new PaymentService(writer),
    holdRules,
    channels,
    events: writer.log,
  };
  await ensureIndexes(connection);
  const stopAnnouncing = announceEvents(writer.log, options);
  await writer.sweep();

  const cursors = new ConsumerCursors(consumerCursorModel(connection));
  const backorders = new BackorderConsumer(ctx, orders, workflow, peers, cursors);
  const shipments = new ShipmentConsumer(ctx, orders, workflow, peers, cursors);
  let lastSweep = Date.now();
  const loop = new BackgroundLoop(
    'orders',
    [
      {
        name: 'outbox-sweep',
        run: async () => {
          // Relays failed while committing are rare; look for leftovers once a minute.
          if (Date.now() - lastSweep < 60_000) return;
          lastSweep = Date.now();
          await writer.sweep();
        },
      },
      { name: 'workflow-recovery', run: () => workflow.resumeDue(SYSTEM) },
      { name: 'backorders', run: () => backorders.poll() },
      { name: 'shipment-status', run: () => shipments.poll() },
    ],
    Number(process.env.ORDERS_POLL_INTERVAL_MS ?? DEFAULT_POLL_INTERVAL_MS),
    // A round still running when the timer fires is enough: the next interval runs the next one.
    { component: 'orders.background', queueTicks: false },
  );

  const service = await serveSubgraph({
    name: 'orders',
    schemaPath: path.join(projectRoot, 'schema', 'orders.graphql'),
    resolvers,
    connection,
    databaseBackend: options.databaseBackend,
    createContext: createContextFactory(services),
    port: options.port,
    host: options.host,
  });
  loop.start();
  return {
    name: 'orders',
    service,
    connection,
    stop: async () => {
      await loop.stop();
      await service.stop();
      await stopAnnouncing();
      await connection.close();
    },
  };
}
