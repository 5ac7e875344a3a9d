// Where the gateway finds each subgraph: <NAME>_URL, else the local default port.
import { SUBGRAPH_PORTS, type AdmissionLimits } from '@oms/platform';
import { SUBGRAPH_NAMES, type SubgraphName } from './supergraph';

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = { gateway: 4000, ...SUBGRAPH_PORTS };

export function defaultSubgraphUrls(): Record<SubgraphName, string> {
  const url = (name: SubgraphName) => process.env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`;
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, url(name)])) as Record<SubgraphName, string>;
}

/**
 * Operations the gateway works on at once and queues behind them (OMS_GATEWAY_MAX_CONCURRENT,
 * _MAX_QUEUE, _QUEUE_TIMEOUT_MS). Fewer than a subgraph admits, so excess client work is refused here
 * before the subgraphs drown; over the limits a request gets UNAVAILABLE, 503 and Retry-After at once.
 */
export const GATEWAY_ADMISSION_DEFAULTS: AdmissionLimits = { maxConcurrent: 32, internalReserve: 0, maxQueued: 256, maxQueueWaitMs: 30_000 };
