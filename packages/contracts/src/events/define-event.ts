// What an event contract is: a type named `domain.entity.verb`, a version, and the schema its payload
// follows. A version changes only additively (new optional fields); a breaking change is a new
// version, and readers parse an event with the schema of the version it was written with.
import type { z } from 'zod';

export interface EventContract<TType extends string = string, TPayload extends z.ZodType = z.ZodType> {
  readonly type: TType;
  readonly version: number;
  readonly payload: TPayload;
}

export function defineEvent<TType extends string, TPayload extends z.ZodType>(type: TType, version: number, payload: TPayload): EventContract<TType, TPayload> {
  return { type, version, payload };
}

/** Defines several types that share one payload schema (the stock events, the return moves). */
export function defineEvents<TType extends string, TPayload extends z.ZodType>(types: readonly TType[], version: number, payload: TPayload): Array<EventContract<TType, TPayload>> {
  return types.map((type) => defineEvent(type, version, payload));
}

/** A payload that does not follow its contract: names the event type, its version and the first offending field. */
export class EventContractError extends Error {
  constructor(
    readonly eventType: string,
    readonly version: number,
    /** Path of the first offending field, e.g. `payload.lines[0].sku`. */
    readonly field: string,
    readonly issues: Array<{ field: string; message: string }>,
  ) {
    super(`event ${eventType} (v${version}) does not follow its contract: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`);
    this.name = 'EventContractError';
  }

  static fromZod(type: string, version: number, error: z.ZodError): EventContractError {
    const issues = error.issues.map((issue) => ({ field: fieldPath(issue.path), message: issue.message }));
    return new EventContractError(type, version, issues[0]?.field ?? 'payload', issues);
  }
}

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : `${acc}.${String(part)}`), 'payload');
}
