// What a subscription's work costs its key. Every page of a log read for its replay (whether the
// caller may see its events or not) and every delivery-time fetch spends one request of the key's
// per-minute budget, like a query over HTTP. A replay that has spent the budget waits for it to
// refill before it reads or fetches more (back-pressure: it falls behind, nothing is skipped); a live
// event whose fetch finds the budget spent is delivered as a RATE_LIMITED error with its cursor
// instead (waiting would only pile events up until the connection is closed as too slow).
import { OmsError } from '@oms/platform';
import type { AuthenticatedIdentity } from '../auth/authenticate';
import type { KeyRateLimiter } from '../auth/rate-limit';

export class SubscriptionBudget {
  /** Subscriptions waiting for their key's budget to refill right now (for stats and tests). */
  throttled = 0;

  constructor(private readonly rateLimiter: KeyRateLimiter) {}

  /** Spends one request of the caller's budget; the RATE_LIMITED refusal (over a socket: no HTTP details) when it is spent. */
  async trySpend(identity: AuthenticatedIdentity): Promise<OmsError | null> {
    try {
      await this.rateLimiter.consume(identity);
      return null;
    } catch (error) {
      if (!(error instanceof OmsError) || error.code !== 'RATE_LIMITED') throw error;
      const { http: _http, code: _code, ...details } = error.extensions;
      return new OmsError('RATE_LIMITED', error.message, details);
    }
  }

  /** Spends one request, waiting as long as the budget takes to refill; false when `stopped` settles first. */
  async spend(identity: AuthenticatedIdentity, stopped: Promise<unknown>): Promise<boolean> {
    let stop = false;
    void stopped.then(() => (stop = true));
    for (;;) {
      const refusal = await this.trySpend(identity);
      if (!refusal) return true;
      if (stop) return false;
      const waitMs = 1000 * (typeof refusal.extensions.retryAfterSeconds === 'number' ? refusal.extensions.retryAfterSeconds : 1);
      this.throttled += 1;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([stopped, new Promise((resolve) => (timer = setTimeout(resolve, waitMs).unref()))]);
      } finally {
        clearTimeout(timer);
        this.throttled -= 1;
      }
      if (stop) return false;
    }
  }
}
