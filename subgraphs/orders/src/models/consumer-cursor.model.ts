// Where each consumer of another subgraph's event log has got to (one document per consumer), so a
// restart resumes from the last handled event instead of the beginning.
import { Schema, type Connection, type Model } from 'mongoose';

export interface ConsumerCursorRecord {
  /** Consumer name, e.g. `inventory-backorders`. */
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
