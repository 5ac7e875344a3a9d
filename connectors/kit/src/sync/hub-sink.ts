// Where the sync engine hands channel orders: the hub (through its graph, see hub/graph-sink.ts) and
// the dead-letter store. Implementations must be idempotent per channel + channelOrderId.
import type { CanonicalOrder } from '../canonical';

/** RELEASED: an order imported while the channel awaited payment became payable, and the hub's hold was lifted. */
export type UpsertOutcomeKind = 'CREATED' | 'UNCHANGED' | 'RELEASED' | 'CANCELLED' | 'FAILED';

export interface UpsertOutcome {
  channelOrderId: string;
  outcome: UpsertOutcomeKind;
  hubOrderId?: string;
  /** Why the hub refused the order (FAILED), with the hub's error code: `BAD_USER_INPUT: lines[0].sku ...`. */
  reason?: string;
}

export interface DeadLetterEntry {
  /** The record's id on the channel. */
  channelId: string;
  /** Names the field and what is wrong with it. */
  reason: string;
  /** MAP: the connector could not map it; HUB: the hub refused the mapped order. */
  stage: 'MAP' | 'HUB';
  /** The channel's raw record (MAP) or the canonical order (HUB), for a person to inspect and replay. */
  payload?: unknown;
  /** The checkpoint of the batch it came in, so a replay can start there. */
  checkpoint: string;
  at: string;
}

export interface HubSink {
  /**
   * Brings the hub in line with these channel orders: creates the ones it lacks, lifts the payment
   * hold of those the channel now lets ship, cancels the ones the channel cancelled. Record-level refusals come back as FAILED outcomes; throws when the hub cannot be
   * reached or refuses the sink's credentials (the batch is then retried as a whole later).
   */
  upsertOrders(channel: string, orders: CanonicalOrder[]): Promise<UpsertOutcome[]>;
  deadLetter(channel: string, entries: DeadLetterEntry[]): Promise<void>;
}
