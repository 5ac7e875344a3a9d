// Admission control for one service: how many requests it works on at once, how many may wait behind
// them and for how long. Anything beyond is refused at once with UNAVAILABLE and a retry hint, so an
// overloaded service answers in milliseconds instead of holding requests for minutes, and its backlog
// (hence the time to recover once the load stops) stays bounded.
//
// Two classes: `internal` calls finish work a service already admitted (orders → inventory during a
// placement) and `client` calls start new work. Internal calls have slots of their own on top of the
// client limit, are served first from the queue, and push a waiting client call out of a full queue
// rather than be refused themselves.
//
// Written here rather than taken from a scheduler library (bottleneck, async-mutex): those queue and
// run jobs, but none refuses at a bound, evicts by class and gives up on a wait deadline at once.
import { OmsError } from '../errors';
import { readAdmissionLimits, SUBGRAPH_ADMISSION_DEFAULTS } from '../config/limits';

export type AdmissionClass = 'internal' | 'client';

/** Sent by hub services calling a peer to finish work already admitted (GraphqlClient does by default). */
export const PRIORITY_HEADER = 'x-oms-priority';

export interface AdmissionLimits {
  /** Client requests worked on at once. */
  maxConcurrent: number;
  /** Further slots only internal calls may use. */
  internalReserve: number;
  /** Requests (both classes) that may wait for a slot; more are refused at once. */
  maxQueued: number;
  /** Longest wait for a slot before the request is refused (0: no deadline). */
  maxQueueWaitMs: number;
}

export interface AdmissionStats {
  inFlight: number;
  queued: number;
  admitted: number;
  refused: number;
  /** Moving average of how long an admitted request holds its slot. */
  averageMs: number;
  /** What a refusal would tell a client to wait now. */
  retryAfterSeconds: number;
}

/** Given back to the controller when the admitted work ends (exactly once; later calls do nothing). */
export type Release = () => void;

interface Waiter {
  kind: AdmissionClass;
  grant: (release: Release) => void;
  refuse: (error: OmsError) => void;
  timer: NodeJS.Timeout | null;
}

const MAX_RETRY_AFTER_SECONDS = 30;

