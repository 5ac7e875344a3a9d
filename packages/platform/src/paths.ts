// Where the hub keeps what it builds (.cache/) and what it stores (.data/): inside the project, git-ignored.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { directoriesConfig } from './config/database';

function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).workspaces) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export const projectRoot = findProjectRoot(__dirname);
// Read when first imported: every process uses one place for each, whatever starts later.
const directories = directoriesConfig.read();
export const cacheDir = directories.OMS_CACHE_DIR ?? path.join(projectRoot, '.cache');
export const dataDir = directories.OMS_DATA_DIR ?? path.join(projectRoot, '.data');
