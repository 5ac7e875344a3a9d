// Serialises work on one record inside this process, with a bounded wait.
//
// Why: FerretDB v1 applies updates as read-modify-write without isolation, so two concurrent
// conditional `$inc`s on one document can both succeed from the same snapshot (measured: 200
// concurrent reservations of 50 units all "succeeded"). On MongoDB the conditional update alone is
// atomic; on FerretDB this lock makes it so for a single writer process. See docs/ARCHITECTURE.md.
//
// A lock that only stands in for isolated updates is built with `KeyedLock.forEngine(engine)`: it
// does nothing on an engine that reports `atomicUpdates`. Locks that order work for another reason
// (one workflow run per order, one allocation per order) stay `new KeyedLock()` on every engine.
//
// Waiting is bounded (OMS_LOCK_WAIT_MS, at most OMS_LOCK_MAX_PENDING waiters per key): past either,
// the caller gets UNAVAILABLE with `retryAfterSeconds` at once instead of queueing for minutes.
import AsyncLock from 'async-lock';
import { OmsError } from './errors';
import { lockConfig } from './config/limits';

export interface KeyedLockOptions {
  /** What the keys name, for the refusal message (e.g. `stock level`). */
  subject?: string;
  /** Longest wait for a key before UNAVAILABLE (default OMS_LOCK_WAIT_MS, else 10 s). */
  maxWaitMs?: number;
  /** Waiters per key beyond which a new one is refused at once (default OMS_LOCK_MAX_PENDING, else 1,000). */
  maxPending?: number;
}

/** The part of `describeEngine`'s answer a lock needs. */
export interface EngineCapabilities {
  capabilities: { atomicUpdates: boolean };
}

const TIMED_OUT = /^async-lock timed out in queue/;
const TOO_MANY = /^Too many pending tasks in queue/;
const MAX_RETRY_AFTER_SECONDS = 30;

export class KeyedLock {
  /** False when the lock lets every caller through (an engine with isolated updates). */
  readonly serialises: boolean;
  private readonly lock: AsyncLock | null;
  private readonly subject: string;
  private readonly maxWaitMs: number;
  /** Moving average of how long a key is held, for the retry hint. */
  private averageHoldMs = 20;

  constructor(options: KeyedLockOptions & { serialises?: boolean } = {}) {
    this.serialises = options.serialises ?? true;
    this.subject = options.subject ?? 'record';
    const configured = lockConfig.read();
    this.maxWaitMs = options.maxWaitMs ?? configured.OMS_LOCK_WAIT_MS;
    this.lock = this.serialises ? new AsyncLock({ maxPending: options.maxPending ?? configured.OMS_LOCK_MAX_PENDING, timeout: this.maxWaitMs }) : null;
  }

  /**
   * A lock for single-document conditional updates that are atomic on their own where the engine
   * isolates updates (MongoDB): there it serialises nothing; on FerretDB v1 it is a KeyedLock.
   * An unknown engine (undefined) gets the lock: correct everywhere, only slower.
   */
  static forEngine(engine: EngineCapabilities | undefined, options: KeyedLockOptions = {}): KeyedLock {
    return new KeyedLock({ ...options, serialises: !engine?.capabilities.atomicUpdates });
  }

  run<T>(key: string | string[], work: () => Promise<T>): Promise<T> {
    if (!this.lock) return work();
    return this.lock.acquire(key, () => this.timed(work)).catch((error: unknown) => {
      throw this.refusal(error, key) ?? error;
    });
  }

  /** Waiters for `key` right now (0 for a lock that does not serialise). */
  pending(key: string): number {
    const queues = (this.lock as unknown as { queues?: Record<string, unknown[]> } | null)?.queues;
    return queues?.[key]?.length ?? 0;
  }

  private async timed<T>(work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await work();
    } finally {
      this.averageHoldMs += (Date.now() - started - this.averageHoldMs) * 0.1;
    }
  }

  /** async-lock's own queue errors as a typed UNAVAILABLE with a retry hint; anything else is the work's error. */
  private refusal(error: unknown, key: string | string[]): OmsError | null {
    const message = error instanceof Error ? error.message : '';
    const timedOut = TIMED_OUT.test(message);
    if (!timedOut && !TOO_MANY.test(message)) return null;
    const keys = Array.isArray(key) ? key : [key];
    const waiting = Math.max(...keys.map((each) => this.pending(each)), 1);
    const retryAfterSeconds = Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil((waiting * this.averageHoldMs) / 1000)));
    const why = timedOut ? `waited ${this.maxWaitMs} ms for concurrent changes to finish` : 'too many changes already waiting';
    return new OmsError('UNAVAILABLE', `This ${this.subject} is busy (${why}); retry in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
      lock: this.subject,
    });
  }
}
