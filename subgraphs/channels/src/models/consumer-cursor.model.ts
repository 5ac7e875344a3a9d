// Where each consumer of a hub event log (inventory, fulfillment) has got to, one document per
// consumer, so a restart resumes after the last handled event.
import { Schema, type Connection, type Model } from 'mongoose';

export interface ConsumerCursorRecord {
  /** Consumer name, e.g. `stock-pushes`. */
  _id: string;
  cursor: string | null;
  updatedAt?: Date;
}

export type ConsumerCursorModel = Model<ConsumerCursorRecord>;

const consumerCursorSchema = new Schema<ConsumerCursorRecord>(
  { _id: { type: String, required: true }, cursor: { type: String, default: null } },
  { timestamps: { createdAt: false, updatedAt: true }, collection: 'consumer_cursors', versionKey: false },
);

export function consumerCursorModel(connection: Connection): ConsumerCursorModel {
  return (connection.models.ConsumerCursor as ConsumerCursorModel | undefined) ?? connection.model<ConsumerCursorRecord>('ConsumerCursor', consumerCursorSchema);
}
