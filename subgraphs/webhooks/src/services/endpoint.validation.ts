// Input rules for webhook endpoints; violations become BAD_USER_INPUT naming the field.
import { isIP } from 'node:net';
import { z } from 'zod';
import { isKnownPattern } from './event-catalog';

const url = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      const parsed = new URL(value);
      return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && !!parsed.hostname;
    } catch {
      return false;
    }
  }, 'must be an absolute http:// or https:// URL')
  .refine((value) => !/^[a-z]+:\/\/[^/]*@/i.test(value), 'must not carry credentials (the signature authenticates deliveries)');

const eventTypes = z
  .array(z.string().trim().refine(isKnownPattern, 'is not a known event type (see Query.webhookEventTypes; patterns: `orders.order.*`, `fulfillment.*`)'))
  .min(1, 'needs at least one event type')
  .max(50);

const channels = z.array(z.string().trim().min(1, 'must not be empty').max(100)).max(100);

export const registerEndpointSchema = z.object({
  url,
  eventTypes,
  selection: z.string().trim().max(10_000).nullish(),
  channels: channels.nullish(),
});

export const updateEndpointSchema = z.object({
  url: url.nullish(),
  eventTypes: eventTypes.nullish(),
  selection: z.string().trim().max(10_000).nullish(),
  channels: channels.nullish(),
  active: z.boolean().nullish(),
});

export type RegisterEndpointInput = z.infer<typeof registerEndpointSchema>;
export type UpdateEndpointInput = z.infer<typeof updateEndpointSchema>;

/**
 * Loopback, private, link-local and unique-local literals: a partner must not aim the dispatcher at
 * the hub's own network. (A host name resolving to such an address is not caught here.)
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local')) return true;
  const version = isIP(host);
  if (version === 4) {
    const [a, b] = host.split('.').map(Number);
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (version === 6) return host === '::1' || host === '::' || host.startsWith('fc') || host.startsWith('fd') || host.startsWith('fe80') || host.startsWith('::ffff:');
  return false;
}
