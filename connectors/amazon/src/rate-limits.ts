// SP-API quotas are per operation and per seller (token buckets: a sustained rate and a burst), so
// the connector keeps one bucket per operation per connection and waits for a token before it calls,
// instead of running into 429s. The simulator enforces the same table.
import Bottleneck from 'bottleneck';

export type AmazonOperation =
  | 'getOrders'
  | 'getOrderItems'
  | 'confirmShipment'
  | 'getListingsItem'
  | 'patchListingsItem'
  | 'getMarketplaceParticipations'
  | 'createRestrictedDataToken';

export interface OperationQuota {
  /** Requests per second, sustained. */
  rate: number;
  burst: number;
}

/** Default usage plans from the SP-API models (Orders v0, Listings Items 2021-08-01, Sellers v1, Tokens 2021-03-01). */
export const OPERATION_QUOTAS: Record<AmazonOperation, OperationQuota> = {
  getOrders: { rate: 0.0167, burst: 20 },
  getOrderItems: { rate: 0.5, burst: 30 },
  confirmShipment: { rate: 2, burst: 10 },
  getListingsItem: { rate: 5, burst: 5 },
  patchListingsItem: { rate: 5, burst: 5 },
  getMarketplaceParticipations: { rate: 0.016, burst: 15 },
  createRestrictedDataToken: { rate: 1, burst: 10 },
};

/** A bucket holding `burst` tokens, refilled one token every 1/rate seconds. */
function bucket(quota: OperationQuota): Bottleneck {
  const intervalMs = Math.max(10, Math.round(1000 / quota.rate));
  return new Bottleneck({ reservoir: quota.burst, reservoirIncreaseAmount: 1, reservoirIncreaseInterval: intervalMs, reservoirIncreaseMaximum: quota.burst, maxConcurrent: 4 });
}

// Quotas belong to the selling partner, not to one sync run: every context of a connection shares them.
const buckets = new Map<string, Bottleneck>();

/**
 * Runs `call` once the operation's bucket for this connection (endpoint + seller) has a token. A stop
 * signal ends the wait (getOrders can wait a minute for its token); the queued call then runs into
 * the aborted signal and sends nothing.
 */
export function withinQuota<T>(connectionKey: string, operation: AmazonOperation, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const key = `${connectionKey}\u0000${operation}`;
  let limiter = buckets.get(key);
  if (!limiter) {
    limiter = bucket(OPERATION_QUOTAS[operation]);
    buckets.set(key, limiter);
  }
  const scheduled = limiter.schedule(() => (signal?.aborted ? Promise.reject(signal.reason) : call()));
  if (!signal) return scheduled;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    scheduled.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
