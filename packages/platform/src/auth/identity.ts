// Who is asking: the identity every request carries from the gateway to the subgraphs, and the
// scope rules each role brings (partners see their channels, customers their own orders).
import { OmsError } from '../errors';

export const ROLES = ['ADMIN', 'STAFF', 'PARTNER', 'CUSTOMER', 'SERVICE'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  /** Stable id of the caller: an API key id, a JWT `sub`, a service name. */
  subject: string;
  role: Role;
  /** PARTNER only: the channels it may see and write. */
  channels: string[];
  /** CUSTOMER only: the customer record it is. */
  customerId?: string;
  /** The API key it authenticated with, when it did. */
  keyId?: string;
}

/** Orders store channels lower-case; identities name them the same way whatever the key or token said. */
export function normalizeChannels(channels: readonly string[]): string[] {
  return [...new Set(channels.map((channel) => channel.trim().toLowerCase()).filter(Boolean))];
}

/** Hub services calling each other (orders → inventory, the connector runtime → the graph...). */
export function serviceIdentity(name: string): Identity {
  return { subject: name, role: 'SERVICE', channels: [] };
}

/** The name recorded in ledgers and histories, e.g. `admin:key_1f3a`, `service:orders`. */
export function actorName(identity: Identity): string {
  return `${identity.role.toLowerCase()}:${identity.subject}`;
}

/** Roles that see and manage everything (back office and hub services). */
export function isInternal(identity: Identity): boolean {
  return identity.role === 'ADMIN' || identity.role === 'STAFF' || identity.role === 'SERVICE';
}

export function unauthenticated(message = 'Authentication required: send `Authorization: Bearer <API key or JWT>`'): OmsError {
  return new OmsError('UNAUTHENTICATED', message);
}

export function forbidden(message: string): OmsError {
  return new OmsError('FORBIDDEN', message);
}

/** Whether the caller may see an order (or anything belonging to it) on `channel` for `customerId`. */
export function canAccessOrder(identity: Identity, order: { channel: string; customerId?: string | null }): boolean {
  if (isInternal(identity)) return true;
  if (identity.role === 'PARTNER') return normalizeChannels(identity.channels).includes(order.channel.toLowerCase());
  if (identity.role === 'CUSTOMER') return !!identity.customerId && String(order.customerId ?? '') === identity.customerId;
  return false;
}

export function assertOrderAccess(identity: Identity, order: { channel: string; customerId?: string | null }, what = 'this order'): void {
  if (!canAccessOrder(identity, order)) throw forbidden(`${identity.role} ${identity.subject} may not access ${what}`);
}

/** A filter narrowing order queries to what the caller may see (`{}` for back office). */
export function orderScopeFilter(identity: Identity): { channel?: { $in: string[] }; customerId?: string } {
  if (isInternal(identity)) return {};
  if (identity.role === 'PARTNER') return { channel: { $in: normalizeChannels(identity.channels) } };
  if (identity.role === 'CUSTOMER') return { customerId: identity.customerId ?? '__none__' };
  return { customerId: '__none__' };
}

/** Whether the caller may write for `channel` (place or import orders there). */
export function assertChannelAccess(identity: Identity, channel: string): void {
  if (isInternal(identity) || identity.role === 'CUSTOMER') return;
  if (identity.role === 'PARTNER' && normalizeChannels(identity.channels).includes(channel.trim().toLowerCase())) return;
  throw forbidden(`${identity.role} ${identity.subject} may not act on channel ${JSON.stringify(channel)}`);
}
