// Starts the four subgraphs and the gateway in this process, each on its own HTTP port,
// talking to each other over real HTTP exactly as separate deployments would.
import { DEFAULT_PORTS, startGateway, type SubgraphName } from '@oms/gateway';
import { createLogger, type HttpService, type PeerName, type RunningSubgraph, type SubgraphStartOptions } from '@oms/platform';
import { startCustomersSubgraph } from '@oms/customers-subgraph';
import { startFulfillmentSubgraph } from '@oms/fulfillment-subgraph';
import { startInventorySubgraph } from '@oms/inventory-subgraph';
import { startOrdersSubgraph } from '@oms/orders-subgraph';

const log = createLogger('stack');

export interface StackOptions {
  mongoUri: string;
  /** Database names are `<prefix>_<subgraph>`. */
  dbPrefix?: string;
  /** `default` uses 4000-4004 (a free port when taken); `ephemeral` lets the OS choose. */
  ports?: 'default' | 'ephemeral';
  host?: string;
  databaseBackend?: string;
  monitorCommands?: boolean;
}

export interface Stack {
  gateway: HttpService;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** Starts a subgraph that was stopped (used to test outages). */
  restartSubgraph(name: SubgraphName): Promise<RunningSubgraph>;
  stop(): Promise<void>;
}

const STARTERS: Record<SubgraphName, (options: SubgraphStartOptions) => Promise<RunningSubgraph>> = {
  customers: startCustomersSubgraph,
  inventory: startInventorySubgraph,
  orders: startOrdersSubgraph,
  fulfillment: startFulfillmentSubgraph,
};

export async function startStack(options: StackOptions): Promise<Stack> {
  const prefix = options.dbPrefix ?? 'oms';
  const urls: Partial<Record<PeerName, string>> = {};
  const peer = (name: PeerName) => () => {
    const url = urls[name];
    if (!url) throw new Error(`${name} subgraph has not started`);
    return url;
  };
  const peers = { customers: peer('customers'), inventory: peer('inventory'), orders: peer('orders'), fulfillment: peer('fulfillment') };
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  const ports = new Map<SubgraphName, number>();

  const startOne = async (name: SubgraphName) => {
    const running = await STARTERS[name]({
      mongoUri: options.mongoUri,
      dbName: `${prefix}_${name}`,
      port: ports.get(name) ?? (options.ports === 'ephemeral' ? 0 : DEFAULT_PORTS[name]),
      host: options.host,
      databaseBackend: options.databaseBackend,
      monitorCommands: options.monitorCommands,
      peers,
    });
    subgraphs[name] = running;
    urls[name] = running.service.url;
    ports.set(name, running.service.port);
    log.debug({ name, url: running.service.url }, 'subgraph started');
    return running;
  };

  try {
    await Promise.all((Object.keys(STARTERS) as SubgraphName[]).map(startOne));
  } catch (error) {
    await Promise.all(Object.values(subgraphs).map((running) => running.stop().catch(() => undefined)));
    throw error;
  }
  const gateway = await startGateway({
    port: options.ports === 'ephemeral' ? 0 : DEFAULT_PORTS.gateway,
    host: options.host,
    subgraphUrls: { customers: urls.customers!, inventory: urls.inventory!, orders: urls.orders!, fulfillment: urls.fulfillment! },
  });

  return {
    gateway,
    subgraphs,
    restartSubgraph: startOne,
    stop: async () => {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((running) => running.stop()));
    },
  };
}
