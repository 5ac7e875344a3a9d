// Per-key request budget (rate-limiter-flexible): in memory by default, shared across gateway
// processes through Redis when REDIS_URL is set. Hub services are not limited.
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { OmsError } from '@oms/platform';
import type { AuthenticatedIdentity } from './authenticate';
import { gatewayConfig } from '../config';


export class KeyRateLimiter {
  private readonly limiters = new Map<number, RateLimiterAbstract>();

  constructor(
    private readonly redis?: Redis,
    private readonly defaultPerMinute = gatewayConfig.read().OMS_RATE_LIMIT_PER_MINUTE,
  ) {}

  /** Spends one request of the caller's budget, or refuses with RATE_LIMITED and when to retry. */
  async consume(identity: AuthenticatedIdentity): Promise<void> {
    if (identity.role === 'SERVICE') return;
    const perMinute = identity.rateLimitPerMinute ?? this.defaultPerMinute;
    try {
      await this.limiter(perMinute).consume(identity.keyId ?? identity.subject);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new OmsError('RATE_LIMITED', `Rate limit of ${perMinute} requests per minute exceeded for ${identity.keyId ?? identity.subject}; retry in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
        http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
      });
    }
  }

  private limiter(perMinute: number): RateLimiterAbstract {
    let limiter = this.limiters.get(perMinute);
    if (!limiter) {
      const options = { points: perMinute, duration: 60, keyPrefix: `oms:rate:${perMinute}` };
      limiter = this.redis ? new RateLimiterRedis({ ...options, storeClient: this.redis, insuranceLimiter: new RateLimiterMemory(options) }) : new RateLimiterMemory(options);
      this.limiters.set(perMinute, limiter);
    }
    return limiter;
  }
}
