// Where the dispatcher has got to in each event log it follows (one document per log), so a restart
// resumes from the last fanned-out page instead of the beginning.
import { Schema, type Connection, type Model } from 'mongoose';

export interface DispatchCursorRecord {
  /** Log name: `orders`, `fulfillment`, `inventory`. */
  _id: string;
  cursor: string | null;
  updatedAt?: Date;
}

export type DispatchCursorModel = Model<DispatchCursorRecord>;

const cursorSchema = new Schema<DispatchCursorRecord>(
  { _id: { type: String, required: true }, cursor: { type: String, default: null } },
  { timestamps: { createdAt: false, updatedAt: true }, collection: 'webhook_cursors', versionKey: false },
);

export function dispatchCursorModel(connection: Connection): DispatchCursorModel {
  return (connection.models.DispatchCursor as DispatchCursorModel | undefined) ?? connection.model<DispatchCursorRecord>('DispatchCursor', cursorSchema);
}
