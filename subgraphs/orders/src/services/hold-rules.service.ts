// Hold rules: stored json-rules-engine conditions (data, not code) evaluated against every new
// order's facts. Any enabled rule that matches puts the order ON_HOLD with the rule's reason.
import { badInput, conflict, createLogger, fromZodError, isObjectId, notFound } from '@oms/platform';
import { Engine, Rule } from 'json-rules-engine';
import { z } from 'zod';
import type { HoldRuleModel, HoldRuleRecord } from '../models/hold-rule.model';
import type { CustomerTier } from '../models/order.model';

const log = createLogger('orders.hold-rules');

/** What a rule can look at, for one order. Amounts are minor units. */
export interface HoldFacts {
  total: number;
  currency: string;
  countryCode: string;
  channel: string;
  customerTier: CustomerTier;
  email: string;
  lineCount: number;
  quantity: number;
}

const SAMPLE_FACTS: HoldFacts = { total: 1, currency: 'EUR', countryCode: 'DE', channel: 'web', customerTier: 'STANDARD', email: 'a@example.com', lineCount: 1, quantity: 1 };

const holdRuleInputSchema = z.object({
  id: z.string().trim().nullish(),
  name: z.string().trim().min(1, 'is required').max(100),
  reason: z.string().trim().min(1, 'is required').max(500),
  enabled: z.boolean().nullish().transform((value) => value ?? true),
  conditions: z.record(z.string(), z.unknown(), { message: 'must be a json-rules-engine conditions object' }),
});

/** Every placement evaluates the rules: the enabled ones are cached briefly (writes here clear it). */
const CACHE_MS = 5_000;

export class HoldRuleService {
  private cache: { rules: HoldRuleRecord[]; until: number } | null = null;

  constructor(private readonly rules: HoldRuleModel) {}

  list(): Promise<HoldRuleRecord[]> {
    return this.rules.find().sort({ name: 1 }).lean<HoldRuleRecord[]>().exec();
  }

  async upsert(rawInput: unknown): Promise<HoldRuleRecord> {
    const parsed = holdRuleInputSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    await assertValidConditions(input.conditions);
    const fields = { name: input.name, reason: input.reason, enabled: input.enabled, conditions: input.conditions };
    try {
      if (input.id) {
        if (!isObjectId(input.id)) throw notFound('HoldRule', input.id, 'input.id');
        const updated = await this.rules.findByIdAndUpdate(input.id, { $set: fields }, { returnDocument: 'after' }).lean<HoldRuleRecord>();
        if (!updated) throw notFound('HoldRule', input.id, 'input.id');
        this.cache = null;
        return updated;
      }
      this.cache = null;
      // Without an id the name identifies the rule, so repeating the call is harmless.
      const upserted = await this.rules.findOneAndUpdate({ name: input.name }, { $set: fields }, { upsert: true, returnDocument: 'after' }).lean<HoldRuleRecord>();
      return upserted!;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw conflict(`A hold rule named ${JSON.stringify(input.name)} exists already`, { field: 'input.name' });
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    if (!isObjectId(id)) return false;
    const result = await this.rules.deleteOne({ _id: id });
    this.cache = null;
    return result.deletedCount > 0;
  }

  /** Reasons of the enabled rules matching `facts` (empty: no hold). A broken rule is skipped, loudly. */
  async evaluate(facts: HoldFacts): Promise<string[]> {
    const rules = await this.enabledRules();
    const reasons: string[] = [];
    for (const rule of rules) {
      try {
        if (await matches(rule.conditions, facts)) reasons.push(rule.reason);
      } catch (error) {
        log.error({ err: error, rule: rule.name }, 'hold rule could not be evaluated; skipped');
      }
    }
    return [...new Set(reasons)];
  }

  private async enabledRules(): Promise<HoldRuleRecord[]> {
    if (this.cache && this.cache.until > Date.now()) return this.cache.rules;
    const rules = await this.rules.find({ enabled: true }).sort({ name: 1 }).lean<HoldRuleRecord[]>();
    this.cache = { rules, until: Date.now() + CACHE_MS };
    return rules;
  }
}

async function matches(conditions: Record<string, unknown>, facts: HoldFacts): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule(new Rule({ conditions: conditions as never, event: { type: 'hold' } }));
  const { events } = await engine.run({ ...facts });
  return events.length > 0;
}

/** A rule is checked when saved: its structure by json-rules-engine, its operators by a dry run. */
async function assertValidConditions(conditions: Record<string, unknown>): Promise<void> {
  try {
    await matches(conditions, SAMPLE_FACTS);
  } catch (error) {
    throw badInput('input.conditions', (error as Error).message);
  }
}
