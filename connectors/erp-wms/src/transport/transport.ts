// How the connector reaches a partner's folders: SFTP or a local directory, behind one small
// interface. Paths are relative to the connection's root; writes are write-then-rename so the partner
// never reads half a file.
export interface RemoteFile {
  name: string;
  size: number;
  /** Epoch ms (SFTP gives whole seconds). */
  modifiedAt: number;
}

export interface FileTransport {
  /** Plain files of a folder (creating the folder when missing); no sub-folders. */
  list(folder: string): Promise<RemoteFile[]>;
  read(path: string): Promise<Buffer>;
  /** Writes `<dir>/.<name>.part` then renames it to `path`. */
  writeAtomic(path: string, data: Buffer | string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  remove(path: string): Promise<void>;
  close(): Promise<void>;
}

export function joinPath(...parts: string[]): string {
  return parts
    .filter(Boolean)
    .join('/')
    .replace(/\/{2,}/g, '/');
}

export function splitPath(path: string): { dir: string; name: string } {
  const index = path.lastIndexOf('/');
  return index < 0 ? { dir: '', name: path } : { dir: path.slice(0, index), name: path.slice(index + 1) };
}

/** The temporary name a file is written under before its rename. */
export function partName(path: string): string {
  const { dir, name } = splitPath(path);
  return joinPath(dir, `.${name}.part`);
}
