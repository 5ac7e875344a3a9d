// Every event type the hub's logs carry, with its current contract. Producers check a payload before
// the event joins an outbox (`checkEventPayload`, called by the platform's `newEvent`), so a bad event
// fails the write that makes it; consumers read events with `parseEvent` and get typed payloads.
import type { z } from 'zod';
import { EventContractError, type EventContract } from './define-event';
import { FULFILLMENT_EVENT_CONTRACTS } from './fulfillment';
import { INVENTORY_EVENT_CONTRACTS, STOCK_EVENT_TYPES, type StockEventType } from './inventory';
import { ORDER_EVENT_CONTRACTS } from './orders';

export const EVENT_CONTRACTS = [...ORDER_EVENT_CONTRACTS, ...INVENTORY_EVENT_CONTRACTS, ...FULFILLMENT_EVENT_CONTRACTS];

type AnyContract = (typeof EVENT_CONTRACTS)[number];
export type EventType = AnyContract['type'];
/** The payload schema of `T` (a contract may stand for several types sharing one schema). */
type PayloadSchemaOf<T, C = AnyContract> = C extends { type: infer U; payload: infer P extends z.ZodType } ? (T extends U ? P : never) : never;
export type EventPayload<T extends EventType> = z.infer<PayloadSchemaOf<T>>;
/** An event whose payload follows its contract, narrowed by `type`. */
export type ContractedEvent = { [T in EventType]: { type: T; version: number; payload: EventPayload<T> } }[EventType];

/**
 * Domains whose events all have contracts: a type in one of them without a contract is refused (a
 * typo, or a new event nobody described). Types of other domains (tests' `test.thing.changed`) pass.
 */
export const CONTRACTED_DOMAINS: readonly string[] = [...new Set(EVENT_CONTRACTS.map((contract) => contract.type.split('.')[0]))];

const byType = new Map<string, EventContract>(EVENT_CONTRACTS.map((contract) => [contract.type, contract]));

export function contractOf(type: string): EventContract | undefined {
  return byType.get(type);
}

export function isContractedDomain(type: string): boolean {
  return CONTRACTED_DOMAINS.includes(type.split('.')[0]);
}

/**
 * Throws EventContractError when `payload` does not follow the contract of `type`, or when `type`
 * belongs to a contracted domain but has no contract. Returns the contract's version (null: the type
 * has none). The payload itself is left as given: producers store what they built.
 */
export function checkEventPayload(type: string, payload: unknown): number | null {
  const contract = byType.get(type);
  if (!contract) {
    if (isContractedDomain(type)) throw new EventContractError(type, 0, 'type', [{ field: 'type', message: `${type} has no contract in @oms/contracts` }]);
    return null;
  }
  const result = contract.payload.safeParse(payload);
  if (!result.success) throw EventContractError.fromZod(type, contract.version, result.error);
  return contract.version;
}

/**
 * Reads an event with the contract of its type: null for a type without a contract, the typed event
 * otherwise; EventContractError when its payload does not follow the contract. Events stored before
 * versions were recorded are version 1.
 */
export function parseEvent(event: { type: string; version?: number | null; payload?: unknown }): ContractedEvent | null {
  const contract = byType.get(event.type);
  if (!contract) return null;
  const version = event.version ?? 1;
  if (version !== contract.version) throw new EventContractError(event.type, version, 'version', [{ field: 'version', message: `this reader knows version ${contract.version} only` }]);
  const result = contract.payload.safeParse(event.payload ?? {});
  if (!result.success) throw EventContractError.fromZod(event.type, version, result.error);
  return { type: event.type, version, payload: result.data } as ContractedEvent;
}

export function isStockEvent(event: ContractedEvent | null): event is Extract<ContractedEvent, { type: StockEventType }> {
  return !!event && (STOCK_EVENT_TYPES as readonly string[]).includes(event.type);
}
