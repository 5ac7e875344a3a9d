// The live feed of one event log for this gateway process: one tailer per log, shared by every
// subscription on it. Bus notices make it fast; the durable log makes it complete — a gap in `seq`
// makes it read the log from its last position at once, and a quiet log is read anyway now and then
// (every `pollIntervalMs` without a bus; with one, only as a safety net against a lost notice, at
// most every BUS_SAFETY_NET_MS), so every event is delivered, in order, once. Notices from several
// relaying processes may arrive out of order; the log's seqs never have holes, so a notice past
// `position + 1` only means "read the log".
import { createLogger, type EventBus } from '@oms/platform';
import { fromNotice, type EventLogReader, type LogEvent, type LogName } from './log-events';

const log = createLogger('gateway.subscriptions.tailer');

/** With a bus, a quiet log is read at most this often (notices carry the feed; this catches a lost one). */
export const BUS_SAFETY_NET_MS = 30_000;

export type LogListener = (event: LogEvent) => void;

export class LogTailer {
  /** The last seq dispatched to listeners: every event up to it has been seen, in order. */
  position = 0;
  private readonly listeners = new Set<LogListener>();
  private started: Promise<void> | null = null;
  private stopped = false;
  private pulling: Promise<void> | null = null;
  private pullAgain = false;
  private lastActivity = Date.now();
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private detachBus: (() => void) | null = null;

  constructor(
    readonly name: LogName,
    private readonly reader: EventLogReader,
    private readonly bus: EventBus | undefined,
    private readonly pollIntervalMs: number,
  ) {}

  /** Resolves once the head of the log is known (started on first use: no subscriber, no polling). */
  ready(): Promise<void> {
    this.started ??= this.start();
    return this.started;
  }

  listen(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Stops tailing; resolves once a read in flight has finished (before the subgraphs go away). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.detachBus?.();
    this.listeners.clear();
    await this.pulling;
  }

  private async start(): Promise<void> {
    // Notices that arrive while the head is being found are ignored: the pull after it reads them.
    this.detachBus = this.bus?.subscribe(this.name, (event) => this.accept(fromNotice(this.name, event))) ?? null;
    for (let attempt = 0; ; attempt++) {
      try {
        this.position = await this.reader.head(this.name);
        break;
      } catch (error) {
        if (this.stopped) throw error;
        log.warn({ err: error, log: this.name, attempt }, 'cannot read the head of the event log yet; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** attempt)));
      }
    }
    this.lastActivity = Date.now();
    const quiet = this.bus ? Math.max(this.pollIntervalMs, BUS_SAFETY_NET_MS) : this.pollIntervalMs;
    const tick = Math.max(50, Math.floor(Math.min(quiet, this.pollIntervalMs * 4) / 4));
    this.timer = setInterval(() => {
      const backoff = Math.min(30_000, this.pollIntervalMs * 2 ** Math.min(this.failures, 5));
      if (Date.now() - this.lastActivity >= (this.failures ? backoff : quiet)) this.pull();
    }, tick);
    this.timer.unref();
    // Events stored while the head was being found had their notices ignored: read them now.
    this.pull();
    log.debug({ log: this.name, position: this.position, bus: this.bus?.kind ?? 'none' }, 'tailing event log');
  }

  /** A notice must follow `position` directly; a page of the log is authoritative about what exists. */
  private accept(event: LogEvent, fromLog = false): void {
    if (this.stopped || !this.timer) return;
    if (event.seq <= this.position) return;
    if (!fromLog && event.seq > this.position + 1) {
      // A notice was lost (or is still on its way): the log has what is missing.
      this.pull();
      return;
    }
    this.position = event.seq;
    this.lastActivity = Date.now();
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        log.error({ err: error, log: this.name, seq: event.seq }, 'subscription listener failed');
      }
    }
  }

  /** Reads the log from `position` to its end; one read at a time, repeated if asked meanwhile. */
  private pull(): void {
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = (async () => {
      do {
        this.pullAgain = false;
        try {
          for (;;) {
            const page = await this.reader.page(this.name, this.position, 200);
            for (const event of page.events) this.accept(event, true);
            if (!page.hasMore || this.stopped) break;
          }
          this.failures = 0;
        } catch (error) {
          this.failures += 1;
          if (this.failures === 1 || this.failures % 30 === 0) log.warn({ err: error, log: this.name, failures: this.failures }, 'reading the event log failed; retrying');
        }
        this.lastActivity = Date.now();
      } while (this.pullAgain && !this.stopped);
    })().finally(() => {
      this.pulling = null;
    });
  }
}
