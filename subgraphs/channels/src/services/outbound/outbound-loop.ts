// The outbound side in one loop: read the inventory and fulfillment logs into the push queues, then
// push. Woken by the hub's event notices (a short window first, so a burst of stock changes is one
// push per connection) and run every few seconds anyway (a missed notice delays, never loses).
import { BackgroundLoop, type EventBus } from '@oms/platform';
import type { FulfillmentPushes } from './fulfillment-pushes';
import type { StockPushes } from './stock-pushes';

/** Changes arriving within this window after a notice are pushed together. */
export const COALESCE_MS = 500;

export class OutboundLoop {
  private readonly pacer: BackgroundLoop;
  private readonly detach: Array<() => void> = [];

  constructor(
    stock: StockPushes,
    fulfillments: FulfillmentPushes,
    private readonly eventBus: EventBus | undefined,
    pollMs: number,
  ) {
    this.pacer = new BackgroundLoop(
      'outbound',
      [
        { name: 'stock-events', run: () => stock.consume() },
        { name: 'fulfillment-events', run: () => fulfillments.consume() },
        { name: 'stock-pushes', run: () => stock.push() },
        { name: 'fulfillment-pushes', run: () => fulfillments.push() },
      ],
      pollMs,
      { component: 'channels.background' },
    );
  }

  start(): void {
    if (this.eventBus) {
      this.detach.push(this.eventBus.subscribe('inventory', () => this.wake()));
      this.detach.push(this.eventBus.subscribe('fulfillment', () => this.wake()));
    }
    this.pacer.start();
  }

  wake(): void {
    this.pacer.wake(COALESCE_MS);
  }

  async stop(): Promise<void> {
    for (const off of this.detach.splice(0)) off();
    await this.pacer.stop();
  }
}