/** The refusal clients see: UNAVAILABLE, with `retryAfterSeconds` (and a 503 + Retry-After when answered over HTTP). */
export function overloaded(service: string, reason: string, retryAfterSeconds: number): OmsError {
  return new OmsError('UNAVAILABLE', `${service} is overloaded (${reason}); retry in ${retryAfterSeconds} s. Retrying is safe with the same idempotencyKey.`, {
    service,
    retryAfterSeconds,
    http: { status: 503, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
  });
}

export class AdmissionController {
  private inFlight = 0;
  private admitted = 0;
  private refused = 0;
  private averageMs = 50;
  private readonly internalQueue: Waiter[] = [];
  private readonly clientQueue: Waiter[] = [];

  constructor(
    readonly service: string,
    readonly limits: AdmissionLimits,
  ) {}

  /**
   * Waits for a slot and resolves with its release, or rejects with UNAVAILABLE: at once when the
   * queue is full, after `maxQueueWaitMs` otherwise. `abandoned` (the client went away) gives up the
   * place in the queue.
   */
  acquire(kind: AdmissionClass, abandoned?: AbortSignal): Promise<Release> {
    if (this.hasRoom(kind)) return Promise.resolve(this.start());
    if (this.queued >= this.limits.maxQueued && !(kind === 'internal' && this.evictClient())) {
      return Promise.reject(this.refuse('queue full'));
    }
    // A client call that would only reach the deadline in the queue is told so now, not then.
    if (kind === 'client' && this.limits.maxQueueWaitMs > 0 && this.expectedWaitMs(this.queued + 1) > this.limits.maxQueueWaitMs) {
      return Promise.reject(this.refuse(`expected wait over ${this.limits.maxQueueWaitMs} ms`));
    }
    return new Promise<Release>((grant, refuse) => {
      const waiter: Waiter = { kind, grant, refuse, timer: null };
      if (this.limits.maxQueueWaitMs > 0) {
        waiter.timer = setTimeout(() => {
          if (this.remove(waiter)) refuse(this.refuse(`no slot within ${this.limits.maxQueueWaitMs} ms`));
        }, this.limits.maxQueueWaitMs);
        waiter.timer.unref();
      }
      abandoned?.addEventListener('abort', () => {
        if (this.remove(waiter)) refuse(overloaded(this.service, 'request abandoned while waiting', 1));
      }, { once: true });
      (kind === 'internal' ? this.internalQueue : this.clientQueue).push(waiter);
    });
  }

  /** Runs `work` in a slot (see acquire). */
  async run<T>(kind: AdmissionClass, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(kind);
    try {
      return await work();
    } finally {
      release();
    }
  }

  get queued(): number {
    return this.internalQueue.length + this.clientQueue.length;
  }

  stats(): AdmissionStats {
    return { inFlight: this.inFlight, queued: this.queued, admitted: this.admitted, refused: this.refused, averageMs: Math.round(this.averageMs), retryAfterSeconds: this.retryAfterSeconds() };
  }

  /** How long the work in flight and waiting takes to drain at the measured pace, in whole seconds (1..30). */
  retryAfterSeconds(): number {
    const drainMs = this.expectedWaitMs(this.inFlight + this.queued);
    return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(drainMs / 1000)));
  }

  /** When the `position`-th request from now would get a slot at the measured pace. */
  private expectedWaitMs(position: number): number {
    return (position * this.averageMs) / Math.max(1, this.limits.maxConcurrent);
  }

  private hasRoom(kind: AdmissionClass): boolean {
    // A client never overtakes a waiting internal call; an internal call may use the reserve.
    if (kind === 'internal') return this.inFlight < this.limits.maxConcurrent + this.limits.internalReserve;
    return this.inFlight < this.limits.maxConcurrent && this.internalQueue.length === 0;
  }

  private start(): Release {
    this.inFlight += 1;
    this.admitted += 1;
    const started = Date.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      this.averageMs += (Date.now() - started - this.averageMs) * 0.1;
      this.dispatch();
    };
  }

  private dispatch(): void {
    for (;;) {
      const next =
        this.internalQueue.length && this.hasRoom('internal')
          ? this.internalQueue.shift()
          : this.clientQueue.length && this.inFlight < this.limits.maxConcurrent && this.internalQueue.length === 0
            ? this.clientQueue.shift()
            : undefined;
      if (!next) return;
      if (next.timer) clearTimeout(next.timer);
      next.grant(this.start());
    }
  }

  /** Refuses the newest waiting client call to make room for an internal one. */
  private evictClient(): boolean {
    const victim = this.clientQueue.pop();
    if (!victim) return false;
    if (victim.timer) clearTimeout(victim.timer);
    victim.refuse(this.refuse('queue full of priority work'));
    return true;
  }

  private remove(waiter: Waiter): boolean {
    const queue = waiter.kind === 'internal' ? this.internalQueue : this.clientQueue;
    const index = queue.indexOf(waiter);
    if (index < 0) return false;
    queue.splice(index, 1);
    if (waiter.timer) clearTimeout(waiter.timer);
    return true;
  }

  private refuse(reason: string): OmsError {
    this.refused += 1;
    return overloaded(this.service, reason, this.retryAfterSeconds());
  }
}

/**
 * Limits from `<PREFIX>_MAX_CONCURRENT`, `_INTERNAL_RESERVE`, `_MAX_QUEUE`, `_QUEUE_TIMEOUT_MS`
 * (e.g. `OMS_GATEWAY_MAX_CONCURRENT`), else `defaults`; declared in config/limits.ts, listed in README.md.
 */
export function admissionLimitsFromEnv(prefix: string, defaults: AdmissionLimits): AdmissionLimits {
  return readAdmissionLimits(prefix, defaults);
}

export { SUBGRAPH_ADMISSION_DEFAULTS };
