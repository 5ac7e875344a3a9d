// Per-request context of the orders subgraph: who is calling and the request's loaders.
import type { IncomingMessage } from 'node:http';
import { actorOf } from '@oms/platform';
import type { OrderService } from './services/order.service';

export interface OrdersContext {
  actor: string;
  orders: OrderService;
  loaders: ReturnType<OrderService['createLoaders']>;
}

export function createContextFactory(orders: OrderService) {
  return (req: IncomingMessage): OrdersContext => ({ actor: actorOf(req), orders, loaders: orders.createLoaders() });
}
