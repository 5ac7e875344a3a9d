// Composes the subgraph SDL files into the supergraph the gateway serves.
// Composition runs at build time (`npm run compose`) and again at start; an error stops both.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { PEER_NAMES, projectRoot, type PeerName } from '@oms/platform';
import { parse } from 'graphql';

/** The hub's one list of subgraphs lives in the platform (`SUBGRAPH_PORTS`); composition follows its order. */
export const SUBGRAPH_NAMES: readonly PeerName[] = PEER_NAMES;
export type SubgraphName = PeerName;

export function subgraphSchemaPath(name: SubgraphName): string {
  return path.join(projectRoot, 'schema', `${name}.graphql`);
}

export class CompositionError extends Error {}

export function composeSupergraph(urls: Record<SubgraphName, string>): string {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({ name, url: urls[name], typeDefs: parse(readFileSync(subgraphSchemaPath(name), 'utf8')) })),
  );
  if (result.errors) {
    throw new CompositionError(`Supergraph composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
