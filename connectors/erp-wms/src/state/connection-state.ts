// What the connector must remember per connection between runs, kept in a JSON file it owns under
// the connection's `stateDir` (the kit has no state API for connectors): checksums of applied files
// (a re-dropped file is not applied twice), X12 control numbers (never reused), shipments already
// sent (a repeat push writes nothing), and the partner's 997 answers to our interchanges.
// Writes are write-then-rename, serialised per file within the process; one process runs a connection.
import { promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface AppliedFile {
  name: string;
  at: string;
}

export interface SentInterchange {
  file: string;
  transaction: string;
  groupControl: number;
  /** A: accepted, E: accepted with errors, R: rejected (from the partner's 997); null until it answers. */
  ack: 'A' | 'E' | 'P' | 'R' | null;
  at: string;
}

export interface ConnectionStateData {
  appliedFiles: Record<string, AppliedFile>;
  controlNumbers: { interchange: number; group: number };
  sentShipments: Record<string, string>;
  /** By ISA13. */
  interchanges: Record<string, SentInterchange>;
}

const empty = (): ConnectionStateData => ({ appliedFiles: {}, controlNumbers: { interchange: 0, group: 0 }, sentShipments: {}, interchanges: {} });
const queues = new Map<string, Promise<unknown>>();

export class ConnectionState {
  readonly path: string;

  constructor(stateDir: string, channel: string) {
    this.path = join(resolve(stateDir), `${channel.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  }

  async read(): Promise<ConnectionStateData> {
    try {
      return { ...empty(), ...(JSON.parse(await fs.readFile(this.path, 'utf8')) as Partial<ConnectionStateData>) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
      throw error;
    }
  }

  /** Reads, changes and writes the state as one step (serialised with the other updates of this file). */
  update<T>(change: (state: ConnectionStateData) => T): Promise<T> {
    const previous = queues.get(this.path) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      const state = await this.read();
      const result = change(state);
      await fs.mkdir(dirname(this.path), { recursive: true });
      const part = `${this.path}.${process.pid}.part`;
      await fs.writeFile(part, JSON.stringify(state, null, 1));
      await fs.rename(part, this.path);
      return result;
    });
    queues.set(this.path, next);
    return next;
  }

  /** The next interchange (ISA13) and group (GS06) control numbers, persisted before they are used. */
  nextControlNumbers(): Promise<{ interchange: number; group: number }> {
    return this.update((state) => {
      // ISA13 is nine digits: wrap past 999999999, as partners expect.
      state.controlNumbers.interchange = (state.controlNumbers.interchange % 999_999_999) + 1;
      state.controlNumbers.group = (state.controlNumbers.group % 999_999_999) + 1;
      return { ...state.controlNumbers };
    });
  }
}
