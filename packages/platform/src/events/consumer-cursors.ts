// Where each consumer of another subgraph's event log has got to (one document per consumer in the
// consuming service's own `consumer_cursors` collection), cached and written only when it moves on.
import { Schema, type Connection, type Model } from 'mongoose';

export interface ConsumerCursorRecord {
  /** Consumer name, e.g. `inventory-backorders` or `stock-pushes`. */
  _id: string;
  cursor: string | null;
  updatedAt?: Date;
}

export type ConsumerCursorModel = Model<ConsumerCursorRecord>;

/** One page of a remote event log, as every `*Events(after, first)` query returns it. */
export interface ConsumablePage<E> {
  events: E[];
  cursor: string | null;
  hasMore: boolean;
}

const consumerCursorSchema = new Schema<ConsumerCursorRecord>(
  { _id: { type: String, required: true }, cursor: { type: String, default: null } },
  { timestamps: { createdAt: false, updatedAt: true }, collection: 'consumer_cursors', versionKey: false },
);

export function consumerCursorModel(connection: Connection): ConsumerCursorModel {
  return (connection.models.ConsumerCursor as ConsumerCursorModel | undefined) ?? connection.model<ConsumerCursorRecord>('ConsumerCursor', consumerCursorSchema);
}

const PAGE_SIZE = 200;
const MAX_PAGES_PER_POLL = 20;

export class ConsumerCursors {
  private readonly cache = new Map<string, string | null>();

  constructor(private readonly cursors: ConsumerCursorModel) {}

  async get(name: string): Promise<string | null> {
    if (!this.cache.has(name)) {
      const doc = await this.cursors.findById(name).lean<ConsumerCursorRecord>();
      this.cache.set(name, doc?.cursor ?? null);
    }
    return this.cache.get(name) ?? null;
  }

  async set(name: string, cursor: string | null): Promise<void> {
    if (this.cache.get(name) === cursor) return;
    await this.cursors.updateOne({ _id: name }, { $set: { cursor } }, { upsert: true });
    this.cache.set(name, cursor);
  }

  /**
   * Reads a remote event log from where `name` left off, page by page, handing each page to `handle`
   * and saving the cursor only after the page is handled (at-least-once; handlers are idempotent).
   * At most MAX_PAGES_PER_POLL pages per call, so one busy log cannot starve the caller's other tasks.
   */
  async consume<E>(
    name: string,
    readPage: (after: string | null, first: number) => Promise<ConsumablePage<E>>,
    handle: (events: E[]) => Promise<void>,
  ): Promise<void> {
    let cursor = await this.get(name);
    for (let page = 0; page < MAX_PAGES_PER_POLL; page += 1) {
      const events = await readPage(cursor, PAGE_SIZE);
      await handle(events.events);
      await this.set(name, events.cursor);
      cursor = events.cursor;
      if (!events.hasMore) return;
    }
  }
}
