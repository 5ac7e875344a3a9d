// The suite runs against the built console the gateway serves. `npm test` builds it first; a lone
// `npx jest test/console` builds it when there is no build yet.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '@oms/platform';

export function ensureConsoleBuilt(): void {
  if (existsSync(path.join(projectRoot, 'apps', 'console', 'dist', 'index.html'))) return;
  execFileSync('npm', ['run', 'console:build'], { cwd: projectRoot, stdio: 'inherit' });
}

export const SCREENSHOTS = path.join(projectRoot, 'apps', 'console', 'docs');
