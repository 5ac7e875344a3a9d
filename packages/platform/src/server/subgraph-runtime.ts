// What every subgraph needs to start: its database, its port, and how to reach its peers.
import type { Connection } from 'mongoose';
import type { HttpService } from './http-server';

export type PeerName = 'customers' | 'inventory' | 'orders' | 'fulfillment';

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
}

export interface RunningSubgraph {
  name: PeerName;
  service: HttpService;
  connection: Connection;
  stop(): Promise<void>;
}

/** Standalone start options from the environment (MONGODB_URI, <NAME>_PORT, <NAME>_URL). */
export function subgraphOptionsFromEnv(name: PeerName, defaultPort: number, defaults: Record<PeerName, number>): SubgraphStartOptions {
  const mongoUri = process.env.MONGODB_URI;
  if (!mongoUri) throw new Error(`MONGODB_URI must be set to run the ${name} subgraph on its own (npm start runs everything with an embedded database).`);
  const peer = (peerName: PeerName) => () => process.env[`${peerName.toUpperCase()}_URL`] ?? `http://127.0.0.1:${defaults[peerName]}/graphql`;
  return {
    mongoUri,
    dbName: process.env[`${name.toUpperCase()}_DB`] ?? `oms_${name}`,
    port: Number(process.env[`${name.toUpperCase()}_PORT`] ?? defaultPort),
    host: process.env.HOST ?? '127.0.0.1',
    peers: { customers: peer('customers'), inventory: peer('inventory'), orders: peer('orders'), fulfillment: peer('fulfillment') },
  };
}
