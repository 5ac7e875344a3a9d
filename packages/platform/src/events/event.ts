// Domain events: `domain.entity.verb` in the past tense, about one aggregate, with a resumable cursor.
import { randomUUID } from 'node:crypto';
import { checkEventPayload } from '@oms/contracts';

export interface OutboxEvent {
  /** Globally unique; relaying the same event twice stores it once. */
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  /** Version of the type's contract (@oms/contracts) the payload follows; absent for types without one. */
  version?: number;
  actor: string;
  at: Date;
}

export interface StoredEvent extends OutboxEvent {
  /** Position in this subgraph's log: strictly increasing, no gaps visible to readers. */
  seq: number;
}

/**
 * Every event is built here, before it joins an outbox: its payload is checked against the type's
 * contract, so an event that breaks its contract fails the write that makes it (EventContractError,
 * naming the type and the field) instead of reaching the log and its readers.
 */
export function newEvent(type: string, aggregateType: string, aggregateId: string, payload: Record<string, unknown>, actor: string, at = new Date()): OutboxEvent {
  const version = checkEventPayload(type, payload);
  return { id: randomUUID(), type, aggregateType, aggregateId, payload, ...(version === null ? {} : { version }), actor, at };
}

/** Cursors are opaque to clients: the log's name and a position. */
export function encodeEventCursor(log: string, seq: number): string {
  return Buffer.from(`${log}:${seq}`).toString('base64url');
}

export function decodeEventCursor(cursor: string): { log: string; seq: number } | null {
  const match = /^([a-z]+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { log: match[1], seq: Number(match[2]) } : null;
}
