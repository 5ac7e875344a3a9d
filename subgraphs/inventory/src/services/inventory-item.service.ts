// Inventory item logic: find, page and upsert SKUs.
import { badInput, fromZodError, KeyedLock, paginate, type PageArgs } from '@oms/platform';
import type { InventoryItemModel, InventoryItemRecord } from '../models/inventory-item.model';
import { upsertInventoryItemSchema } from './inventory.validation';

export interface InventoryItemListArgs extends PageArgs {
  filter?: { skus?: string[] | null; active?: boolean | null } | null;
}

const MAX_FILTER_SKUS = 1000;

export class InventoryItemService {
  // Upserts are serialised per SKU: FerretDB v1 does not isolate concurrent writes of one document.
  private readonly lock = new KeyedLock();

  constructor(private readonly items: InventoryItemModel) {}

  async list(args: InventoryItemListArgs) {
    const filter: Record<string, unknown> = {};
    const skus = args.filter?.skus;
    if (skus) {
      if (skus.length > MAX_FILTER_SKUS) throw badInput('filter.skus', `must list at most ${MAX_FILTER_SKUS} SKUs`);
      filter.sku = { $in: skus };
    }
    if (typeof args.filter?.active === 'boolean') filter.active = args.filter.active;
    return paginate<InventoryItemRecord>(this.items, filter, args, { field: 'sku', direction: 1 });
  }

  async upsert(rawInput: unknown): Promise<InventoryItemRecord> {
    const parsed = upsertInventoryItemSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const { sku, active, ...fields } = parsed.data;
    // Omitted optional fields stay as they are; an explicit null clears them.
    const set: Record<string, unknown> = {};
    const unset: Record<string, ''> = {};
    for (const [key, value] of Object.entries(fields)) {
      if (value === null) unset[key] = '';
      else if (value !== undefined) set[key] = value;
    }
    if (typeof active === 'boolean') set.active = active;
    const update = {
      $set: set,
      ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
      ...(typeof active === 'boolean' ? {} : { $setOnInsert: { active: true } }),
    };
    return this.lock.run(sku, async () => {
      const saved = await this.items.findOneAndUpdate({ sku }, update, { upsert: true, returnDocument: 'after', runValidators: true }).lean<InventoryItemRecord>();
      if (!saved) throw new Error(`upsert of item ${sku} returned nothing`);
      return saved;
    });
  }
}
