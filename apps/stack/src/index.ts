// Starts every subgraph and the gateway in this process, each on its own HTTP port, talking to each
// other over real HTTP exactly as separate deployments would.
import { DEFAULT_PORTS, SUBGRAPH_NAMES, startGateway, type GatewayService, type SubgraphName } from '@oms/gateway';
import { createEventBus, createLogger, internalSecret, PEER_NAMES, useFerretDbPostgresql, type EventBus, type PeerName, type RunningSubgraph, type SubgraphStartOptions } from '@oms/platform';
import { startAccessSubgraph } from '@oms/access-subgraph';
import { startWebhooksSubgraph } from '@oms/webhooks-subgraph';
import { startChannelsSubgraph } from '@oms/channels-subgraph';
import { startCustomersSubgraph } from '@oms/customers-subgraph';
import { startFulfillmentSubgraph } from '@oms/fulfillment-subgraph';
import { startInventorySubgraph } from '@oms/inventory-subgraph';
import { startOrdersSubgraph } from '@oms/orders-subgraph';

const log = createLogger('stack');

export interface StackOptions {
  mongoUri: string;
  /** Database names are `<prefix>_<subgraph>`. */
  dbPrefix?: string;
  /** `default` uses 4000-4007 (a free port when taken); `ephemeral` lets the OS choose. */
  ports?: 'default' | 'ephemeral';
  host?: string;
  databaseBackend?: string;
  /** FerretDB's PostgreSQL database when FerretDB runs on PostgreSQL (`DatabaseServer.postgresqlUrl`): its indexes are tuned for FerretDB. */
  ferretDbPostgresqlUrl?: string;
  monitorCommands?: boolean;
  /** An admin API key to make sure exists (else OMS_BOOTSTRAP_ADMIN_KEY; else the first start creates one). */
  bootstrapAdminKey?: string;
  /** Redis for cross-process event fan-out, shared rate limits and job queues; unset: all in-process. */
  redisUrl?: string;
  /** Redis channel/key prefix, to keep hubs sharing one Redis apart (default `oms`). */
  redisPrefix?: string;
}

export interface Stack {
  /** Where every subgraph announces stored events (Redis pub/sub when redisUrl is set). */
  eventBus: EventBus;
  gateway: GatewayService;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** An admin key this start created (first start without a configured one): show it once. */
  createdAdminKey?: string;
  /** Starts a subgraph that was stopped (used to test outages). */
  restartSubgraph(name: SubgraphName): Promise<RunningSubgraph>;
  stop(): Promise<void>;
}

type Starter = (options: SubgraphStartOptions) => Promise<RunningSubgraph & { createdAdminKey?: string }>;

const STARTERS: Record<SubgraphName, Starter> = {
  customers: startCustomersSubgraph,
  inventory: startInventorySubgraph,
  orders: startOrdersSubgraph,
  fulfillment: startFulfillmentSubgraph,
  access: startAccessSubgraph,
  webhooks: startWebhooksSubgraph,
  channels: startChannelsSubgraph,
};

export async function startStack(options: StackOptions): Promise<Stack> {
  // Every service of this process signs and verifies with the same secret (generated unless configured).
  internalSecret();
  useFerretDbPostgresql(options.mongoUri, options.ferretDbPostgresqlUrl);
  const prefix = options.dbPrefix ?? 'oms';
  const urls: Partial<Record<PeerName | 'gateway', string>> = {};
  const lazyUrl = (name: PeerName | 'gateway') => () => {
    const url = urls[name];
    if (!url) throw new Error(`${name} has not started`);
    return url;
  };
  const peers = Object.fromEntries(PEER_NAMES.map((name) => [name, lazyUrl(name)])) as Record<PeerName, () => string>;
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  const ports = new Map<SubgraphName, number>();
  let createdAdminKey: string | undefined;
  const eventBus = createEventBus({ redisUrl: options.redisUrl, prefix: options.redisPrefix });

  const startOne = async (name: SubgraphName) => {
    const running = await STARTERS[name]({
      mongoUri: options.mongoUri,
      dbName: `${prefix}_${name}`,
      port: ports.get(name) ?? (options.ports === 'ephemeral' ? 0 : DEFAULT_PORTS[name]),
      host: options.host,
      databaseBackend: options.databaseBackend,
      monitorCommands: options.monitorCommands,
      peers,
      gatewayUrl: lazyUrl('gateway'),
      bootstrapAdminKey: options.bootstrapAdminKey,
      redisUrl: options.redisUrl,
      eventBus,
    });
    createdAdminKey ??= running.createdAdminKey;
    subgraphs[name] = running;
    urls[name] = running.service.url;
    ports.set(name, running.service.port);
    log.debug({ name, url: running.service.url }, 'subgraph started');
    return running;
  };

  try {
    await Promise.all(SUBGRAPH_NAMES.map(startOne));
  } catch (error) {
    await Promise.all(Object.values(subgraphs).map((running) => running.stop().catch(() => undefined)));
    await eventBus.close();
    throw error;
  }
  const gateway = await startGateway({
    port: options.ports === 'ephemeral' ? 0 : DEFAULT_PORTS.gateway,
    host: options.host,
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, urls[name]!])) as Record<SubgraphName, string>,
    redisUrl: options.redisUrl,
    eventBus,
  });
  urls.gateway = gateway.url;

  return {
    eventBus,
    gateway,
    subgraphs,
    createdAdminKey,
    restartSubgraph: startOne,
    stop: async () => {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((running) => running.stop()));
      await eventBus.close();
    },
  };
}
