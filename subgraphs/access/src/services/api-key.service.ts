// Creating, revoking and resolving API keys. The secret is returned once at creation; afterwards
// only its hash exists, so a leaked database does not leak usable keys.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { badInput, fromZodError, normalizeChannels, notFound, type Identity, type Role } from '@oms/platform';
import type { ApiKeyModel, ApiKeyRecord } from '../models/api-key.model';

const KEY_PREFIX = 'oms_';
/** lastUsedAt is informational: writing it on every request would cost a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

const createInput = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  role: z.enum(['ADMIN', 'STAFF', 'PARTNER', 'CUSTOMER', 'SERVICE']),
  channels: z.array(z.string().trim().min(1).max(100)).max(100).nullish(),
  customerId: z.string().trim().min(1).max(100).nullish(),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000).nullish(),
});
export type CreateApiKeyInput = z.input<typeof createInput>;

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function newKeySecret(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export interface ApiKeyIdentityRecord extends Identity {
  keyId: string;
  rateLimitPerMinute?: number | null;
}

export class ApiKeyService {
  constructor(private readonly keys: ApiKeyModel) {}

  async create(raw: CreateApiKeyInput, createdBy: string, secret = newKeySecret()): Promise<{ apiKey: ApiKeyRecord; secret: string }> {
    const parsed = createInput.safeParse(raw);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    const channels = normalizeChannels(input.channels ?? []);
    if (input.role === 'PARTNER' && channels.length === 0) throw badInput('input.channels', 'a PARTNER key needs at least one channel');
    if (input.role !== 'PARTNER' && channels.length > 0) throw badInput('input.channels', `only PARTNER keys are scoped to channels, not ${input.role}`);
    if (input.role === 'CUSTOMER' && !input.customerId) throw badInput('input.customerId', 'a CUSTOMER key needs the customer it is');
    if (input.role !== 'CUSTOMER' && input.customerId) throw badInput('input.customerId', `only CUSTOMER keys name a customer, not ${input.role}`);
    const apiKey = await this.keys.create({
      _id: `key_${randomBytes(8).toString('hex')}`,
      name: input.name,
      role: input.role as Role,
      channels,
      customerId: input.customerId ?? null,
      hash: hashKey(secret),
      prefix: secret.slice(0, 10),
      rateLimitPerMinute: input.rateLimitPerMinute ?? null,
      createdAt: new Date(),
      createdBy,
    });
    return { apiKey: apiKey.toObject(), secret };
  }

  async revoke(id: string): Promise<ApiKeyRecord> {
    const key = await this.keys.findOneAndUpdate({ _id: id, revokedAt: null }, { $set: { revokedAt: new Date() } }, { new: true }).lean<ApiKeyRecord>();
    if (key) return key;
    const existing = await this.keys.findById(id).lean<ApiKeyRecord>();
    if (!existing) throw notFound('ApiKey', id, 'id');
    return existing;
  }

  list(includeRevoked: boolean): Promise<ApiKeyRecord[]> {
    return this.keys.find(includeRevoked ? {} : { revokedAt: null }).sort({ createdAt: -1 }).lean<ApiKeyRecord[]>().exec();
  }

  /** The identity of an active key, or null (unknown or revoked). */
  async resolve(secret: string): Promise<ApiKeyIdentityRecord | null> {
    const key = await this.keys.findOne({ hash: hashKey(secret) }).lean<ApiKeyRecord>();
    if (!key || key.revokedAt) return null;
    const now = Date.now();
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      void this.keys.updateOne({ _id: key._id }, { $set: { lastUsedAt: new Date(now) } }).exec().catch(() => undefined);
    }
    return { subject: key._id, role: key.role, channels: key.channels, customerId: key.customerId ?? undefined, keyId: key._id, rateLimitPerMinute: key.rateLimitPerMinute };
  }

  /**
   * At start: makes sure an admin can get in. A configured key (OMS_BOOTSTRAP_ADMIN_KEY) is stored
   * if new; without one, the first start creates an admin key and returns it to be printed once.
   */
  async bootstrapAdmin(configuredKey?: string): Promise<{ createdKey?: string }> {
    if (configuredKey) {
      if (configuredKey.length < 24) throw new Error('OMS_BOOTSTRAP_ADMIN_KEY must be at least 24 characters (use a long random string)');
      if (await this.keys.exists({ hash: hashKey(configuredKey) })) return {};
      await this.create({ name: 'bootstrap admin (OMS_BOOTSTRAP_ADMIN_KEY)', role: 'ADMIN' }, 'system:bootstrap', configuredKey);
      return {};
    }
    if (await this.keys.exists({ role: 'ADMIN', revokedAt: null })) return {};
    const { secret } = await this.create({ name: 'bootstrap admin (first start)', role: 'ADMIN' }, 'system:bootstrap');
    return { createdKey: secret };
  }
}
