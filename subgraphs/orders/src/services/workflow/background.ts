// The orders subgraph's background work, one round at a time on a timer (unref'd, stopped with the
// subgraph): relay leftover outboxes, resume unfinished workflows, serve backorders from Inventory's
// events, follow shipments from Fulfillment's events. A failing task (a peer is down) is retried
// next round; the others still run.
import { createLogger, OmsError } from '@oms/platform';

const log = createLogger('orders.background');

export interface BackgroundTask {
  name: string;
  run(): Promise<unknown>;
}

export class BackgroundLoop {
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private stopped = false;
  private readonly failing = new Set<string>();

  constructor(
    private readonly tasks: BackgroundTask[],
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
    this.tick();
  }

  /** Starts a round unless one is running (or the loop stopped). */
  tick(): void {
    if (this.round || this.stopped) return;
    this.round = this.runRound().finally(() => {
      this.round = null;
    });
  }

  /** Stops the timer and waits for the round in progress, so nothing touches a closed connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.round;
  }

  private async runRound(): Promise<void> {
    for (const task of this.tasks) {
      if (this.stopped) return;
      try {
        await task.run();
        if (this.failing.delete(task.name)) log.info({ task: task.name }, 'background task recovered');
      } catch (error) {
        // Log a failure once, not every second while a peer is down.
        if (this.failing.has(task.name)) continue;
        this.failing.add(task.name);
        if (error instanceof OmsError && error.code === 'UNAVAILABLE') log.info({ task: task.name, reason: error.message }, 'background task waits for a peer');
        else log.warn({ err: error, task: task.name }, 'background task failed; retrying every round');
      }
    }
  }
}
