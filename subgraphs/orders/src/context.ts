// Per-request context of the orders subgraph: who is calling, the services and the request's loaders.
import type { IncomingMessage } from 'node:http';
import { actorOf, type Identity, type EventLog } from '@oms/platform';
import { OrderAccess } from './services/access';
import type { ChannelSettingsService } from './services/channel-settings.service';
import type { HoldRuleService } from './services/hold-rules.service';
import type { OrderImportService } from './services/order-import.service';
import type { OrderLifecycleService } from './services/order-lifecycle.service';
import type { OrderService } from './services/order.service';
import type { PaymentService } from './services/payment.service';

export interface OrdersServices {
  orders: OrderService;
  /** importOrders: batches of orders placed through `orders`. */
  imports: OrderImportService;
  lifecycle: OrderLifecycleService;
  payments: PaymentService;
  holdRules: HoldRuleService;
  channels: ChannelSettingsService;
  events: EventLog;
}

export interface OrdersContext extends OrdersServices {
  identity: Identity;
  actor: string;
  /** What this caller may see and change (services/access.ts). */
  access: OrderAccess;
  loaders: ReturnType<OrderService['createLoaders']>;
}

export function createContextFactory(services: OrdersServices) {
  return (req: IncomingMessage, identity: Identity): OrdersContext => {
    const access = new OrderAccess(identity);
    return { ...services, identity, actor: actorOf(req, identity), access, loaders: services.orders.createLoaders(access.customerOrdersFilter()) };
  };
}
