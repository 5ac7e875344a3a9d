// Per-request context of the customers subgraph: who is calling and the request's loaders.
import type { IncomingMessage } from 'node:http';
import { actorOf, type Identity } from '@oms/platform';
import { CustomerAccess } from './services/access';
import type { CustomerService } from './services/customer.service';

export interface CustomersContext {
  identity: Identity;
  actor: string;
  /** What this caller may see and change (services/access.ts). */
  access: CustomerAccess;
  customers: CustomerService;
  loaders: ReturnType<CustomerService['createLoaders']>;
}

export function createContextFactory(customers: CustomerService) {
  return (req: IncomingMessage, identity: Identity): CustomersContext => ({
    identity,
    actor: actorOf(req, identity),
    access: new CustomerAccess(identity),
    customers,
    loaders: customers.createLoaders(),
  });
}
