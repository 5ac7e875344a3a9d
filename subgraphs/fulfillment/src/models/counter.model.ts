// Named sequences (one document per sequence) for human-readable numbers such as RMA-000042.
import { Schema, type Connection, type Model } from 'mongoose';

export interface CounterRecord {
  /** Sequence name, e.g. `rma-number`. */
  _id: string;
  seq: number;
}

export type CounterModel = Model<CounterRecord>;

const counterSchema = new Schema<CounterRecord>({ _id: { type: String, required: true }, seq: { type: Number, required: true, default: 0 } }, { collection: 'counters', versionKey: false });

export function counterModel(connection: Connection): CounterModel {
  return (connection.models.Counter as CounterModel | undefined) ?? connection.model<CounterRecord>('Counter', counterSchema);
}
