// Customer records: one per email (stored lower-case, unique).
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Connection as Page } from '@oms/platform';

export type CustomerTier = 'STANDARD' | 'SILVER' | 'GOLD' | 'VIP';

export interface CustomerAddressRecord {
  label?: string | null;
  name?: string | null;
  company?: string | null;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode?: string | null;
  countryCode: string;
  phone?: string | null;
  isDefault: boolean;
}

export interface CustomerRecord {
  _id: Types.ObjectId;
  email: string;
  name: string;
  phone?: string | null;
  tier: CustomerTier;
  addresses: CustomerAddressRecord[];
  channelIdentities: Array<{ channel: string; externalId: string }>;
  createdAt: Date;
  updatedAt: Date;
}

export type CustomerConnectionRecord = Page<CustomerRecord>;
export type CustomerModel = Model<CustomerRecord>;

const addressSchema = new Schema<CustomerAddressRecord>(
  {
    label: String,
    name: String,
    company: String,
    line1: { type: String, required: true },
    line2: String,
    city: { type: String, required: true },
    region: String,
    postalCode: String,
    countryCode: { type: String, required: true, match: /^[A-Z]{2}$/ },
    phone: String,
    isDefault: { type: Boolean, default: false },
  },
  { _id: false },
);

const customerSchema = new Schema<CustomerRecord>(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true },
    phone: String,
    tier: { type: String, enum: ['STANDARD', 'SILVER', 'GOLD', 'VIP'], default: 'STANDARD' },
    addresses: { type: [addressSchema], default: [] },
    channelIdentities: { type: [{ channel: String, externalId: String, _id: false }], default: [] },
  },
  { timestamps: true, collection: 'customers' },
);
customerSchema.index({ email: 1 }, { unique: true });
customerSchema.index({ 'channelIdentities.channel': 1, 'channelIdentities.externalId': 1 });

export function customerModel(connection: Connection): CustomerModel {
  return (connection.models.Customer as CustomerModel | undefined) ?? connection.model<CustomerRecord>('Customer', customerSchema);
}
