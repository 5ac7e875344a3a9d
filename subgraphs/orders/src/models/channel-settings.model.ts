// Per-channel order handling. A channel without a document uses CHANNEL_DEFAULTS.
import { Schema, type Connection, type Model } from 'mongoose';

export interface ChannelSettingsRecord {
  /** The channel name, lower-case (as orders store it). */
  _id: string;
  allocationStrategy: string;
  allowPartialShipment: boolean;
  captureOnShipment: boolean;
  createdAt?: Date;
  updatedAt?: Date;
}

export const CHANNEL_DEFAULTS = {
  allocationStrategy: 'fewest-shipments-nearest',
  allowPartialShipment: true,
  captureOnShipment: false,
} as const;

export type ChannelSettingsModel = Model<ChannelSettingsRecord>;

const channelSettingsSchema = new Schema<ChannelSettingsRecord>(
  {
    _id: { type: String, required: true },
    allocationStrategy: { type: String, required: true },
    allowPartialShipment: { type: Boolean, required: true },
    captureOnShipment: { type: Boolean, required: true },
  },
  { timestamps: true, collection: 'channel_settings', versionKey: false },
);

export function channelSettingsModel(connection: Connection): ChannelSettingsModel {
  return (connection.models.ChannelSettings as ChannelSettingsModel | undefined) ?? connection.model<ChannelSettingsRecord>('ChannelSettings', channelSettingsSchema);
}
