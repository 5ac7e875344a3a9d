// Makes a refusal visible at the HTTP level too: when an operation failed because something was
// overloaded or rate-limited (UNAVAILABLE / RATE_LIMITED with `retryAfterSeconds`, from the gateway
// or from a subgraph), the response carries `Retry-After`, and 503 (429) when no data came back.
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

const HINTED = new Set(['UNAVAILABLE', 'RATE_LIMITED']);

/** The longest wait any of the errors asks for, and whether one of them is a rate limit. */
export function retryHintOf(errors: readonly GraphQLFormattedError[] | undefined): { seconds: number; rateLimited: boolean } | null {
  let seconds = 0;
  let rateLimited = false;
  for (const error of errors ?? []) {
    const code = error.extensions?.code;
    const hint = error.extensions?.retryAfterSeconds;
    if (typeof code !== 'string' || !HINTED.has(code) || typeof hint !== 'number') continue;
    seconds = Math.max(seconds, Math.ceil(hint));
    rateLimited ||= code === 'RATE_LIMITED';
  }
  return seconds > 0 ? { seconds, rateLimited } : null;
}

function nothingCameBack(data: Record<string, unknown> | null | undefined): boolean {
  return !data || Object.values(data).every((value) => value === null);
}

export function retryHints<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const hint = retryHintOf(errors);
          if (!hint) return;
          response.http.headers.set('retry-after', String(hint.seconds));
          if (nothingCameBack(data)) response.http.status = hint.rateLimited ? 429 : 503;
        },
      };
    },
  };
}
