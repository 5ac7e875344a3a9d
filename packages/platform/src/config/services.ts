// Where each service listens and where the others find it when they run as separate processes:
// <NAME>_PORT, <NAME>_URL and <NAME>_DB per subgraph, GATEWAY_PORT / GATEWAY_URL, HOST, REDIS_URL.
import { SUBGRAPH_PORTS, PEER_NAMES, type PeerName } from '../server/subgraph-runtime';
import { defineConfig, type ConfigDefinition, type ConfigShape } from './define';
import { env } from './variables';

export const GATEWAY_PORT = 4000;

const localUrl = (port: number) => `http://127.0.0.1:${port}/graphql`;
const listOfPorts = () => Object.entries(SUBGRAPH_PORTS).map(([name, port]) => `${name} ${port}`).join(', ');

function shape(): ConfigShape {
  const perSubgraph = PEER_NAMES.flatMap((name) => {
    const upper = name.toUpperCase();
    const port = SUBGRAPH_PORTS[name];
    return [
      [`${upper}_PORT`, env.port(port, { description: `Port of the ${name} subgraph when it runs on its own.`, readmeName: '<SUBGRAPH>_PORT', readmeDefault: listOfPorts() })],
      [`${upper}_URL`, env.httpUrl(localUrl(port), { description: `Where the gateway and peers find the ${name} subgraph.`, readmeName: '<SUBGRAPH>_URL', readmeDefault: '`http://127.0.0.1:<port>/graphql`' })],
      [`${upper}_DB`, env.textOr(`oms_${name}`, { description: `Database of the ${name} subgraph when it runs on its own.`, readmeName: '<SUBGRAPH>_DB', readmeDefault: '`oms_<subgraph>`' })],
    ] as const;
  });
  return {
    ...Object.fromEntries(perSubgraph),
    GATEWAY_PORT: env.port(GATEWAY_PORT, 'Port of the gateway when it runs on its own.'),
    GATEWAY_URL: env.httpUrl(localUrl(GATEWAY_PORT), { description: 'Where services that read the whole graph (webhooks, connectors) find the gateway.', readmeDefault: '`http://127.0.0.1:<port>/graphql`' }),
    HOST: env.textOr('127.0.0.1', 'Interface the HTTP servers bind to.'),
    REDIS_URL: env.text('Redis for event fan-out, shared rate limits and job queues; unset: all in-process.'),
  };
}

let definition: ConfigDefinition<ConfigShape> | undefined;

/** Built on first use: the list of subgraphs comes from the server module, which itself reads this one. */
export function servicesConfigDefinition(): ConfigDefinition<ConfigShape> {
  definition ??= defineConfig('services', shape());
  return definition;
}

export interface ServicesConfig {
  host: string;
  redisUrl?: string;
  gateway: { port: number; url: string };
  subgraphs: Record<PeerName, { port: number; url: string; db: string }>;
}

export function readServicesConfig(environment = process.env): ServicesConfig {
  const values = servicesConfigDefinition().read(environment) as Record<string, unknown>;
  const subgraph = (name: PeerName) => {
    const upper = name.toUpperCase();
    return { port: values[`${upper}_PORT`] as number, url: values[`${upper}_URL`] as string, db: values[`${upper}_DB`] as string };
  };
  return {
    host: values.HOST as string,
    redisUrl: values.REDIS_URL as string | undefined,
    gateway: { port: values.GATEWAY_PORT as number, url: values.GATEWAY_URL as string },
    subgraphs: Object.fromEntries(PEER_NAMES.map((name) => [name, subgraph(name)])) as ServicesConfig['subgraphs'],
  };
}
