// The newest events of one log, by seq, kept in memory so that readers of the log do not fetch each
// event from the database again.
//
// Under load every stored event is read by several followers (the orders workflow, the channels'
// stock pushes, webhooks, the gateway's subscription tailers), each with one equality look-up per
// seq (see EventLog.read). A stored event never changes and its seq is never reused, so any event
// this process stored or read is a valid answer for its seq for as long as the log exists. Only a
// log emptied behind the process's back (tests drop databases) invalidates them: `clear` then.
import { LRUCache } from 'lru-cache';

/** About 5 MB at the typical event size; a follower further behind than this reads the database. */
const DEFAULT_CAPACITY = 10_000;

export class RecentEvents<T extends { seq: number }> {
  private readonly bySeq: LRUCache<number, T>;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.bySeq = new LRUCache<number, T>({ max: capacity });
  }

  get(seq: number): T | undefined {
    return this.bySeq.get(seq);
  }

  remember(events: readonly T[]): void {
    for (const event of events) this.bySeq.set(event.seq, event);
  }

  clear(): void {
    this.bySeq.clear();
  }
}
