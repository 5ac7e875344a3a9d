// Serialises writes to one record inside this process.
//
// Why: FerretDB v1 applies updates as read-modify-write without isolation, so two concurrent
// conditional `$inc`s on one document can both succeed from the same snapshot (measured: 200
// concurrent reservations of 50 units all "succeeded"). On MongoDB the conditional update alone is
// atomic; on FerretDB this lock makes it so for a single writer process. See docs/ARCHITECTURE.md.
import AsyncLock from 'async-lock';

export class KeyedLock {
  private readonly lock = new AsyncLock({ maxPending: 100_000, timeout: 30_000 });

  run<T>(key: string | string[], work: () => Promise<T>): Promise<T> {
    return this.lock.acquire(key, work);
  }
}
