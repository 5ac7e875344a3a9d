// Positions of this subgraph's consumers in other subgraphs' event logs, persisted in orders' own
// database (consumer_cursors) and cached: written only when a consumer moves on.
import type { ConsumerCursorModel, ConsumerCursorRecord } from '../../models/consumer-cursor.model';
import type { RemoteEventPage } from '../peers';

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
   */
  async consume(
    name: string,
    readPage: (after: string | null, first: number) => Promise<RemoteEventPage>,
    handle: (events: RemoteEventPage['events']) => Promise<void>,
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
