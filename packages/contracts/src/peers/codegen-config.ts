// How `npm run codegen` turns peers/<target>/*.graphql into typed documents (root codegen.ts), kept
// here so tests can run the same check against an altered copy of the SDL.
import path from 'node:path';
import { gatewaySchema, subgraphSchema } from './schemas';

/** The services peer operations are sent to: a subgraph by name, or `gateway` for the public graph. */
export const PEER_TARGETS = ['access', 'customers', 'fulfillment', 'inventory', 'orders', 'gateway'] as const;
export type PeerTarget = (typeof PEER_TARGETS)[number];

export const PEERS_DIR = __dirname;

// Peers read JSON fields only as objects (event payloads); DateTime arrives as an ISO string and may be sent as a Date.
const config = {
  useTypeImports: true,
  enumsAsTypes: true,
  avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
  scalars: { DateTime: { input: 'string | Date', output: 'string' }, JSON: 'Record<string, unknown>', _Any: 'Record<string, unknown>' },
};

/**
 * The codegen output of the operations sent to `target`, validated against the schema it serves as
 * built from the SDL files in `schemaDir`: a document selecting a field the schema lacks fails generation.
 */
export function peerOperationsOutput(target: PeerTarget, schemaDir: string, outputDir = path.join(PEERS_DIR, '__generated__')) {
  return {
    [path.join(outputDir, `${target}.ts`)]: {
      schema: target === 'gateway' ? gatewaySchema(schemaDir) : subgraphSchema(schemaDir, target),
      documents: path.join(PEERS_DIR, target, '*.graphql'),
      plugins: ['typescript-operations', 'typed-document-node'],
      config,
    },
  };
}
