// Where the gateway finds each subgraph: <NAME>_URL, else the local default port.
import { SUBGRAPH_PORTS } from '@oms/platform';
import { SUBGRAPH_NAMES, type SubgraphName } from './supergraph';

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = { gateway: 4000, ...SUBGRAPH_PORTS };

export function defaultSubgraphUrls(): Record<SubgraphName, string> {
  const url = (name: SubgraphName) => process.env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`;
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, url(name)])) as Record<SubgraphName, string>;
}
