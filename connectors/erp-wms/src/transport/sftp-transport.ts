// The partner's SFTP server through ssh2-sftp-client: one session per connector call, reopened after a
// dropped connection; the host key is pinned when the connection names its SHA-256.
import { createHash } from 'node:crypto';
import type { SFTPWrapper, Stats } from 'ssh2';
import SftpClient from 'ssh2-sftp-client';
import type { ErpWmsConfig } from '../manifest';
import { classifyTransportError } from './transport-errors';
import { partName, splitPath, type FileTransport, type RemoteFile } from './transport';

export class SftpTransport implements FileTransport {
  private client: SftpClient | null = null;
  private connecting: Promise<SftpClient> | null = null;
  private readonly label: string;
  private readonly credential: string;
  private readonly madeDirs = new Set<string>();

  constructor(private readonly config: ErpWmsConfig) {
    this.label = `SFTP server ${config.host}:${config.port}`;
    this.credential = config.privateKey ? 'privateKey' : 'password';
  }

  private session(): Promise<SftpClient> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async open(): Promise<SftpClient> {
    // A connection the server drops between calls is forgotten; the next call opens a new one.
    const forget = () => {
      if (this.client === client) this.client = null;
    };
    const client: SftpClient = new SftpClient('oms-erp-wms', { error: forget, end: forget, close: forget } as never);
    const { config } = this;
    const pinned = config.hostKeySha256?.replace(/^SHA256:/, '').replace(/=+$/, '');
    await client.connect({
      host: config.host,
      port: config.port,
      username: config.username,
      password: config.password,
      privateKey: config.privateKey,
      passphrase: config.passphrase,
      readyTimeout: config.timeoutMs,
      retries: 0,
      hostVerifier: pinned ? (key: Buffer) => createHash('sha256').update(key).digest('base64').replace(/=+$/, '') === pinned : undefined,
    } as SftpClient.ConnectOptions);
    this.client = client;
    return client;
  }

  /** Runs one operation; a failure that may have broken the session closes it so a retry reconnects. */
  private async run<T>(path: string, work: (client: SftpClient) => Promise<T>): Promise<T> {
    try {
      return await work(await this.session());
    } catch (error) {
      const classified = classifyTransportError(error, { path, channelName: this.label, credential: this.credential });
      if (classified.kind === 'TRANSIENT' || classified.kind === 'AUTH') await this.drop();
      throw classified;
    }
  }

  private async ensureDir(client: SftpClient, dir: string): Promise<void> {
    if (!dir || this.madeDirs.has(dir)) return;
    if (!(await this.stat(client, dir))) await client.mkdir(dir, true);
    this.madeDirs.add(dir);
  }

  list(folder: string): Promise<RemoteFile[]> {
    return this.run(folder, async (client) => {
      await this.ensureDir(client, folder);
      const entries = await client.list(folder);
      return entries.filter((entry) => entry.type === '-').map((entry) => ({ name: entry.name, size: entry.size, modifiedAt: entry.modifyTime }));
    });
  }

  read(path: string): Promise<Buffer> {
    return this.run(path, async (client) => (await client.get(path)) as Buffer);
  }

  writeAtomic(path: string, data: Buffer | string): Promise<void> {
    return this.run(path, async (client) => {
      await this.ensureDir(client, splitPath(path).dir);
      const part = partName(path);
      await client.put(Buffer.isBuffer(data) ? data : Buffer.from(data), part);
      try {
        await client.rename(part, path);
      } catch (error) {
        // SFTP v3 rename never overwrites: the file is there from an attempt whose answer was lost
        // (or an earlier run whose bookkeeping was not saved); our file names are unique per document.
        if (!(await this.stat(client, path))) throw error;
        await client.delete(part).catch(() => undefined);
      }
    });
  }

  rename(from: string, to: string): Promise<void> {
    return this.run(from, async (client) => {
      await this.ensureDir(client, splitPath(to).dir);
      await client.rename(from, to);
    });
  }

  exists(path: string): Promise<boolean> {
    return this.run(path, async (client) => (await this.stat(client, path)) !== null);
  }

  remove(path: string): Promise<void> {
    return this.run(path, async (client) => {
      if (await this.stat(client, path)) await client.delete(path);
    });
  }

  /**
   * null when the path does not exist. Asks ssh2's SFTP channel directly: the library's `stat` and
   * `exists` report any failure (a busy or failing server) as "no such file".
   */
  private stat(client: SftpClient, path: string): Promise<Stats | null> {
    const sftp = (client as unknown as { sftp?: SFTPWrapper }).sftp;
    if (!sftp) return Promise.reject(new Error('No SFTP connection'));
    return new Promise((resolve, reject) =>
      sftp.stat(path, (error, stats) => {
        if (!error) return resolve(stats);
        const code = (error as { code?: unknown }).code;
        if (code === 2 || (code === 4 && /no such file/i.test(error.message))) return resolve(null);
        reject(error);
      }),
    );
  }

  async close(): Promise<void> {
    await this.drop();
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }
}

