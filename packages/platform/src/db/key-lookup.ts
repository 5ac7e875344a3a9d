// Batched look-ups by key, shaped for the engine: one `$in` query on MongoDB; parallel top-level
// equality finds on FerretDB v1, which filters `$in` in Go after reading every row of the collection
// (measured at 20,000 documents: `$in` of 50 ids 759 ms, 50 parallel equality finds 49 ms).
import type { Model } from 'mongoose';
import { engineOf } from './engine';

export type SortSpec = Record<string, 1 | -1>;

export interface KeyLookupOptions {
  /** More conditions every document must meet (equality on a top-level field keeps it pushed down). */
  filter?: Record<string, unknown>;
  projection?: Record<string, 0 | 1>;
  /** Order of the whole result; applied in memory when the look-ups run in parallel. */
  sort?: SortSpec;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any collection's model
type AnyModel = Model<any>;

/** Every document whose `field` equals one of `keys` (and matches `filter`), in `sort` order. */
export async function findByKeys<T>(model: AnyModel, field: string, keys: readonly unknown[], options: KeyLookupOptions = {}): Promise<T[]> {
  const unique = uniqueKeys(keys);
  if (unique.length === 0) return [];
  const filter = options.filter ?? {};
  if (usesInQueries(model)) {
    const query = model.find({ ...filter, [field]: unique.length === 1 ? unique[0] : { $in: unique } }, options.projection);
    if (options.sort) query.sort(options.sort);
    return query.lean<T[]>().exec();
  }
  const groups = await Promise.all(unique.map((key) => model.find({ ...filter, [field]: key }, options.projection).lean<T[]>().exec()));
  const all = groups.flat();
  return options.sort ? all.sort(comparator(options.sort)) : all;
}

/** True when `$in` batches are index look-ups on this model's database (MongoDB). */
export function usesInQueries(model: AnyModel): boolean {
  return engineOf(model.db)?.capabilities.indexedInQueries ?? true;
}

function uniqueKeys(keys: readonly unknown[]): unknown[] {
  const seen = new Map<string, unknown>();
  for (const key of keys) if (key !== null && key !== undefined) seen.set(String(key), key);
  return [...seen.values()];
}

function comparable(value: unknown): string | number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return '';
  return String(value);
}

function comparator(sort: SortSpec): (a: unknown, b: unknown) => number {
  const fields = Object.entries(sort);
  return (a, b) => {
    for (const [field, direction] of fields) {
      const left = comparable((a as Record<string, unknown>)[field]);
      const right = comparable((b as Record<string, unknown>)[field]);
      if (left < right) return -direction;
      if (left > right) return direction;
    }
    return 0;
  };
}
