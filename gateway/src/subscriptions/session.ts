// One graphql-ws connection: who it is, its subscriptions, and the bound on what waits for it. Events
// wait in the connection's queue until the socket takes them; a connection that lets more than
// `maxQueuedEvents` pile up (or whose socket buffers more than `maxBufferedBytes`) is a slow consumer
// and is closed with 4429, so one stalled client cannot grow the gateway's memory without bound.
import type WebSocket from 'ws';
import type { AuthenticatedIdentity } from '../auth/authenticate';

export const CLOSE_TOO_SLOW = 4429;
/** Over a per-key cap (connections): the same code as a slow consumer, "too many", with the reason saying which. */
export const CLOSE_TOO_MANY = 4429;
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_GOING_AWAY = 1001;

export interface SessionLimits {
  maxQueuedEvents: number;
  maxBufferedBytes: number;
}

/** What a session can ask of each of its subscriptions. */
export interface SessionFeed {
  /** Replay done (or none asked): receiving live events. */
  readonly live: boolean;
  end(): void;
}

export class Session {
  /** Events taken for this connection and not yet handed to its socket. */
  queued = 0;
  readonly feeds = new Set<SessionFeed>();
  /** Subscribes accepted by the caps and still being prepared (they count against the caps too). */
  starting = 0;
  /** Replays accepted by the caps whose feed does not exist yet (they count as replaying). */
  replaysStarting = 0;
  /** graphql-ws operation ids still running (their `complete` not yet sent). */
  private readonly operations = new Set<string>();
  private idleWaiters: Array<() => void> = [];
  private roomWaiters: Array<{ need: number; wake: () => void }> = [];
  private closed = false;

  constructor(
    readonly identity: AuthenticatedIdentity,
    readonly socket: WebSocket,
    private readonly limits: SessionLimits,
    /** The credentials it connected with, to check again later (a revoked key stops receiving). */
    readonly credentials: Record<string, string>,
    /** Whose caps this connection counts against (API key id, else the token's subject). */
    readonly key: string = identity.keyId ?? identity.subject,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * What replays may still queue: they fill at most half the bound, so live events (of this or
   * another subscription of the connection) always have the other half.
   */
  get replayRoom(): number {
    return Math.max(0, this.replayBudget - this.queued);
  }

  get replayBudget(): number {
    return Math.max(1, Math.floor(this.limits.maxQueuedEvents / 2));
  }

  /**
   * Counts one more waiting event. A live event past the bound closes the connection (false);
   * replayed events are read only when there is room, so they never trip it.
   */
  hold(live: boolean): boolean {
    if (this.closed) return false;
    this.queued += 1;
    if (!live) return true;
    if (this.queued > this.limits.maxQueuedEvents) {
      this.close(CLOSE_TOO_SLOW, `Subscriber too slow: more than ${this.limits.maxQueuedEvents} events queued`);
      return false;
    }
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CLOSE_TOO_SLOW, `Subscriber too slow: more than ${this.limits.maxBufferedBytes} bytes buffered`);
      return false;
    }
    return true;
  }

  release(count = 1): void {
    this.queued = Math.max(0, this.queued - count);
    if (this.roomWaiters.length === 0) return;
    const waiting = this.roomWaiters;
    this.roomWaiters = [];
    for (const waiter of waiting) {
      if (this.closed || this.replayRoom >= waiter.need) waiter.wake();
      else this.roomWaiters.push(waiter);
    }
  }

  /** Resolves when a replay may queue at least `need` more events (or the connection closed). */
  waitForReplayRoom(need: number): Promise<void> {
    if (this.closed || this.replayRoom >= need) return Promise.resolve();
    return new Promise((wake) => this.roomWaiters.push({ need, wake }));
  }

  operationStarted(id: string): void {
    this.operations.add(id);
  }

  operationEnded(id: string): void {
    this.operations.delete(id);
    if (this.operations.size === 0) this.flushIdle();
  }

  /** Resolves once every running operation has sent its `complete`. */
  idle(): Promise<void> {
    if (this.operations.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const feed of [...this.feeds]) feed.end();
    for (const waiter of this.roomWaiters.splice(0)) waiter.wake();
    this.socket.close(code, reason);
  }

  /** The socket went away (whoever closed it). */
  closedBy(): void {
    this.closed = true;
    for (const feed of [...this.feeds]) feed.end();
    for (const waiter of this.roomWaiters.splice(0)) waiter.wake();
    this.operations.clear();
    this.flushIdle();
  }

  private flushIdle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
