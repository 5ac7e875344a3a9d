// A real SFTP server (the `ssh2` package's server side) over one local folder, as a partner's drop
// box: password or public-key login, the SFTP v3 requests a client needs, every request recorded with
// an HTTP-like status (200, 401 refused login, 403 permission denied, 404 no such file, 429 busy,
// 5xx failure), and faults the conformance suite and tests inject.
import { createHash, timingSafeEqual } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, normalize, resolve } from 'node:path';
import { Server, utils, type Connection, type ParsedKey, type SFTPWrapper } from 'ssh2';
import type { SimulatorRequest } from '@oms/connector-kit';

const { STATUS_CODE, flagsToString } = utils.sftp;

export interface SftpServerOptions {
  root: string;
  username: string;
  password?: string;
  /** OpenSSH public key accepted for `username`. */
  publicKey?: string;
}

export interface SftpFaults {
  rateLimitNext(n: number, retryAfterSeconds: number): void;
  failNext(n: number, status?: number): void;
  crashAfterRequests(n: number): void;
  /** The next n requests are refused with SFTP's PERMISSION_DENIED (a folder the user may not touch). */
  denyNext(n: number): void;
  /** Drops the connection of the next request (an SFTP disconnect mid-session). */
  disconnectNext(): void;
}

type Handle = { kind: 'file'; fd: fs.FileHandle; path: string } | { kind: 'dir'; path: string; entries: string[] | null };

const equal = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

function attrsOf(stat: Stats) {
  return { mode: stat.mode, uid: 0, gid: 0, size: stat.size, atime: Math.floor(stat.atimeMs / 1000), mtime: Math.floor(stat.mtimeMs / 1000) };
}

function longname(name: string, stat: Stats): string {
  const type = stat.isDirectory() ? 'd' : '-';
  return `${type}rw-r--r-- 1 wms wms ${stat.size} ${stat.mtime.toUTCString().slice(5, 16)} ${name}`;
}

export interface SftpServerHandle {
  port: number;
  hostKeySha256: string;
  faults: SftpFaults;
  requests(): SimulatorRequest[];
  stop(): Promise<void>;
}

