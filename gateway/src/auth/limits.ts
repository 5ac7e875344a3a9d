// Limits that bound what one request may cost the gateway before any identity-specific budget applies:
// body size and parser tokens (a huge document costs CPU to parse before anything can refuse it),
// failed authentications per client address, and the size assumed for lists without `first`.
import { gatewayConfig } from '../config';

export interface RequestLimits {
  /** Largest request body of an authenticated caller (413 beyond it). */
  maxBodyBytes: number;
  /** Largest body of an anonymous request: only the IDE's schema introspection runs anonymously. */
  maxAnonymousBodyBytes: number;
  /** Tokens graphql-js reads before it gives up on a document. */
  maxTokens: number;
  /** Failed authentications per client address and minute; beyond it 429 until the minute ends. */
  failedAuthPerMinute: number;
  /** Items a list field without `first`/`limit` is assumed to return, for the query cost. */
  assumedListSize: number;
}

/** The limits as the gateway's configuration sets them (config.ts). */
export function requestLimitsFromEnv(): RequestLimits {
  const values = gatewayConfig.read();
  return {
    maxBodyBytes: values.OMS_MAX_REQUEST_BYTES,
    // The IDE's introspection query is about 2 KB.
    maxAnonymousBodyBytes: 16 * 1024,
    maxTokens: values.OMS_MAX_QUERY_TOKENS,
    failedAuthPerMinute: values.OMS_FAILED_AUTH_PER_MINUTE,
    assumedListSize: values.OMS_ASSUMED_LIST_SIZE,
  };
}
