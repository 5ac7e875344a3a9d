// Runs a service's background tasks one round at a time: when woken (a wake can wait a short window
// first, so a burst of notices costs one round), at a time a task asked for, and on a timer that is
// only a safety net (unref'd, stopped with the service). A failing task (a peer is down) is logged
// once and retried next round; the others still run.
import { OmsError } from './errors';
import { createLogger, type Logger } from './logger';

const RETRY_FIRST_MS = 1_000;

export interface BackgroundTask {
  name: string;
  /** May answer when to run again: `more` (at once, work is left) or `retryAt` (epoch ms). */
  run(): Promise<unknown>;
}

/** What a task may answer to have the loop run again sooner than its timer. */
export interface TaskOutcome {
  more?: boolean;
  retryAt?: number | null;
}

export interface BackgroundLoopOptions {
  /** Logger component (default `background`); the loop's name is in every line as `loop`. */
  component?: string;
  /**
   * A tick that arrives while a round runs starts another round right after it (default), so a
   * change noticed mid-round is not left for the next interval; false drops such ticks instead.
   */
  queueTicks?: boolean;
}

export class BackgroundLoop {
  private timer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private dueTimer: NodeJS.Timeout | null = null;
  private dueAt = Infinity;
  private round: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Failed rounds in a row, per failing task. */
  private readonly failing = new Map<string, number>();
  private readonly log: Logger;
  private readonly queueTicks: boolean;

  constructor(
    private readonly name: string,
    private readonly tasks: BackgroundTask[],
    private readonly intervalMs: number,
    options: BackgroundLoopOptions = {},
  ) {
    this.log = createLogger(options.component ?? 'background');
    this.queueTicks = options.queueTicks ?? true;
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
    this.tick();
  }

  /** Runs a round after `windowMs` (changes arriving meanwhile join it). */
  wake(windowMs = 0): void {
    if (this.stopped || this.wakeTimer) return;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      // A notice that arrives mid-round may be about something the round has already read past.
      this.tick(true);
    }, windowMs);
    this.wakeTimer.unref();
  }

  /** Runs a round at `at` (epoch ms), unless one is already due earlier. */
  wakeAt(at: number): void {
    if (this.stopped || at >= this.dueAt) return;
    if (this.dueTimer) clearTimeout(this.dueTimer);
    this.dueAt = at;
    this.dueTimer = setTimeout(() => {
      this.dueTimer = null;
      this.dueAt = Infinity;
      this.tick(true);
    }, Math.max(0, at - Date.now()));
    this.dueTimer.unref();
  }

  /** Starts a round now, or (with `queueTicks`) right after the one running. */
  tick(queue = this.queueTicks): void {
    if (this.stopped) return;
    if (this.round) {
      if (queue) this.again = true;
      return;
    }
    this.round = this.runRound().finally(() => {
      this.round = null;
      if (this.again) {
        this.again = false;
        this.tick();
      }
    });
  }

  /** Resolves after the current round (and a requested one) have run; for tests and shutdown. */
  async idle(): Promise<void> {
    while (this.round) await this.round;
  }

  /** Stops the timers and waits for the round in progress, so nothing touches a closed connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.dueTimer) clearTimeout(this.dueTimer);
    this.timer = null;
    this.wakeTimer = null;
    this.dueTimer = null;
    await this.round;
  }

  private async runRound(): Promise<void> {
    for (const task of this.tasks) {
      if (this.stopped) return;
      try {
        const outcome = (await task.run()) as TaskOutcome | undefined;
        if (outcome?.more) this.again = true;
        if (outcome?.retryAt) this.wakeAt(outcome.retryAt);
        if (this.failing.delete(task.name)) this.log.info({ loop: this.name, task: task.name }, 'background task recovered');
      } catch (error) {
        const failures = (this.failing.get(task.name) ?? 0) + 1;
        this.failing.set(task.name, failures);
        // The timer is only a safety net: try again sooner, backing off (1 s, 2 s, 4 s ... the interval).
        this.wakeAt(Date.now() + Math.min(this.intervalMs, RETRY_FIRST_MS * 2 ** (failures - 1)));
        // Log a failure once, not every round while a peer is down.
        if (failures > 1) continue;
        if (error instanceof OmsError && error.code === 'UNAVAILABLE') this.log.info({ loop: this.name, task: task.name, reason: error.message }, 'background task waits for a peer');
        else this.log.warn({ err: error, loop: this.name, task: task.name }, 'background task failed; retrying with backoff');
      }
    }
  }
}
