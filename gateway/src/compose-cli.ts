// `npm run compose`: composes the supergraph and writes it to .cache/supergraph.graphql; exits 1 on error.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from '@oms/platform';
import { composeSupergraph, SUBGRAPH_NAMES } from './supergraph';
import { defaultSubgraphUrls } from './config';

try {
  const sdl = composeSupergraph(defaultSubgraphUrls());
  mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, 'supergraph.graphql');
  writeFileSync(file, sdl);
  console.log(`Composed ${SUBGRAPH_NAMES.length} subgraphs (${SUBGRAPH_NAMES.join(', ')}) into ${path.relative(process.cwd(), file)}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
