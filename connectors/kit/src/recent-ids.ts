// A bounded memory of recently seen ids (webhook delivery ids): channels deliver at least once, so a
// repeat within the window is dropped. The oldest ids fall out first.
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  /** True when the id was seen before; otherwise remembers it and returns false. */
  seen(id: string): boolean {
    if (this.ids.has(id)) return true;
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
    return false;
  }

  /** Forgets an id (its handling failed, so the channel's redelivery must get through). */
  forget(id: string): void {
    this.ids.delete(id);
  }
}
