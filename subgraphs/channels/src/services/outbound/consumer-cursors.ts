// Positions of this runtime's consumers in the hub's event logs (inventory, fulfillment), kept in
// its own database and cached: written only when a consumer moves on.
import type { ConsumerCursorModel, ConsumerCursorRecord } from '../../models/consumer-cursor.model';
import type { HubEventPage } from '../hub-client';

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
   * Reads a hub event log from where `name` left off, page by page, saving the cursor only after a
   * page is handled (at least once: handlers are idempotent).
   */
  async consume(name: string, readPage: (after: string | null, first: number) => Promise<HubEventPage>, handle: (events: HubEventPage['events']) => Promise<void>): Promise<void> {
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
