// The GraphQL face of an event log, shared by every subgraph: `xxxEvents(after, first, types)`.
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { badInput } from '../errors';
import { decodeEventCursor, encodeEventCursor, type StoredEvent } from './event';
import type { EventLog } from './event-log';

export interface EventPageRecord {
  events: StoredEvent[];
  cursor: string | null;
  hasMore: boolean;
  log: string;
}

export async function readEventPage(log: EventLog, args: { after?: string | null; first?: number | null; types?: string[] | null }): Promise<EventPageRecord> {
  const first = args.first ?? 100;
  if (!Number.isInteger(first) || first < 1 || first > 1000) throw badInput('first', 'must be an integer from 1 to 1000');
  let afterSeq = 0;
  if (args.after) {
    const cursor = decodeEventCursor(args.after);
    if (!cursor || cursor.log !== log.name) throw badInput('after', `is not a cursor of the ${log.name} event log`);
    afterSeq = cursor.seq;
  }
  // A client reading the log right after its own change sees the change's event.
  await log.settled();
  const { events, scannedTo } = await log.read({ afterSeq, limit: first + 1, types: args.types ?? undefined });
  const page = events.slice(0, first);
  const hasMore = events.length > first;
  // The cursor moves past events filtered out by `types`, but never past one this page did not return.
  const position = hasMore ? page[page.length - 1].seq : scannedTo;
  return { events: page, cursor: position > 0 ? encodeEventCursor(log.name, position) : args.after ?? null, hasMore, log: log.name };
}

/** Resolvers for DomainEvent; `cursor` needs the log name, carried by the page. */
export function domainEventResolvers(logName: string) {
  return {
    cursor: (event: StoredEvent) => encodeEventCursor(logName, event.seq),
  };
}

function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, literal(field.value)]));
    case Kind.LIST:
      return ast.values.map(literal);
    default:
      return null;
  }
}

export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});
