// The generated resolver types must match the SDL: changing a schema without rerunning codegen fails here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '@oms/platform';

function runCodegen(configPath: string) {
  return spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', configPath, '--check'], {
    cwd: projectRoot,
    encoding: 'utf8',
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
