// Per-request context of the customers subgraph: who is calling and the request's loaders.
import type { IncomingMessage } from 'node:http';
import { actorOf } from '@oms/platform';
import type { CustomerService } from './services/customer.service';

export interface CustomersContext {
  actor: string;
  customers: CustomerService;
  loaders: ReturnType<CustomerService['createLoaders']>;
}

export function createContextFactory(customers: CustomerService) {
  return (req: IncomingMessage): CustomersContext => ({ actor: actorOf(req), customers, loaders: customers.createLoaders() });
}
