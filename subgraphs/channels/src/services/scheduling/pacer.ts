// Runs a set of background tasks one round at a time: on a timer (unref'd), and sooner when woken
// (a wake waits a short window first, so a burst of notices costs one round). A failing task is
// logged once and retried next round; the others still run.
import { createLogger, OmsError } from '@oms/platform';

const log = createLogger('channels.background');

export interface PacedTask {
  name: string;
  run(): Promise<unknown>;
}

export class Pacer {
  private timer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly failing = new Set<string>();

  constructor(
    private readonly name: string,
    private readonly tasks: PacedTask[],
    private readonly intervalMs: number,
  ) {}

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

  /** Starts a round now, or right after the one running. */
  tick(): void {
    if (this.stopped) return;
    if (this.round) {
      this.again = true;
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
        if (this.failing.delete(task.name)) log.info({ loop: this.name, task: task.name }, 'background task recovered');
      } catch (error) {
        if (this.failing.has(task.name)) continue;
        this.failing.add(task.name);
        if (error instanceof OmsError && error.code === 'UNAVAILABLE') log.info({ loop: this.name, task: task.name, reason: error.message }, 'background task waits for the hub');
        else log.warn({ err: error, loop: this.name, task: task.name }, 'background task failed; retrying every round');
      }
    }
  }
}
