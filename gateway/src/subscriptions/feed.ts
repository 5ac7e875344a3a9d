// One subscription's stream of results, as the async generator graphql-ws iterates. With `after` it
// first replays the durable log from that cursor, a page at a time as the connection has room, and
// joins the live tailer only once it has caught up with it: the switch happens in one synchronous
// step at a known position, and live events at or before the last replayed seq are skipped, so the
// seam has no gap and no duplicate (and nothing is buffered while the replay runs).
// Results are computed when an event arrives (subscribers sharing selection and scope share them)
// and handed over strictly in log order. Replay pages and delivery-time fetches are paid from the
// key's budget (budget.ts): a replay over events the caller may not see costs it one request a page.
import { isInternal, OmsError } from '@oms/platform';
import type { ExecutionResult } from 'graphql';
import { createLogger } from '@oms/platform';
import type { AuthenticatedIdentity } from '../auth/authenticate';
import type { SubscriptionBudget } from './budget';
import type { EventResolver, PreparedSubscription } from './event-resolver';
import type { EventLogReader, LogEvent, LogName } from './log-events';
import { canReceive, type OrderScopes } from './scope';
import type { Session, SessionFeed } from './session';
import type { LogTailer } from './tailer';

const log = createLogger('gateway.subscriptions.feed');

export interface FeedDeps {
  tailers: Record<LogName, LogTailer>;
  reader: EventLogReader;
  resolver: EventResolver;
  scopes: OrderScopes;
  budget: SubscriptionBudget;
  replayPageSize: number;
}

interface Waiting {
  seq: number;
  result: Promise<ExecutionResult | null>;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

export class SubscriptionFeed implements AsyncGenerator<ExecutionResult, undefined>, SessionFeed {
  private readonly queue: Waiting[] = [];
  /** The last seq this feed has looked at (delivered, filtered out, or queued). */
  private position = 0;
  private done = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private unlisten: (() => void) | null = null;
  private signalEnded!: () => void;
  private readonly ended = new Promise<null>((resolve) => (this.signalEnded = () => resolve(null)));

  constructor(
    private readonly deps: FeedDeps,
    private readonly subscription: PreparedSubscription,
    private readonly session: Session,
    private readonly identity: AuthenticatedIdentity,
    afterSeq: number | null,
  ) {
    session.feeds.add(this);
    void this.run(afterSeq).catch((error: Error) => {
      this.failure = error;
      this.wakeConsumer();
    });
  }

  get live(): boolean {
    return this.unlisten !== null && !this.done;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    for (;;) {
      if (this.failure) {
        const failure = this.failure;
        this.end();
        throw failure;
      }
      if (this.done) return DONE;
      const item = this.queue.shift();
      if (!item) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      this.session.release();
      const result = await Promise.race([item.result, this.ended]);
      if (this.done) return DONE;
      if (result) return { done: false, value: result };
    }
  }

  async return(): Promise<IteratorReturnResult<undefined>> {
    this.end();
    return DONE;
  }

  async throw(error: unknown): Promise<IteratorReturnResult<undefined>> {
    this.end();
    throw error;
  }

