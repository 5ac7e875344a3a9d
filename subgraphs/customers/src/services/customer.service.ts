// Customer domain logic: find, page and upsert customers; batched loading for federation.
import { findByKeys, fromZodError, keyedLoader, KeyedLock, paginate, toObjectIdOrNull, type PageArgs } from '@oms/platform';
import type { CustomerModel, CustomerRecord } from '../models/customer.model';
import { emailSchema, upsertCustomerSchema } from './customer.validation';

export class CustomerService {
  // Upserts by email are serialised per email so concurrent first orders of one new customer
  // cannot race each other into two writes (the unique index would refuse the second anyway).
  private readonly lock = new KeyedLock();

  constructor(private readonly customers: CustomerModel) {}

  createLoaders() {
    return {
      customerById: keyedLoader<string, CustomerRecord>(
        (ids) => findByKeys<CustomerRecord>(this.customers, '_id', ids.map(toObjectIdOrNull)),
        (customer) => String(customer._id),
      ),
    };
  }

  async findByEmail(email: string): Promise<CustomerRecord | null> {
    const parsed = emailSchema.safeParse(email);
    if (!parsed.success) return null;
    return this.customers.findOne({ email: parsed.data }).lean<CustomerRecord>().exec();
  }

  /** `scope` narrows the list to what the caller may see (access.ts); `{}` for the back office. */
  list(args: PageArgs, scope: Record<string, unknown> = {}) {
    return paginate<CustomerRecord>(this.customers, scope, args, { field: '_id', direction: -1 });
  }

  async upsert(rawInput: unknown): Promise<CustomerRecord> {
    const parsed = upsertCustomerSchema.safeParse(rawInput);
    if (!parsed.success) throw fromZodError(parsed.error, 'input');
    const input = parsed.data;
    return this.lock.run(input.email, async () => {
      // A placement from outside the customer's scope links the order but never changes the record.
      if (input.keepExisting) {
        const existing = await this.findByEmail(input.email);
        if (existing) return existing;
      }
      const set: Record<string, unknown> = {};
      if (input.name) set.name = input.name;
      if (input.phone !== undefined && input.phone !== null) set.phone = input.phone;
      if (input.tier) set.tier = input.tier;
      if (input.addresses) set.addresses = normaliseDefaults(input.addresses);
      if (input.channelIdentities) {
        // Merged with the stored identities, so it needs the customer first.
        const existing = await this.customers.findOne({ email: input.email }, { channelIdentities: 1 }).lean<Pick<CustomerRecord, 'channelIdentities'>>();
        set.channelIdentities = mergeIdentities(existing?.channelIdentities ?? [], input.channelIdentities);
      }
      // One command for a known customer: change it by email. A new one is then inserted (an upsert's
      // `$setOnInsert` of empty arrays is dropped by FerretDB v1, so defaults come from an insert).
      const changed = await this.changeByEmail(input.email, set);
      if (changed) return changed;
      let saved: CustomerRecord | null;
      try {
        saved = (await this.customers.create({ email: input.email, name: input.email.split('@')[0], ...set })).toObject() as CustomerRecord;
      } catch (error) {
        // Another process created it meanwhile (unique email): change theirs.
        if ((error as { code?: number }).code !== 11000) throw error;
        saved = input.keepExisting ? await this.findByEmail(input.email) : await this.changeByEmail(input.email, set);
      }
      if (!saved) throw new Error(`upsert of customer ${input.email} returned nothing`);
      return saved;
    });
  }

  private changeByEmail(email: string, set: Record<string, unknown>): Promise<CustomerRecord | null> {
    if (Object.keys(set).length === 0) return this.customers.findOne({ email }).lean<CustomerRecord>().exec();
    return this.customers.findOneAndUpdate({ email }, { $set: set }, { returnDocument: 'after', runValidators: true }).lean<CustomerRecord>().exec();
  }
}

type AddressInput = NonNullable<ReturnType<typeof upsertCustomerSchema.parse>['addresses']>[number];

/** Exactly one default address when there are any: the first one marked default, else the first. */
function normaliseDefaults(addresses: AddressInput[]) {
  const defaultIndex = Math.max(0, addresses.findIndex((address) => address.isDefault));
  return addresses.map((address, index) => ({ ...address, isDefault: index === defaultIndex }));
}

function mergeIdentities(current: Array<{ channel: string; externalId: string }>, added: Array<{ channel: string; externalId: string }>) {
  const merged = new Map(current.map((identity) => [`${identity.channel}:${identity.externalId}`, identity]));
  for (const identity of added) merged.set(`${identity.channel}:${identity.externalId}`, identity);
  return [...merged.values()];
}
