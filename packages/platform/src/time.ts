// Times leave the hub as UTC ISO-8601 strings.
import { GraphQLScalarType, Kind } from 'graphql';
import { OmsError } from './errors';

function parseDate(value: unknown): Date {
  const date = typeof value === 'string' || typeof value === 'number' ? new Date(value) : value instanceof Date ? value : null;
  if (!date || Number.isNaN(date.getTime()) || (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(value))) {
    throw new OmsError('BAD_USER_INPUT', `DateTime must be an ISO-8601 string, got ${JSON.stringify(value)}`);
  }
  return date;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'A UTC instant, ISO-8601 (e.g. 2026-11-23T10:00:00.000Z).',
  serialize: (value) => parseDate(value).toISOString(),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new OmsError('BAD_USER_INPUT', 'DateTime must be a string');
    return parseDate(ast.value);
  },
});
