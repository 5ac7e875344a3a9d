// Hold rules: data, not code. Each is a json-rules-engine condition over order facts; a new order
// matching any enabled rule goes ON_HOLD with the rule's reason.
import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface HoldRuleRecord {
  _id: Types.ObjectId;
  /** Unique; an upsert without id replaces the rule with the same name. */
  name: string;
  reason: string;
  enabled: boolean;
  /** json-rules-engine `conditions` (`all` / `any` / `not` / `condition`). */
  conditions: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export type HoldRuleModel = Model<HoldRuleRecord>;

const holdRuleSchema = new Schema<HoldRuleRecord>(
  {
    name: { type: String, required: true },
    reason: { type: String, required: true },
    enabled: { type: Boolean, required: true, default: true },
    conditions: { type: Schema.Types.Mixed, required: true },
  },
  { timestamps: true, collection: 'hold_rules', minimize: false },
);
holdRuleSchema.index({ name: 1 }, { unique: true });

export function holdRuleModel(connection: Connection): HoldRuleModel {
  return (connection.models.HoldRule as HoldRuleModel | undefined) ?? connection.model<HoldRuleRecord>('HoldRule', holdRuleSchema);
}
