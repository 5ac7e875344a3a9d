// The one error type of the hub: a closed set of codes clients can switch on (docs/ARCHITECTURE.md, "Writes, errors, idempotency").
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ZodError } from 'zod';
import { createLogger } from './logger';

const log = createLogger('errors');

export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'INVALID_TRANSITION',
  'INSUFFICIENT_STOCK',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'UNAVAILABLE',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface OmsErrorDetails {
  /** Path of the offending input field, e.g. `input.lines[1].quantity`. */
  field?: string;
  [key: string]: unknown;
}

export class OmsError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, details: OmsErrorDetails = {}) {
    super(message, { extensions: { code, ...details } });
    this.code = code;
  }
}

export function badInput(field: string, message: string): OmsError {
  return new OmsError('BAD_USER_INPUT', `${field}: ${message}`, { field });
}

export function notFound(entity: string, id: string, field?: string): OmsError {
  return new OmsError('NOT_FOUND', `${entity} ${JSON.stringify(id)} does not exist`, { entity, id, ...(field ? { field } : {}) });
}

export function invalidTransition(entity: string, from: string, to: string): OmsError {
  return new OmsError('INVALID_TRANSITION', `${entity} cannot move from ${from} to ${to}`, { from, to });
}

export function insufficientStock(message: string, details: OmsErrorDetails = {}): OmsError {
  return new OmsError('INSUFFICIENT_STOCK', message, details);
}

export function conflict(message: string, details: OmsErrorDetails = {}): OmsError {
  return new OmsError('CONFLICT', message, details);
}

/** `retryAfterSeconds`: when the service said when to come back (a refusal under load). */
export function unavailable(service: string, cause: string, retryAfterSeconds?: number): OmsError {
  return new OmsError('UNAVAILABLE', `${service} is unavailable: ${cause}. Retry the request; it is safe with the same idempotencyKey.`, {
    service,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
}

/** Turns zod issues into one BAD_USER_INPUT error naming the first offending field. */
export function fromZodError(error: ZodError, root: string): OmsError {
  const issues = error.issues.map((issue) => ({
    field: formatPath(root, issue.path),
    message: issue.message,
  }));
  const first = issues[0] ?? { field: root, message: 'is invalid' };
  return new OmsError('BAD_USER_INPUT', `${first.field}: ${first.message}`, { field: first.field, issues });
}

function formatPath(root: string, path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : `${acc}.${String(part)}`),
    root,
  );
}

/**
 * Keeps typed errors as they are and hides the internals of anything unexpected,
 * so a driver message or stack never reaches a client.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof OmsError) {
    // `http` sets the response status (401, 429); it is not part of the error clients read.
    const { http: _http, ...extensions } = original.extensions;
    return { ...formatted, extensions: { ...extensions, ...pickService(formatted) } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  // A subgraph's masked error reaching the gateway is a GraphQLError already logged where it happened.
  if (!(original instanceof GraphQLError)) log.error({ err: original, path: formatted.path }, 'unexpected error answered as INTERNAL_SERVER_ERROR');
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

function pickService(formatted: GraphQLFormattedError): Record<string, unknown> {
  const service = formatted.extensions?.serviceName;
  return service ? { serviceName: service } : {};
}
