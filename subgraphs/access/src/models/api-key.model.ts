// API keys: only a SHA-256 of each key is stored (keys are 256-bit random, so a fast hash is enough);
// lookups are by equality on that hash.
import { Schema, type Connection, type Model } from 'mongoose';
import type { Role } from '@oms/platform';

export interface ApiKeyRecord {
  _id: string;
  name: string;
  role: Role;
  channels: string[];
  customerId?: string | null;
  hash: string;
  prefix: string;
  rateLimitPerMinute?: number | null;
  createdAt: Date;
  createdBy: string;
  revokedAt?: Date | null;
  lastUsedAt?: Date | null;
}

const apiKeySchema = new Schema<ApiKeyRecord>(
  {
    _id: String,
    name: { type: String, required: true },
    role: { type: String, required: true },
    channels: { type: [String], default: [] },
    customerId: String,
    hash: { type: String, required: true },
    prefix: { type: String, required: true },
    rateLimitPerMinute: Number,
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    revokedAt: Date,
    lastUsedAt: Date,
  },
  { collection: 'api_keys', versionKey: false },
);
apiKeySchema.index({ hash: 1 }, { unique: true });
apiKeySchema.index({ role: 1, revokedAt: 1 });

export type ApiKeyModel = Model<ApiKeyRecord>;

export function apiKeyModel(connection: Connection): ApiKeyModel {
  return (connection.models.ApiKey as ApiKeyModel | undefined) ?? connection.model<ApiKeyRecord>('ApiKey', apiKeySchema);
}
