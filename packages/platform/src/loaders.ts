// Per-request batching helpers: every entity reference and list field loads through one `$in` query.
import DataLoader from 'dataloader';

/** A loader that fetches many records by key in one call and returns them in key order (null when absent). */
export function keyedLoader<K, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (value: V) => K,
  cacheKey: (key: K) => string = (key) => String(key),
): DataLoader<K, V | null, string> {
  return new DataLoader<K, V | null, string>(
    async (keys) => {
      const found = new Map<string, V>();
      for (const value of await fetch(keys)) found.set(cacheKey(keyOf(value)), value);
      return keys.map((key) => found.get(cacheKey(key)) ?? null);
    },
    { cacheKeyFn: cacheKey, maxBatchSize: 1000 },
  );
}

/** A loader for one-to-many lists: one query for all parents, grouped by parent key. */
export function groupedLoader<K, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  parentKeyOf: (value: V) => K,
  cacheKey: (key: K) => string = (key) => String(key),
): DataLoader<K, V[], string> {
  return new DataLoader<K, V[], string>(
    async (keys) => {
      const groups = new Map<string, V[]>();
      for (const value of await fetch(keys)) {
        const k = cacheKey(parentKeyOf(value));
        const list = groups.get(k);
        if (list) list.push(value);
        else groups.set(k, [value]);
      }
      return keys.map((key) => groups.get(cacheKey(key)) ?? []);
    },
    { cacheKeyFn: cacheKey, maxBatchSize: 1000 },
  );
}
