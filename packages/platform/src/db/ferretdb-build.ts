// Builds FerretDB from Go modules once, into .cache/ferretdb/<version>/, and reuses it afterwards.
//
// `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.1` is the documented route; where the
// module proxy refuses a version (v1.24.1 is refused here with 403) the next exact release is tried.
// The module source is copied out of the module cache and built with its own go.sum so FerretDB
// reports its real version (a plain `go install` of a module without version.txt panics at start).
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../paths';
import { databaseConfig } from '../config/database';

const MODULE = 'github.com/FerretDB/FerretDB';
/** Tried in order (OMS_FERRETDB_VERSIONS); the first one the module proxy serves and that builds is used. */
export function ferretDbVersions(): string[] {
  return databaseConfig.read().OMS_FERRETDB_VERSIONS.split(',');
}

export type Progress = (message: string) => void;

export interface FerretDbBinary {
  path: string;
  version: string;
  /** Seconds spent building, 0 when it came from the cache. */
  buildSeconds: number;
}

function findGo(): string {
  const candidates = [databaseConfig.read().GO_BINARY, ...((process.env.PATH ?? '').split(':').map((dir) => path.join(dir, 'go'))), '/usr/local/go/bin/go'];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found) {
    throw new Error(
      'FerretDB must be built from Go modules, but no `go` toolchain was found. Install Go (>= 1.22), ' +
        'set GO_BINARY, or point MONGODB_URI at a running MongoDB.',
    );
  }
  return found;
}

function run(go: string, args: string[], cwd: string, onLine: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(go, args, { cwd, env: { ...process.env, GOFLAGS: '-buildvcs=false', CGO_ENABLED: '0' } });
    let stdout = '';
    let stderrTail = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stderrTail = (stderrTail + text).slice(-4000);
      for (const line of text.split('\n')) if (line.trim()) onLine(line.trim());
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`go ${args.join(' ')} failed (exit ${code}):\n${stderrTail}${stdout.slice(-2000)}`)),
    );
  });
}

async function build(go: string, version: string, progress: Progress): Promise<string> {
  const home = path.join(cacheDir, 'ferretdb', version);
  const binary = path.join(home, 'ferretdb');
  progress(`FerretDB ${version}: fetching the module source through the Go module proxy`);
  const info = JSON.parse(await run(go, ['mod', 'download', '-json', `${MODULE}@${version}`], cacheDir, () => undefined)) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(info.Error ?? `module proxy returned no source for ${MODULE}@${version}`);

  const src = path.join(home, 'src');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  cpSync(info.Dir, src, { recursive: true });
  chmodRecursive(src);
  writeFileSync(path.join(src, 'build', 'version', 'version.txt'), `${version}\n`);

  const started = Date.now();
  let downloaded = 0;
  let compiled = 0;
  const tick = setInterval(() => {
    progress(`FerretDB ${version}: building (${downloaded} modules fetched, ${compiled} packages compiled, ${Math.round((Date.now() - started) / 1000)}s; first build takes about a minute)`);
  }, 5000);
  try {
    await run(go, ['build', '-v', '-trimpath', '-o', `${binary}.partial`, './cmd/ferretdb'], src, (line) => {
      if (line.startsWith('go: downloading')) downloaded += 1;
      else if (!line.startsWith('#')) compiled += 1;
    });
  } finally {
    clearInterval(tick);
  }
  renameSync(`${binary}.partial`, binary);
  rmSync(src, { recursive: true, force: true });
  return binary;
}

function chmodRecursive(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chmodRecursive(full);
    else chmodSync(full, 0o644);
  }
}

/** Returns a FerretDB binary, building it on first use. */
export async function ensureFerretDb(progress: Progress = () => undefined): Promise<FerretDbBinary> {
  const versions = ferretDbVersions();
  for (const version of versions) {
    const binary = path.join(cacheDir, 'ferretdb', version, 'ferretdb');
    if (existsSync(binary)) return { path: binary, version, buildSeconds: 0 };
  }
  mkdirSync(cacheDir, { recursive: true });
  const go = findGo();
  const failures: string[] = [];
  for (const version of versions) {
    const started = Date.now();
    try {
      const binary = await build(go, version, progress);
      const buildSeconds = Math.round((Date.now() - started) / 100) / 10;
      writeFileSync(path.join(cacheDir, 'ferretdb', 'build-report.json'), JSON.stringify({ version, buildSeconds, failures, builtAt: new Date().toISOString() }, null, 2));
      progress(`FerretDB ${version}: built in ${buildSeconds}s`);
      return { path: binary, version, buildSeconds };
    } catch (error) {
      const reason = (error as Error).message.split('\n').filter(Boolean).slice(-2).join(' ');
      failures.push(`${version}: ${reason}`);
      progress(`FerretDB ${version} could not be built (${reason}); trying the next release`);
    }
  }
  throw new Error(`No FerretDB release could be built:\n${failures.join('\n')}\nSet MONGODB_URI to use an existing MongoDB instead.`);
}
