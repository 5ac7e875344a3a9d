// The schemas service-to-service operations are checked against (by `npm run codegen`): a subgraph's
// own schema as it serves it — its SDL plus the federation fields `_entities` and `_service` — and the
// public graph the gateway serves, composed from every subgraph SDL under schema/.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';

function sdlOf(schemaDir: string, name: string) {
  return parse(readFileSync(path.join(schemaDir, `${name}.graphql`), 'utf8'));
}

/** The schema subgraph `name` serves, built the way serveSubgraph builds it. */
export function subgraphSchema(schemaDir: string, name: string): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: sdlOf(schemaDir, name) });
}

/** The gateway's public graph: every subgraph SDL in `schemaDir`, composed; throws on a composition error. */
export function gatewaySchema(schemaDir: string): GraphQLSchema {
  const names = readdirSync(schemaDir)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => file.slice(0, -'.graphql'.length));
  const result = composeServices(names.map((name) => ({ name, url: `http://${name}.invalid/graphql`, typeDefs: sdlOf(schemaDir, name) })));
  if (result.errors) throw new Error(`Supergraph composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  return result.schema.toAPISchema().toGraphQLJSSchema();
}
