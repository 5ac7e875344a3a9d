// Location logic: list locations and upsert them by their unique code.
import { fromZodError, KeyedLock } from '@oms/platform';
import type { LocationModel, LocationRecord } from '../models/location.model';
import type { LocationCache } from './allocation/location-cache';
import { upsertLocationSchema } from './inventory.validation';

const DEFAULT_PRIORITY = 100;

export class LocationService {
  // Upserts are serialised per code: FerretDB v1 does not isolate concurrent writes of one document.
  private readonly lock = new KeyedLock();

  constructor(
    private readonly locations: LocationModel,
    /** Routing's copy of the active locations, cleared by every upsert. */
    private readonly routing?: LocationCache,
  ) {}

  /** Every location (or only active ones), by priority then code. */
  list(activeOnly: boolean): Promise<LocationRecord[]> {
    return this.locations
      .find(activeOnly ? { active: true } : {})
      .sort({ priority: 1, code: 1 })
      .lean<LocationRecord[]>()
      .exec();
  }

  async upsert(rawInput: unknown): Promise<LocationRecord> {
    const parsed = upsertLocationSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const { code, priority, active, ...fields } = parsed.data;
    // Omitted priority/active keep their value on update and take the defaults on creation.
    const set: Record<string, unknown> = { ...fields };
    const setOnInsert: Record<string, unknown> = {};
    if (typeof priority === 'number') set.priority = priority;
    else setOnInsert.priority = DEFAULT_PRIORITY;
    if (typeof active === 'boolean') set.active = active;
    else setOnInsert.active = true;
    const update = { $set: set, ...(Object.keys(setOnInsert).length > 0 ? { $setOnInsert: setOnInsert } : {}) };
    return this.lock.run(code, async () => {
      const saved = await this.locations.findOneAndUpdate({ code }, update, { upsert: true, returnDocument: 'after', runValidators: true }).lean<LocationRecord>();
      if (!saved) throw new Error(`upsert of location ${code} returned nothing`);
      this.routing?.invalidate();
      return saved;
    });
  }
}
