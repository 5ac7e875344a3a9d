// Relay-style connections over keyset pagination: stable under inserts, one query per page.
import type { Model } from 'mongoose';
import { Types } from 'mongoose';
import { badInput } from './errors';

export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface PageSort {
  /** Document field to order by; ties are broken by `_id` in the same direction. */
  field: string;
  direction: 1 | -1;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Resolved only when a client selects it (graphql-js calls function properties). */
  totalCount: () => Promise<number>;
}

type CursorValue = string | number | { d: string } | null;

function encodeCursor(value: unknown, id: Types.ObjectId | string): string {
  const v: CursorValue = value instanceof Date ? { d: value.toISOString() } : (value as CursorValue);
  return Buffer.from(JSON.stringify([v, String(id)])).toString('base64url');
}

function decodeCursor(cursor: string): { value: unknown; id: string } {
  try {
    const [v, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [CursorValue, string];
    const value = v && typeof v === 'object' && 'd' in v ? new Date(v.d) : v;
    if (typeof id !== 'string') throw new Error('bad id');
    return { value, id };
  } catch {
    throw badInput('after', 'is not a cursor returned by this list');
  }
}

export function pageSize(first: number | null | undefined, fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badInput('first', `must be an integer from 0 to ${MAX_PAGE_SIZE}`);
  }
  return size;
}

function idValue(id: string): Types.ObjectId | string {
  return Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : id;
}

/** Reads one page of `model` matching `filter`, ordered by `sort` then `_id`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model; records come back as T
export async function paginate<T extends { _id: unknown }>(
  model: Model<any>,
  filter: Record<string, unknown>,
  args: PageArgs,
  sort: PageSort,
): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const op = sort.direction === 1 ? '$gt' : '$lt';
  let query: Record<string, unknown> = filter;
  if (args.after) {
    const { value, id } = decodeCursor(args.after);
    const seek =
      sort.field === '_id'
        ? { _id: { [op]: idValue(id) } }
        : { $or: [{ [sort.field]: { [op]: value } }, { [sort.field]: value, _id: { [op]: idValue(id) } }] };
    query = { $and: [filter, seek] };
  }
  const order = sort.field === '_id' ? { _id: sort.direction } : { [sort.field]: sort.direction, _id: sort.direction };
  const docs = size === 0 ? [] : ((await model.find(query).sort(order).limit(size + 1).lean()) as T[]);
  const page = docs.slice(0, size);
  const edges = page.map((node) => {
    const record = node as Record<string, unknown>;
    return { cursor: encodeCursor(sort.field === '_id' ? null : record[sort.field], record._id as Types.ObjectId), node };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: docs.length > size,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: () => model.countDocuments(filter).exec(),
  };
}
