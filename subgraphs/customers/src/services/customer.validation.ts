// Input rules for customers; violations become BAD_USER_INPUT naming the field.
import { z } from 'zod';

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: 'must be a valid email address' }));

const address = z.object({
  label: z.string().max(100).nullish(),
  name: z.string().max(200).nullish(),
  company: z.string().max(200).nullish(),
  line1: z.string().trim().min(1, 'is required').max(200),
  line2: z.string().max(200).nullish(),
  city: z.string().trim().min(1, 'is required').max(100),
  region: z.string().max(100).nullish(),
  postalCode: z.string().max(20).nullish(),
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE'),
  phone: z.string().max(40).nullish(),
  isDefault: z.boolean().nullish(),
});

export const upsertCustomerSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'must not be empty').max(200).nullish(),
  phone: z.string().max(40).nullish(),
  tier: z.enum(['STANDARD', 'SILVER', 'GOLD', 'VIP']).nullish(),
  addresses: z.array(address).max(50).nullish(),
  channelIdentities: z
    .array(z.object({ channel: z.string().trim().min(1).max(50), externalId: z.string().trim().min(1).max(200) }))
    .max(50)
    .nullish(),
  keepExisting: z.boolean().nullish(),
});

export type UpsertCustomer = z.infer<typeof upsertCustomerSchema>;