  /** Stops the feed: the consumer's next() answers done, so graphql-ws sends `complete`. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.unlisten?.();
    this.session.release(this.queue.length);
    this.queue.length = 0;
    this.session.feeds.delete(this);
    this.signalEnded();
    this.wakeConsumer();
  }

  private wakeConsumer(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private async run(afterSeq: number | null): Promise<void> {
    const tailer = this.deps.tailers[this.subscription.topic.log];
    await tailer.ready();
    if (this.done) return;
    if (afterSeq === null) {
      this.goLive(tailer, tailer.position);
      return;
    }
    this.position = afterSeq;
    const need = Math.max(1, Math.min(this.deps.replayPageSize, Math.floor(this.session.replayBudget / 2)));
    let failures = 0;
    while (!this.done) {
      await this.session.waitForReplayRoom(need);
      if (this.done) return;
      // Each page is a read of the log on the caller's behalf, whatever it holds for them.
      if (!(await this.deps.budget.spend(this.identity, this.ended))) return;
      let page;
      try {
        page = await this.deps.reader.page(tailer.name, this.position, Math.max(1, Math.min(this.deps.replayPageSize, this.session.replayRoom)));
        failures = 0;
      } catch (error) {
        failures += 1;
        if (failures >= 5) throw new OmsError('UNAVAILABLE', `Replaying the ${tailer.name} event log failed: ${(error as Error).message}`, { field: 'after' });
        await new Promise((resolve) => setTimeout(resolve, 300 * failures));
        continue;
      }
      if (this.done) return;
      for (const event of page.events) this.offer(event, false);
      this.position = Math.max(this.position, page.position);
      // Caught up with the tailer: switch to live right here, in the same tick as the check.
      if (!page.hasMore && this.position >= tailer.position) {
        this.goLive(tailer, this.position);
        return;
      }
    }
  }

  private goLive(tailer: LogTailer, position: number): void {
    this.position = position;
    this.unlisten = tailer.listen((event) => this.offer(event, true));
  }

  private offer(event: LogEvent, live: boolean): void {
    if (this.done || event.seq <= this.position) return;
    this.position = event.seq;
    const { topic, args } = this.subscription;
    if (!topic.accepts(event, args)) return;
    const visible = this.visibility(event);
    if (visible === false) return;
    if (!this.session.hold(live)) return;
    const resolve = () => this.deliver(event, live);
    const result =
      visible === true
        ? resolve()
        : visible.then(
            (ok) => (ok ? resolve() : null),
            (error: Error): ExecutionResult => {
              log.warn({ err: error, seq: event.seq, log: event.log }, 'cannot check who may see an event');
              return { errors: [new OmsError('UNAVAILABLE', `Could not check access to this event: ${error.message}`)], extensions: { cursor: topic.values(event).cursor } };
            },
          );
    this.queue.push({ seq: event.seq, result });
    this.wakeConsumer();
  }

  /**
   * The result for one event. A selection that fetches entities costs a request of the key's budget:
   * a replay waits for it, a live event over budget is a RATE_LIMITED error carrying its cursor.
   */
  private async deliver(event: LogEvent, live: boolean): Promise<ExecutionResult | null> {
    if (this.subscription.plan.fetch) {
      if (!live) {
        if (!(await this.deps.budget.spend(this.identity, this.ended))) return null;
      } else {
        const refusal = await this.deps.budget.trySpend(this.identity);
        if (refusal) {
          const cursor = this.subscription.topic.values(event).cursor;
          const message = `This event was not resolved: each event whose selection fetches ${Object.keys(this.subscription.topic.entities).join(' or ')} costs a request: ${refusal.message}. Its cursor is in extensions.cursor: resubscribe with \`after\` the cursor before it to receive it again`;
          return { errors: [new OmsError('RATE_LIMITED', message, { ...refusal.extensions, cursor })], extensions: { cursor } };
        }
      }
    }
    return this.deps.resolver.resolve(this.subscription, this.identity, event);
  }

  /** Whether this subscriber may see the event: at once when the event says, else after a lookup. */
  private visibility(event: LogEvent): boolean | Promise<boolean> {
    const orderIdOf = this.subscription.topic.orderIdOf;
    if (!orderIdOf || isInternal(this.identity)) return true;
    if (event.log === 'orders' && typeof event.payload.channel === 'string') {
      return canReceive(this.identity, { channel: event.payload.channel, customerId: (event.payload.customerId as string | null | undefined) ?? null });
    }
    const orderId = orderIdOf(event);
    if (!orderId) return false;
    return this.deps.scopes.get(orderId).then((scope) => canReceive(this.identity, scope));
  }
}
