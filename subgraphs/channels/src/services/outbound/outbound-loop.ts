// The outbound side: read the inventory and fulfillment logs into the push queues, then push. Each
// side is woken by the hub's event notices that concern it (a short window first, so a burst of
// stock changes is one push per connection), and again when a backoff or a retry falls due; the
// timer is only a safety net (a missed notice delays, never loses).
import { BackgroundLoop, type EventBus } from '@oms/platform';
import { FulfillmentPushes } from './fulfillment-pushes';
import { StockPushes } from './stock-pushes';

/** Changes arriving within this window after a notice are pushed together. */
export const COALESCE_MS = 500;

export class OutboundLoop {
  private readonly stockLoop: BackgroundLoop;
  private readonly fulfillmentLoop: BackgroundLoop;
  private readonly detach: Array<() => void> = [];

  constructor(
    stock: StockPushes,
    fulfillments: FulfillmentPushes,
    private readonly eventBus: EventBus | undefined,
    safetyNetMs: number,
  ) {
    const options = { component: 'channels.background' };
    this.stockLoop = new BackgroundLoop(
      'outbound-stock',
      [
        { name: 'stock-events', run: () => stock.consume() },
        { name: 'stock-pushes', run: () => stock.push() },
      ],
      safetyNetMs,
      options,
    );
    this.fulfillmentLoop = new BackgroundLoop(
      'outbound-fulfillments',
      [
        { name: 'fulfillment-events', run: () => fulfillments.consume() },
        { name: 'fulfillment-pushes', run: () => fulfillments.push() },
      ],
      safetyNetMs,
      options,
    );
  }

  start(): void {
    if (this.eventBus) {
      this.detach.push(this.eventBus.subscribe('inventory', (event) => StockPushes.concerns(event) && this.stockLoop.wake(COALESCE_MS)));
      this.detach.push(this.eventBus.subscribe('fulfillment', (event) => FulfillmentPushes.concerns(event) && this.fulfillmentLoop.wake(COALESCE_MS)));
    }
    this.stockLoop.start();
    this.fulfillmentLoop.start();
  }

  /** Something to push may have been queued here (a listing changed, a connection resumed, a retry). */
  wake(): void {
    this.stockLoop.wake(COALESCE_MS);
    this.fulfillmentLoop.wake(COALESCE_MS);
  }

  async stop(): Promise<void> {
    for (const off of this.detach.splice(0)) off();
    await Promise.all([this.stockLoop.stop(), this.fulfillmentLoop.stop()]);
  }
}
