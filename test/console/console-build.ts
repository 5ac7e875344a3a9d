// The suite runs against the built console the gateway serves. `npm test` builds it first (codegen,
// typecheck, bundle); a lone `npx jest test/console` bundles it from the committed typed operations
// when there is no build yet.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '@oms/platform';

export function ensureConsoleBuilt(): void {
  if (existsSync(path.join(projectRoot, 'apps', 'console', 'dist', 'index.html'))) return;
  execFileSync('npm', ['run', 'bundle', '-w', '@oms/console'], { cwd: projectRoot, stdio: 'inherit' });
}

export const SCREENSHOTS = path.join(projectRoot, 'apps', 'console', 'docs');
