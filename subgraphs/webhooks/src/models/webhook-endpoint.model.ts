// Webhook endpoints: where to POST, which events, which channels, and the signing secret (encrypted:
// it must stay usable to sign, so it cannot be hashed). Owners are looked up by equality.
import { Schema, type Connection, type Model } from 'mongoose';
import type { Role } from '@oms/platform';

/** The identity that registered the endpoint; the payload's selection is resolved with its scope. */
export interface WebhookOwnerRecord {
  subject: string;
  role: Role;
  channels: string[];
  customerId?: string | null;
  keyId?: string | null;
}

export interface WebhookEndpointRecord {
  _id: string;
  url: string;
  eventTypes: string[];
  selection: string | null;
  /** Empty: every channel (back-office owners only). */
  channels: string[];
  active: boolean;
  /** AES-256-GCM, see SecretBox in @oms/platform. */
  secretCiphertext: string;
  secretPrefix: string;
  owner: WebhookOwnerRecord;
  ownerSubject: string;
  /** e.g. `partner:key_1f3a`. */
  ownerName: string;
  createdAt: Date;
  updatedAt: Date;
}

const ownerSchema = new Schema<WebhookOwnerRecord>(
  { subject: { type: String, required: true }, role: { type: String, required: true }, channels: { type: [String], default: [] }, customerId: String, keyId: String },
  { _id: false },
);

const endpointSchema = new Schema<WebhookEndpointRecord>(
  {
    _id: String,
    url: { type: String, required: true },
    eventTypes: { type: [String], required: true },
    selection: { type: String, default: null },
    channels: { type: [String], default: [] },
    active: { type: Boolean, required: true },
    secretCiphertext: { type: String, required: true },
    secretPrefix: { type: String, required: true },
    owner: { type: ownerSchema, required: true },
    ownerSubject: { type: String, required: true },
    ownerName: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'webhook_endpoints', versionKey: false, minimize: false },
);
endpointSchema.index({ active: 1 });
endpointSchema.index({ ownerSubject: 1 });

export type WebhookEndpointModel = Model<WebhookEndpointRecord>;

export function webhookEndpointModel(connection: Connection): WebhookEndpointModel {
  return (connection.models.WebhookEndpoint as WebhookEndpointModel | undefined) ?? connection.model<WebhookEndpointRecord>('WebhookEndpoint', endpointSchema);
}
