// Where the gateway finds each subgraph: <NAME>_URL, else the local default port.
import type { SubgraphName } from './supergraph';

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  customers: 4001,
  inventory: 4002,
  orders: 4003,
  fulfillment: 4004,
};

export function defaultSubgraphUrls(): Record<SubgraphName, string> {
  const url = (name: SubgraphName) => process.env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`;
  return { customers: url('customers'), inventory: url('inventory'), orders: url('orders'), fulfillment: url('fulfillment') };
}
