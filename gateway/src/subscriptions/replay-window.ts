// How far back a subscription may replay: a cursor at most `maxReplayEvents` behind the end of its
// log. A replay reads the whole log from the cursor (everyone's events, not only the subscriber's),
// so a cursor from long ago would make the gateway and a subgraph read without end; such a cursor is
// refused at subscribe time with what to do instead, never replayed in part.
import { OmsError } from '@oms/platform';
import type { LogName } from './log-events';

/** Where a subscriber catches up when its cursor is too old: the current state, and the log itself for the back office. */
const CATCH_UP: Record<LogName, { state: string; events: string }> = {
  orders: { state: 'the `orders` query', events: 'orderEvents' },
  inventory: { state: 'the `inventoryItems` query', events: 'inventoryEvents' },
  fulfillment: { state: 'the `order { shipments }` query', events: 'fulfillmentEvents' },
};

/** The refusal for replaying `log` from `afterSeq` when its end is at `head`; null when the cursor is recent enough. */
export function refuseReplayWindow(log: LogName, afterSeq: number, head: number, maxReplayEvents: number): OmsError | null {
  const behind = head - afterSeq;
  if (behind <= maxReplayEvents) return null;
  const { state, events } = CATCH_UP[log];
  return new OmsError(
    'BAD_USER_INPUT',
    `after: this cursor is ${behind} events behind the end of the ${log} event log; a subscription replays at most ${maxReplayEvents}. ` +
      `Subscribe without \`after\` to receive changes from now on and read what you missed with ${state} ` +
      `(back office and hub services: page \`${events}(after:)\` from this cursor, then subscribe with \`after\` set to the last cursor it returned)`,
    { field: 'after', behind, maxReplayEvents },
  );
}