export async function startSftpServer(options: SftpServerOptions): Promise<SftpServerHandle> {
  const root = resolve(options.root);
  const hostKey = utils.generateKeyPairSync('ed25519');
  const allowedKey = options.publicKey ? (utils.parseKey(options.publicKey) as ParsedKey) : null;
  const recorded: SimulatorRequest[] = [];
  const connections = new Set<Connection>();
  const fault = { rateLimited: 0, retryAfter: 1, failing: 0, failStatus: 500, crashIn: -1, denied: 0 };

  const record = (method: string, path: string, status: number) => recorded.push({ method, path, headers: {}, body: null, status, at: Date.now() });
  const local = (path: string) => {
    const full = resolve(root, normalize(`./${path}`));
    return full === root || full.startsWith(`${root}/`) ? full : null;
  };

  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      const userOk = equal(Buffer.from(ctx.username), Buffer.from(options.username));
      let ok = false;
      if (ctx.method === 'password' && options.password) ok = userOk && equal(Buffer.from(ctx.password), Buffer.from(options.password));
      else if (ctx.method === 'publickey' && allowedKey) {
        ok = userOk && ctx.key.algo === allowedKey.type && equal(ctx.key.data, allowedKey.getPublicSSH());
        if (ok && ctx.signature && ctx.blob) ok = allowedKey.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true;
        else if (ok && !ctx.signature) return ctx.accept(); // the key is acceptable: the client signs next
      } else if (ctx.method === 'none') return ctx.reject(['password', 'publickey']);
      record('AUTH', ctx.method, ok ? 200 : 401);
      if (ok) ctx.accept();
      else ctx.reject(['password', 'publickey']);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('sftp', (acceptSftp) => serve(acceptSftp(), client));
      });
    });
  });

  function serve(sftp: SFTPWrapper, client: Connection): void {
    const handles = new Map<number, Handle>();
    let nextHandle = 1;
    const handleOf = (buffer: Buffer) => (buffer.length === 4 ? handles.get(buffer.readUInt32BE(0)) : undefined);
    const newHandle = (value: Handle) => {
      const id = nextHandle++;
      handles.set(id, value);
      const buffer = Buffer.alloc(4);
      buffer.writeUInt32BE(id, 0);
      return buffer;
    };

    /** Applies injected faults; true when the request was answered (or the connection dropped) here. */
    function faulted(reqid: number, method: string, path: string): boolean {
      if (fault.crashIn === 0) {
        fault.crashIn = -1;
        record(method, path, 0);
        client.end();
        return true;
      }
      if (fault.crashIn > 0) fault.crashIn -= 1;
      if (fault.rateLimited > 0) {
        fault.rateLimited -= 1;
        record(method, path, 429);
        sftp.status(reqid, STATUS_CODE.FAILURE, `server busy: retry after ${fault.retryAfter} s`);
        return true;
      }
      if (fault.failing > 0) {
        fault.failing -= 1;
        record(method, path, fault.failStatus);
        sftp.status(reqid, STATUS_CODE.FAILURE, `server failure (${fault.failStatus})`);
        return true;
      }
      if (fault.denied > 0) {
        fault.denied -= 1;
        record(method, path, 403);
        sftp.status(reqid, STATUS_CODE.PERMISSION_DENIED, `permission denied: ${path}`);
        return true;
      }
      return false;
    }

    /** Runs a request against the folder, mapping file-system errors onto SFTP status codes. */
    function handle(method: string, reqid: number, path: string, work: () => Promise<void>): void {
      if (faulted(reqid, method, path)) return;
      work().then(
        () => record(method, path, 200),
        (error: NodeJS.ErrnoException) => {
          const missing = error.code === 'ENOENT' || error.code === 'ENOTDIR';
          const denied = error.code === 'EACCES' || error.code === 'EPERM' || error.message === 'outside root';
          record(method, path, missing ? 404 : denied ? 403 : 500);
          sftp.status(reqid, missing ? STATUS_CODE.NO_SUCH_FILE : denied ? STATUS_CODE.PERMISSION_DENIED : STATUS_CODE.FAILURE, error.message);
        },
      );
    }
    const inRoot = (path: string) => {
      const full = local(path);
      if (!full) throw new Error('outside root');
      return full;
    };

    sftp.on('REALPATH', (reqid, path) => {
      const full = local(path === '.' || path === '' ? '/' : path) ?? root;
      const virtual = `/${full.slice(root.length + 1)}`;
      sftp.name(reqid, [{ filename: virtual, longname: virtual, attrs: {} as never }]);
    });
    const statRequest = (method: string) => (reqid: number, path: string) =>
      handle(method, reqid, path, async () => {
        sftp.attrs(reqid, attrsOf(await fs.stat(inRoot(path))) as never);
      });
    sftp.on('STAT', statRequest('STAT'));
    sftp.on('LSTAT', statRequest('LSTAT'));
    sftp.on('FSTAT', (reqid, buffer) => {
      const open = handleOf(buffer);
      handle('FSTAT', reqid, open?.path ?? '?', async () => {
        if (!open) throw Object.assign(new Error('bad handle'), { code: 'EBADF' });
        sftp.attrs(reqid, attrsOf(await fs.stat(open.path)) as never);
      });
    });
    sftp.on('OPEN', (reqid, path, flags) =>
      handle('OPEN', reqid, path, async () => {
        const full = inRoot(path);
        const fd = await fs.open(full, flagsToString(flags) ?? 'r');
        sftp.handle(reqid, newHandle({ kind: 'file', fd, path: full }));
      }),
    );
    sftp.on('READ', (reqid, buffer, offset, length) => {
      const open = handleOf(buffer);
      if (!open || open.kind !== 'file') return void sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      open.fd.read(Buffer.alloc(length), 0, length, offset).then(
        ({ bytesRead, buffer: data }) => (bytesRead ? sftp.data(reqid, data.subarray(0, bytesRead)) : sftp.status(reqid, STATUS_CODE.EOF)),
        (error: Error) => sftp.status(reqid, STATUS_CODE.FAILURE, error.message),
      );
    });
    sftp.on('WRITE', (reqid, buffer, offset, data) => {
      const open = handleOf(buffer);
      if (!open || open.kind !== 'file') return void sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      open.fd.write(data, 0, data.length, offset).then(
        () => sftp.status(reqid, STATUS_CODE.OK),
        (error: Error) => sftp.status(reqid, STATUS_CODE.FAILURE, error.message),
      );
    });
    sftp.on('CLOSE', (reqid, buffer) => {
      const open = handleOf(buffer);
      handles.delete(buffer.readUInt32BE(0));
      if (open?.kind === 'file') open.fd.close().then(() => sftp.status(reqid, STATUS_CODE.OK), () => sftp.status(reqid, STATUS_CODE.FAILURE));
      else sftp.status(reqid, open ? STATUS_CODE.OK : STATUS_CODE.FAILURE);
    });
    sftp.on('OPENDIR', (reqid, path) =>
      handle('OPENDIR', reqid, path, async () => {
        const full = inRoot(path);
        if (!(await fs.stat(full)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
        sftp.handle(reqid, newHandle({ kind: 'dir', path: full, entries: null }));
      }),
    );
    sftp.on('READDIR', (reqid, buffer) => {
      const open = handleOf(buffer);
      if (!open || open.kind !== 'dir') return void sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      if (open.entries) return void sftp.status(reqid, STATUS_CODE.EOF);
      fs.readdir(open.path).then(async (names) => {
        open.entries = names;
        const listed = await Promise.all(names.map(async (name) => ({ name, stat: await fs.stat(join(open.path, name)).catch(() => null) })));
        const entries = listed.filter((entry): entry is { name: string; stat: Stats } => entry.stat !== null);
        if (!entries.length) return sftp.status(reqid, STATUS_CODE.EOF);
        sftp.name(reqid, entries.map(({ name, stat }) => ({ filename: name, longname: longname(name, stat), attrs: attrsOf(stat) as never })));
      }, (error: Error) => sftp.status(reqid, STATUS_CODE.FAILURE, error.message));
    });
    sftp.on('MKDIR', (reqid, path) => handle('MKDIR', reqid, path, async () => {
      await fs.mkdir(inRoot(path));
      sftp.status(reqid, STATUS_CODE.OK);
    }));
    sftp.on('RMDIR', (reqid, path) => handle('RMDIR', reqid, path, async () => {
      await fs.rmdir(inRoot(path));
      sftp.status(reqid, STATUS_CODE.OK);
    }));
    sftp.on('REMOVE', (reqid, path) => handle('REMOVE', reqid, path, async () => {
      await fs.unlink(inRoot(path));
      sftp.status(reqid, STATUS_CODE.OK);
    }));
    sftp.on('RENAME', (reqid, from, to) => handle('RENAME', reqid, `${from} -> ${to}`, async () => {
      const target = inRoot(to);
      // SFTP v3 rename refuses to overwrite.
      if (await fs.stat(target).then(() => true, () => false)) throw new Error(`${to} exists`);
      await fs.mkdir(dirname(target), { recursive: true });
      await fs.rename(inRoot(from), target);
      sftp.status(reqid, STATUS_CODE.OK);
    }));
    sftp.on('SETSTAT', (reqid) => sftp.status(reqid, STATUS_CODE.OK));
    sftp.on('FSETSTAT', (reqid) => sftp.status(reqid, STATUS_CODE.OK));
  }

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  const parsedHost = utils.parseKey(hostKey.public) as ParsedKey;
  return {
    port,
    hostKeySha256: createHash('sha256').update(parsedHost.getPublicSSH()).digest('base64').replace(/=+$/, ''),
    faults: {
      rateLimitNext: (n, seconds) => Object.assign(fault, { rateLimited: n, retryAfter: seconds }),
      failNext: (n, status = 500) => Object.assign(fault, { failing: n, failStatus: status }),
      crashAfterRequests: (n) => Object.assign(fault, { crashIn: n }),
      denyNext: (n) => Object.assign(fault, { denied: n }),
      disconnectNext: () => Object.assign(fault, { crashIn: 0 }),
    },
    requests: () => [...recorded],
    async stop() {
      for (const connection of connections) connection.end();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
