// Failed authentications per client address (rate-limiter-flexible; shared through Redis when the
// gateway has it): guessing keys or tokens from one address stops after a few tries a minute, and an
// address over its budget is refused before its credentials cost a lookup.
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { OmsError } from '@oms/platform';

export class FailedAuthLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    private readonly perMinute: number,
    redis?: Redis,
  ) {
    const options = { points: perMinute, duration: 60, keyPrefix: 'oms:auth-failures' };
    this.limiter = redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) }) : new RateLimiterMemory(options);
  }

  /** RATE_LIMITED (429, Retry-After) when the address has used up its failures, else null. */
  async refusal(address: string): Promise<OmsError | null> {
    const spent = await this.limiter.get(address);
    if (!spent || spent.consumedPoints < this.perMinute) return null;
    return this.rateLimited(address, spent.msBeforeNext);
  }

  /** Counts one failure of the address. */
  async recordFailure(address: string): Promise<void> {
    await this.limiter.penalty(address, 1);
  }

  private rateLimited(address: string, msBeforeNext: number): OmsError {
    const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    return new OmsError('RATE_LIMITED', `Too many failed authentications from ${address} (at most ${this.perMinute} a minute); retry in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    });
  }
}
