// Delivery signatures: `x-oms-signature: v1=<hex HMAC-SHA256 of "<x-oms-timestamp>.<body>">` with the
// endpoint's secret. The timestamp is signed too, so a captured request cannot be replayed later
// (receivers reject old timestamps).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_VERSION = 'v1';

export function signPayload(secret: string, timestamp: number, body: string): string {
  return `${SIGNATURE_VERSION}=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** For receivers (and tests): true when `header` signs `body` at `timestamp` and the timestamp is recent. */
export function verifySignature(secret: string, timestamp: number, body: string, header: string, toleranceSeconds = 300, now = Date.now()): boolean {
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  // A header may carry several signatures (during a secret rotation), separated by spaces or commas.
  return header.split(/[\s,]+/).some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
