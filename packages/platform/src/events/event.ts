// Domain events: `domain.entity.verb` in the past tense, about one aggregate, with a resumable cursor.
import { randomUUID } from 'node:crypto';

export interface OutboxEvent {
  /** Globally unique; relaying the same event twice stores it once. */
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  actor: string;
  at: Date;
}

export interface StoredEvent extends OutboxEvent {
  /** Position in this subgraph's log: strictly increasing, no gaps visible to readers. */
  seq: number;
}

export function newEvent(type: string, aggregateType: string, aggregateId: string, payload: Record<string, unknown>, actor: string, at = new Date()): OutboxEvent {
  return { id: randomUUID(), type, aggregateType, aggregateId, payload, actor, at };
}

/** Cursors are opaque to clients: the log's name and a position. */
export function encodeEventCursor(log: string, seq: number): string {
  return Buffer.from(`${log}:${seq}`).toString('base64url');
}

export function decodeEventCursor(cursor: string): { log: string; seq: number } | null {
  const match = /^([a-z]+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { log: match[1], seq: Number(match[2]) } : null;
}
