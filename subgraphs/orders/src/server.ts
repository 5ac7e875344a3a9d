// Starts the orders subgraph: database connection, indexes, services, event-log sweep, HTTP server,
// and the background work: workflow recovery (a one-second check in memory; the database only when a
// step is due), and the backorder and shipment-status consumers, woken by the inventory and
// fulfillment logs' notices on the event bus, with a slow timer as the safety net.
import path from 'node:path';
import { announceEvents, BackgroundLoop, connectDatabase, ConsumerCursors, consumerCursorModel, createEventBus, DocumentNumbers, ensureIndexes, KeyedLock, projectRoot, serveSubgraph, type RunningSubgraph, type StoredEvent, type SubgraphStartOptions } from '@oms/platform';
import { ordersConfig } from './config';
import { createContextFactory, type OrdersServices } from './context';
import { channelSettingsModel } from './models/channel-settings.model';
import { holdRuleModel } from './models/hold-rule.model';
import { orderModel } from './models/order.model';
import { policies } from './policies';
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

/** The recovery loop's check (in memory; the workflow reads the database only when a step is due). */
const RECOVERY_TICK_MS = 1_000;
/** Notices arriving within this window after the first are consumed together. */
const COALESCE_MS = 50;

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
    payments: new PaymentService(writer, peers),
    holdRules,
    channels,
    events: writer.log,
  };
  await ensureIndexes(connection);
  const bus = options.eventBus ?? createEventBus({ redisUrl: options.redisUrl });
  const stopAnnouncing = announceEvents(writer.log, { eventBus: bus });
  await writer.sweep();

  const cursors = new ConsumerCursors(consumerCursorModel(connection));
  const backorders = new BackorderConsumer(ctx, orders, workflow, peers, cursors);
  const shipments = new ShipmentConsumer(ctx, orders, workflow, peers, cursors);
  // The consumers' safety net when no notice arrives.
  const pollMs = ordersConfig.read().ORDERS_POLL_INTERVAL_MS;
  const loops = {
    // Failed relays retry by themselves, and the sweep at start takes what a crash left behind.
    recovery: new BackgroundLoop('orders-recovery', [{ name: 'workflow-recovery', run: () => workflow.resumeDue(SYSTEM) }], RECOVERY_TICK_MS, {
      component: 'orders.background',
      // A round still running when the timer fires is enough: the next tick runs the next one.
      queueTicks: false,
    }),
    backorders: new BackgroundLoop('orders-backorders', [{ name: 'backorders', run: () => backorders.poll() }], pollMs, { component: 'orders.background' }),
    shipments: new BackgroundLoop('orders-shipment-status', [{ name: 'shipment-status', run: () => shipments.poll() }], pollMs, { component: 'orders.background' }),
  };
  const detach = [
    bus.subscribe('inventory', (event: StoredEvent) => {
      if (backorders.noticed(event)) loops.backorders.wake(COALESCE_MS);
    }),
    bus.subscribe('fulfillment', (event: StoredEvent) => {
      if (ShipmentConsumer.mayMoveOrder(event)) loops.shipments.wake(COALESCE_MS);
    }),
  ];

  const service = await serveSubgraph({
    name: 'orders',
    schemaPath: path.join(projectRoot, 'schema', 'orders.graphql'),
    resolvers,
    policies,
    connection,
    databaseBackend: options.databaseBackend,
    createContext: createContextFactory(services),
    port: options.port,
    host: options.host,
  });
  for (const loop of Object.values(loops)) loop.start();
  return {
    name: 'orders',
    service,
    connection,
    stop: async () => {
      for (const off of detach) off();
      await Promise.all(Object.values(loops).map((loop) => loop.stop()));
      await service.stop();
      await stopAnnouncing();
      await cursors.release();
      if (!options.eventBus) await bus.close();
      await connection.close();
    },
  };
}
