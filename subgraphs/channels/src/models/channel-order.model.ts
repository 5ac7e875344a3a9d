// What this runtime remembers of each order it imported: the hub order and the channel's line ids,
// which a fulfillment on the channel needs and the hub's order does not carry.
import { Schema, type Connection, type Model } from 'mongoose';

export interface ChannelOrderRecord {
  /** `<connectionId>|<channelOrderId>` */
  _id: string;
  connectionId: string;
  channelOrderId: string;
  hubOrderId: string | null;
  lines: Array<{ channelLineId: string; sku: string; quantity: number }>;
  importedAt: Date;
}

const channelOrderSchema = new Schema<ChannelOrderRecord>(
  {
    _id: String,
    connectionId: { type: String, required: true },
    channelOrderId: { type: String, required: true },
    hubOrderId: { type: String, default: null },
    lines: { type: Schema.Types.Mixed, default: [] },
    importedAt: { type: Date, required: true },
  },
  { collection: 'channel_orders', versionKey: false },
);

export const channelOrderKey = (connectionId: string, channelOrderId: string) => `${connectionId}|${channelOrderId}`;

export type ChannelOrderModel = Model<ChannelOrderRecord>;

export function channelOrderModel(connection: Connection): ChannelOrderModel {
  return (connection.models.ChannelOrder as ChannelOrderModel | undefined) ?? connection.model<ChannelOrderRecord>('ChannelOrder', channelOrderSchema);
}
