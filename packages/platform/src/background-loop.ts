// Runs a service's background tasks one round at a time: on a timer (unref'd, stopped with the
// service), and sooner when woken (a wake can wait a short window first, so a burst of notices costs
// one round). A failing task (a peer is down) is logged once and retried next round; the others
// still run.
import { OmsError } from './errors';
import { createLogger, type Logger } from './logger';

export interface BackgroundTask {
  name: string;
  run(): Promise<unknown>;
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
  private round: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly failing = new Set<string>();
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
      this.tick();
    }, windowMs);
    this.wakeTimer.unref();
  }

  /** Starts a round now, or (with `queueTicks`) right after the one running. */
  tick(): void {
    if (this.stopped) return;
    if (this.round) {
      if (this.queueTicks) this.again = true;
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
    this.timer = null;
    this.wakeTimer = null;
    await this.round;
  }

  private async runRound(): Promise<void> {
    for (const task of this.tasks) {
      if (this.stopped) return;
      try {
        await task.run();
        if (this.failing.delete(task.name)) this.log.info({ loop: this.name, task: task.name }, 'background task recovered');
      } catch (error) {
        // Log a failure once, not every round while a peer is down.
        if (this.failing.has(task.name)) continue;
        this.failing.add(task.name);
        if (error instanceof OmsError && error.code === 'UNAVAILABLE') this.log.info({ loop: this.name, task: task.name, reason: error.message }, 'background task waits for a peer');
        else this.log.warn({ err: error, loop: this.name, task: task.name }, 'background task failed; retrying every round');
      }
    }
  }
}
