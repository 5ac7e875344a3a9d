// The generated resolver types must match the SDL: changing a schema without rerunning codegen fails here.
// Service-to-service operations are checked against the SDL of the service called: a document that
// selects a field its target lacks — or an SDL that renames a field a peer still asks for — fails codegen.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '@oms/platform';

// Codegen prints nothing, errors included, when it believes it runs under jest.
const { JEST_WORKER_ID: _worker, NODE_ENV: _env, ...codegenEnv } = process.env;

function runCodegen(configPath: string) {
  return spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', configPath, '--check'], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: codegenEnv,
  });
}

describe('generated resolver types', () => {
  it('are up to date with every subgraph SDL (run `npm run codegen` after changing schema/)', () => {
    const result = runCodegen('codegen.ts');
    expect(`${result.stdout}${result.stderr}`).not.toContain('stale files');
    expect(result.status).toBe(0);
  });

  it('are reported stale when a generated file does not match its SDL', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'oms-codegen-'));
    const output = path.join(dir, 'types.ts');
    writeFileSync(output, '// written by hand, not by codegen\n');
    const config = path.join(dir, 'codegen.json');
    writeFileSync(config, JSON.stringify({ generates: { [output]: { schema: path.join(projectRoot, 'schema/customers.graphql'), plugins: ['typescript'] } } }));
    const result = runCodegen(config);
    expect(result.status).not.toBe(0);
  });
});

describe('service-to-service operations', () => {
  const schemaDir = path.join(projectRoot, 'schema');
  const peerConfig = path.join(projectRoot, 'packages/contracts/src/peers/codegen-config');

  /** Runs `npm run codegen`'s peer step for `target` against the SDL in `from` (into a scratch directory), optionally on other documents. */
  function runPeerCodegen(target: string, from: string, documents?: string) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'oms-peers-'));
    const config = path.join(dir, 'codegen.ts');
    writeFileSync(
      config,
      `import { peerOperationsOutput } from ${JSON.stringify(peerConfig)};
const [[output, options]] = Object.entries(peerOperationsOutput(${JSON.stringify(target)}, ${JSON.stringify(from)}, ${JSON.stringify(dir)}));
export default { generates: { [output]: { ...options${documents ? `, documents: ${JSON.stringify(documents)}` : ''} } } };
`,
    );
    const result = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', config], { cwd: projectRoot, encoding: 'utf8', env: codegenEnv });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it('are generated from every target SDL as it stands', () => {
    const result = runPeerCodegen('inventory', schemaDir);
    expect(result.output).not.toContain('Validation failed');
    expect(result.status).toBe(0);
  });

  it('fail codegen when a document selects a field the service called does not have', () => {
    const documents = path.join(mkdtempSync(path.join(os.tmpdir(), 'oms-peers-')), 'bad.graphql');
    writeFileSync(documents, 'query OrderItemPrices($r: [_Any!]!) { _entities(representations: $r) { __typename ... on InventoryItem { sku listPrize } } }');
    const result = runPeerCodegen('inventory', schemaDir, documents);
    expect(result.output).toContain('Cannot query field "listPrize" on type "InventoryItem"');
    expect(result.status).not.toBe(0);
  });

  it("fail codegen for a subgraph's callers when its SDL renames a field they ask for", () => {
    const renamed = mkdtempSync(path.join(os.tmpdir(), 'oms-schema-'));
    cpSync(schemaDir, renamed, { recursive: true });
    const inventory = path.join(renamed, 'inventory.graphql');
    const sdl = readFileSync(inventory, 'utf8');
    // Orders asks inventory for allocationStrategies directly...
    writeFileSync(inventory, sdl.replace(/\ballocationStrategies\b/g, 'allocationStrategyNames'));
    const direct = runPeerCodegen('inventory', renamed);
    expect(direct.output).toContain('Cannot query field "allocationStrategies" on type "Query"');
    expect(direct.status).not.toBe(0);
    // ...and channels reads inventoryItems through the public graph, composed from every SDL.
    writeFileSync(inventory, sdl.replace(/\binventoryItems\(/g, 'stockItems('));
    const composed = runPeerCodegen('gateway', renamed);
    expect(composed.output).toContain('Cannot query field "inventoryItems" on type "Query"');
    expect(composed.status).not.toBe(0);
  });
});
