// What every subgraph needs to start: its database, its port, and how to reach its peers.
import type { Connection } from 'mongoose';
import type { HttpService } from './http-server';
import type { EventBus } from '../events/bus';
import { readServicesConfig } from '../config/services';
import { databaseConfig } from '../config/database';

/** Every subgraph of the hub, with its default local port (the gateway is 4000). */
export const SUBGRAPH_PORTS = {
  customers: 4001,
  inventory: 4002,
  orders: 4003,
  fulfillment: 4004,
  access: 4005,
  webhooks: 4006,
  channels: 4007,
} as const;
export type PeerName = keyof typeof SUBGRAPH_PORTS;
export const PEER_NAMES = Object.keys(SUBGRAPH_PORTS) as PeerName[];

export interface SubgraphStartOptions {
  mongoUri: string;
  /** This subgraph's own database; no other subgraph reads it. */
  dbName: string;
  port: number;
  host?: string;
  /** Reported by /readyz (`sqlite` for embedded FerretDB). */
  databaseBackend?: string;
  monitorCommands?: boolean;
  /** GraphQL URLs of the other subgraphs, read lazily because ports may be chosen at start. */
  peers: Record<PeerName, () => string>;
  /** The gateway's GraphQL URL, for services that read the whole graph (webhooks, connector runtime). */
  gatewayUrl?: () => string;
  /** Access subgraph: an admin key to make sure exists (else OMS_BOOTSTRAP_ADMIN_KEY, else one is created). */
  bootstrapAdminKey?: string;
  /** Redis for cross-process fan-out and job queues; unset: everything in-process. */
  redisUrl?: string;
  /** Where this subgraph announces newly stored events (the stack shares one; standalone: from redisUrl). */
  eventBus?: EventBus;
}

export interface RunningSubgraph {
  name: PeerName;
  service: HttpService;
  connection: Connection;
  stop(): Promise<void>;
}

/** Standalone start options from the environment (MONGODB_URI, <NAME>_PORT, <NAME>_URL). */
export function subgraphOptionsFromEnv(name: PeerName): SubgraphStartOptions {
  const mongoUri = databaseConfig.read().MONGODB_URI;
  if (!mongoUri) throw new Error(`MONGODB_URI must be set to run the ${name} subgraph on its own (npm start runs everything with an embedded database).`);
  const services = readServicesConfig();
  return {
    mongoUri,
    dbName: services.subgraphs[name].db,
    port: services.subgraphs[name].port,
    host: services.host,
    peers: Object.fromEntries(PEER_NAMES.map((peerName) => [peerName, () => services.subgraphs[peerName].url])) as Record<PeerName, () => string>,
    gatewayUrl: () => services.gateway.url,
    redisUrl: services.redisUrl,
  };
}
