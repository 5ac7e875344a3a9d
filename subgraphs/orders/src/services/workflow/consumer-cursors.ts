// Positions of this subgraph's consumers in other subgraphs' event logs, persisted in orders' own
// database (consumer_cursors) and cached: written only when a consumer moves on.
import type { ConsumerCursorModel, ConsumerCursorRecord } from '../../models/consumer-cursor.model';

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
}
