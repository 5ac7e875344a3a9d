// Who may see and change which customer records: the customers subgraph's object- and field-level
// rules in one place (role scopes come from @oms/platform auth/identity.ts).
//
//   ADMIN, STAFF, SERVICE   everything.
//   CUSTOMER                itself only: customer(id), customerByEmail, customers (narrowed to
//                           itself), references, and upsertCustomer of its own record (not its tier
//                           or channel identities). Anything else is FORBIDDEN, whether or not it
//                           exists, so a customer cannot probe which emails are registered.
//   PARTNER                 no direct queries (customer, customerByEmail, customers, upsertCustomer
//                           are FORBIDDEN); it resolves a Customer only as a reference, which the
//                           public graph reaches only through Order.customer of an order the partner
//                           may see (`_entities` is not exposed by the gateway). It sees id, email,
//                           name, tier and timestamps; its contact details are FORBIDDEN
//                           (../policies.ts: who may call which field at all).
import { forbidden, isInternal, OmsError, toObjectIdOrNull, type Identity } from '@oms/platform';
import type { CustomerRecord } from '../models/customer.model';
import { emailSchema } from './customer.validation';

/** Fields of upsertCustomer only the back office may set (a customer cannot promote itself). */
const BACK_OFFICE_INPUT = ['tier', 'channelIdentities'] as const;

export class CustomerAccess {
  constructor(readonly identity: Identity) {}

  get internal(): boolean {
    return isInternal(this.identity);
  }

  /**
   * Direct queries, before anything is read: a partner never; a customer only for its own id (`id`
   * null: asked by email, checked on the record by `queried`).
   */
  assertCanQuery(id: string | null): void {
    if (this.internal) return;
    if (this.identity.role === 'CUSTOMER' && (id === null || id === this.identity.customerId)) return;
    throw this.refusal();
  }

  /** customer(id) / customerByEmail: the record when it is the caller's to see (see assertCanQuery). */
  queried(record: CustomerRecord | null): CustomerRecord | null {
    if (this.internal) return record;
    if (this.identity.role === 'CUSTOMER' && record && String(record._id) === this.identity.customerId) return record;
    throw this.refusal();
  }

  /** Customer references: back office and partners all; a customer only itself (an error for that entity). */
  referenced(record: CustomerRecord | null): CustomerRecord | null {
    if (!record || this.internal || this.identity.role === 'PARTNER') return record;
    if (this.identity.role === 'CUSTOMER' && String(record._id) === this.identity.customerId) return record;
    throw this.refusal();
  }

  /** The `customers` list's filter: everything for the back office, itself for a customer. */
  listFilter(): Record<string, unknown> {
    if (this.internal) return {};
    if (this.identity.role === 'CUSTOMER') return { _id: toObjectIdOrNull(this.identity.customerId ?? '') ?? '!out-of-scope' };
    throw forbidden(`${this.identity.role} ${this.identity.subject} may not list customers`);
  }

  /**
   * upsertCustomer: the back office any record; a customer only its own (same email), without tier or
   * channel identities. `own` loads the caller's record.
   */
  async assertCanUpsert(input: { email: string; [field: string]: unknown }, own: (id: string) => Promise<CustomerRecord | null>): Promise<void> {
    if (this.internal) return;
    if (this.identity.role !== 'CUSTOMER' || !this.identity.customerId) throw forbidden(`${this.identity.role} ${this.identity.subject} may not change customer records`);
    for (const field of BACK_OFFICE_INPUT) {
      if (input[field] !== undefined && input[field] !== null) throw new OmsError('FORBIDDEN', `A CUSTOMER may not set its own ${field}`, { field: `input.${field}` });
    }
    const record = await own(this.identity.customerId);
    const email = emailSchema.safeParse(input.email);
    if (!record || !email.success || email.data !== record.email) {
      throw new OmsError('FORBIDDEN', 'A CUSTOMER may change only its own record (input.email must be its email)', { field: 'input.email' });
    }
  }

  private refusal(): OmsError {
    return forbidden(`${this.identity.role} ${this.identity.subject} may not read this customer`);
  }
}
