// Input rules for webhook endpoints; violations become BAD_USER_INPUT naming the field.
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
