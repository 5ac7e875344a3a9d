// The graph's errors carry `extensions.field` (e.g. `input.trackingNumber`) and `extensions.code`:
// the console shows each next to the control that edits that field, the rest above the form.
import type { CombinedError } from 'urql';

export interface GraphErrors {
  /** Messages by input field path, e.g. `input.delta`. */
  byField: Record<string, string>;
  /** Errors that name no field (or a field no control shows). */
  general: string[];
}

export function graphErrors(error: CombinedError | undefined, shownFields: readonly string[] = []): GraphErrors {
  const result: GraphErrors = { byField: {}, general: [] };
  if (!error) return result;
  if (error.networkError) result.general.push(`The hub did not answer: ${error.networkError.message}`);
  for (const graphQLError of error.graphQLErrors) {
    const field = typeof graphQLError.extensions?.field === 'string' ? graphQLError.extensions.field : undefined;
    const message = withoutFieldPrefix(graphQLError.message, field);
    const code = typeof graphQLError.extensions?.code === 'string' ? graphQLError.extensions.code : undefined;
    const matching = field ? shownFields.find((shown) => field === shown || field.startsWith(`${shown}.`) || field.startsWith(`${shown}[`)) : undefined;
    if (matching) result.byField[matching] = message;
    else result.general.push(code ? `${code}: ${graphQLError.message}` : graphQLError.message);
  }
  return result;
}

/** "input.delta: must not be zero" next to the delta control reads better as "must not be zero". */
function withoutFieldPrefix(message: string, field: string | undefined): string {
  return field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

export function errorCode(error: CombinedError | undefined): string | undefined {
  const code = error?.graphQLErrors[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}
