// Composes the subgraph SDL files into the supergraph the gateway serves.
// Composition runs at build time (`npm run compose`) and again at start; an error stops both.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { projectRoot } from '@oms/platform';
import { parse } from 'graphql';

export const SUBGRAPH_NAMES = ['customers', 'inventory', 'orders', 'fulfillment', 'access', 'webhooks', 'channels'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

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
