// A local folder as the partner's drop box (a mounted share, the demo warehouse).
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { classifyTransportError } from './transport-errors';
import { partName, type FileTransport, type RemoteFile } from './transport';

export class LocalTransport implements FileTransport {
  private readonly root: string;

  constructor(rootDir: string) {
    this.root = resolve(rootDir);
  }

  private abs(path: string): string {
    const full = resolve(this.root, path);
    if (full !== this.root && !full.startsWith(this.root + '/')) throw new Error(`path ${path} leaves the connection's root`);
    return full;
  }

  async list(folder: string): Promise<RemoteFile[]> {
    return this.guard(folder, async () => {
      await fs.mkdir(this.abs(folder), { recursive: true });
      const entries = await fs.readdir(this.abs(folder), { withFileTypes: true });
      const files = entries.filter((entry) => entry.isFile());
      return Promise.all(
        files.map(async (entry) => {
          const stat = await fs.stat(join(this.abs(folder), entry.name));
          return { name: entry.name, size: stat.size, modifiedAt: Math.floor(stat.mtimeMs / 1000) * 1000 };
        }),
      );
    });
  }

  read(path: string): Promise<Buffer> {
    return this.guard(path, () => fs.readFile(this.abs(path)));
  }

  async writeAtomic(path: string, data: Buffer | string): Promise<void> {
    await this.guard(path, async () => {
      const target = this.abs(path);
      await fs.mkdir(resolve(target, '..'), { recursive: true });
      const part = this.abs(partName(path));
      await fs.writeFile(part, data);
      await fs.rename(part, target);
    });
  }

  async rename(from: string, to: string): Promise<void> {
    await this.guard(from, async () => {
      await fs.mkdir(resolve(this.abs(to), '..'), { recursive: true });
      await fs.rename(this.abs(from), this.abs(to));
    });
  }

  async exists(path: string): Promise<boolean> {
    return this.guard(path, () =>
      fs.stat(this.abs(path)).then(
        () => true,
        (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? false : Promise.reject(error)),
      ),
    );
  }

  async remove(path: string): Promise<void> {
    await this.guard(path, () => fs.rm(this.abs(path), { force: true }));
  }

  async close(): Promise<void> {}

  private async guard<T>(path: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw classifyTransportError(error, { path, channelName: `local folder ${this.root}` });
    }
  }
}
