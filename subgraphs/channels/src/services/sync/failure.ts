// What a failed sync or push means for its connection: the channel refused the credentials or the
// config (park it: retrying cannot help), it is throttling us (wait what it asks), or something
// passing went wrong (retry with exponential backoff).
import { isConnectorError } from '@oms/connector-kit';

export type FailureAction = { park: true; reason: string; kind: string } | { park: false; retryInMs: number; reason: string; kind: string };

const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 10 * 60_000;

/** 2 s, 4 s, 8 s ... capped at 10 min, with ±20 % jitter so connections do not retry in step. */
export function backoffMs(failures: number, cap = MAX_DELAY_MS): number {
  const delay = Math.min(cap, BASE_DELAY_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(delay * (0.8 + Math.random() * 0.4));
}

export function classifyFailure(error: unknown, failures: number, cap?: number): FailureAction {
  const message = error instanceof Error ? error.message : String(error);
  if (isConnectorError(error)) {
    if (error.parksConnection) return { park: true, reason: message, kind: error.kind };
    if (error.kind === 'RATE_LIMITED') return { park: false, retryInMs: Math.max(error.details.retryAfterMs ?? 0, backoffMs(failures, cap)), reason: message, kind: error.kind };
    return { park: false, retryInMs: backoffMs(failures, cap), reason: message, kind: error.kind };
  }
  return { park: false, retryInMs: backoffMs(failures, cap), reason: message, kind: 'TRANSIENT' };
}
