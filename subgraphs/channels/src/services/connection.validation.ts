// Input rules for adding and changing channel connections (the connector's own config rules come
// from its manifest). Errors name the field, e.g. `input.syncIntervalSeconds`.
import { z } from 'zod';

const sku = z.string().trim().min(1, 'must not be empty').max(200);

export const addConnectionInput = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  kind: z.string().trim().min(1, 'is required'),
  channel: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, dots, dashes or underscores (it is the Order.channel of every imported order)'),
  config: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }),
  stockBuffer: z.number().int('must be a whole number').min(0, 'must not be negative').max(1_000_000).nullish(),
  syncIntervalSeconds: z.number().int('must be a whole number').min(5, 'must be at least 5 seconds').max(86_400, 'must be at most 86400 (a day)').nullish(),
  webhookSecret: z.string().min(1, 'must not be empty').max(1000).nullish(),
  skus: z.array(sku).max(100_000).nullish(),
  locationMap: z.record(z.string().min(1), z.string().min(1, 'must be a channel location id'), { error: 'must be an object of hub location id → channel location id' }).nullish(),
});
export type AddConnectionInput = z.input<typeof addConnectionInput>;

export const updateConnectionInput = addConnectionInput.omit({ kind: true, channel: true, config: true, name: true }).extend({
  name: z.string().trim().min(1, 'must not be empty').max(100).nullish(),
  config: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }).nullish(),
});
export type UpdateConnectionInput = z.input<typeof updateConnectionInput>;

export const DEFAULT_SYNC_INTERVAL_SECONDS = 60;
