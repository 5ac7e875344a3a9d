// Runs a database server (FerretDB, PostgreSQL) as a child that never outlives the hub.
//
// The server runs under a small guard shell that holds the read end of a pipe whose write end only
// the hub holds: when the hub dies in any way (SIGKILL included), the kernel closes that end, the
// guard reads end-of-file at once and stops the server with its graceful-stop signal. No polling of
// the parent's pid (which another process may reuse, and which a guard running as another user
// may not signal) is involved.
import { spawn, type ChildProcess } from 'node:child_process';

const GUARD = `
exec 3<&0 </dev/null
"$GUARDED_BIN" "$@" 3<&- &
child=$!
stop() { kill -"$GUARDED_STOP_SIGNAL" "$child" 2>/dev/null; }
trap stop TERM INT HUP
{ while read -r -u 3 _; do :; done; stop; } &
watcher=$!
exec 3<&-
# A trapped signal interrupts wait: wait again until the server has really exited.
while :; do
  wait "$child"; status=$?
  kill -0 "$child" 2>/dev/null || break
done
kill "$watcher" 2>/dev/null
exit $status
`;

export interface GuardedChild {
  /** The guard's pid; the server and everything it starts share its process group. */
  pid: number;
  /** Last few kilobytes of the server's stdout and stderr. */
  output(): string;
  exited(): boolean;
  /** Resolves with the exit code (or 128 + signal) when the server and its guard have gone. */
  exit: Promise<number>;
  /** Graceful stop; after `forceAfterMs` the whole process group is killed. */
  stop(forceAfterMs?: number): Promise<void>;
}

export interface GuardedChildOptions {
  binary: string;
  args: string[];
  /** Signal that stops the server gracefully (FerretDB: SIGTERM; PostgreSQL: SIGINT, its fast shutdown). */
  stopSignal: 'TERM' | 'INT';
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
  onOutput?: (chunk: string) => void;
}

export function spawnGuarded(options: GuardedChildOptions): GuardedChild {
  const child: ChildProcess = spawn('bash', ['-c', GUARD, 'oms-guard', ...options.args], {
    env: { ...(options.env ?? process.env), GUARDED_BIN: options.binary, GUARDED_STOP_SIGNAL: options.stopSignal },
    cwd: options.cwd,
    uid: options.uid,
    gid: options.gid,
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group: a Ctrl-C in the terminal must not stop the database before the services
    // have stopped using it. The hub stops it last; the pipe covers the hub's sudden death.
    detached: true,
  });
  // Nothing is ever written: the pipe exists to be closed by the kernel when this process dies.
  child.stdin?.on('error', () => undefined);
  let tail = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    tail = (tail + text).slice(-6000);
    options.onOutput?.(text);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let done = false;
  const exit = new Promise<number>((resolve) => {
    child.once('error', (error) => {
      tail += `\n${error.message}`;
      done = true;
      resolve(-1);
    });
    child.once('close', (code, signal) => {
      done = true;
      resolve(code ?? 128 + (signal ? signalNumber(signal) : 0));
    });
  });
  const stopOnExit = () => signalGroup(child.pid, 'SIGTERM', false);
  process.once('exit', stopOnExit);
  void exit.then(() => process.removeListener('exit', stopOnExit));

  return {
    pid: child.pid ?? -1,
    output: () => tail,
    exited: () => done,
    exit,
    stop: async (forceAfterMs = 15_000) => {
      if (done) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => signalGroup(child.pid, 'SIGKILL', true), forceAfterMs);
      await exit;
      clearTimeout(force);
    },
  };
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals, group: boolean): void {
  if (!pid) return;
  try {
    process.kill(group ? -pid : pid, signal);
  } catch {
    // already gone
  }
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ?? 0;
}
