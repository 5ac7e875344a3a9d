// Who may call what: the named policies every subgraph's `src/policies.ts` assigns to its Query,
// Mutation and Subscription fields (all of them) and to the restricted fields of its types. A policy
// says which roles may call a field at all; which rows a permitted caller then sees (a partner's
// channels, a customer's own orders) stays with the subgraph's services.
import { OmsError } from '../errors';
import { forbidden, type Identity, type Role } from './identity';

export interface PolicyRule {
  /** Roles that may call the field; ADMIN is in every list. */
  roles: readonly Role[];
  /** How the refusal names who may call it. */
  says: string;
}

const INTERNAL_ROLES = ['ADMIN', 'STAFF', 'SERVICE'] as const satisfies readonly Role[];

export const POLICIES = {
  /** Every authenticated caller, with the same answer for each (catalogue reads, `viewer`). */
  ANY_ROLE: { roles: ['ADMIN', 'STAFF', 'SERVICE', 'PARTNER', 'CUSTOMER'], says: 'every authenticated caller' },
  /** Every authenticated caller; the service narrows the answer to the caller's scope or refuses a row out of it. */
  SCOPED: { roles: ['ADMIN', 'STAFF', 'SERVICE', 'PARTNER', 'CUSTOMER'], says: 'every caller within its scope' },
  /** The back office and hub services. */
  INTERNAL: { roles: INTERNAL_ROLES, says: 'the back office only (ADMIN, STAFF, SERVICE)' },
  /** The back office and partners (a partner within its channels). */
  INTERNAL_OR_PARTNER: { roles: [...INTERNAL_ROLES, 'PARTNER'], says: 'the back office and partners' },
  /** The back office and customers (a customer for itself only). */
  INTERNAL_OR_CUSTOMER: { roles: [...INTERNAL_ROLES, 'CUSTOMER'], says: 'the back office and customers' },
  /** Admins and hub services (the gateway resolving keys). */
  ADMIN_OR_SERVICE: { roles: ['ADMIN', 'SERVICE'], says: 'ADMIN and hub services only' },
  ADMIN: { roles: ['ADMIN'], says: 'ADMIN only' },
} as const satisfies Record<string, PolicyRule>;

export type Policy = keyof typeof POLICIES;

export function isPolicy(value: unknown): value is Policy {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(POLICIES, value);
}

export function permits(policy: Policy, identity: Identity): boolean {
  return (POLICIES[policy].roles as readonly Role[]).includes(identity.role);
}

/**
 * FORBIDDEN unless `identity` may call `coordinate` (`Mutation.createApiKey`, `Order.payments`) under
 * `policy`. A refused type field names itself in extensions.field, so a client knows which selection
 * to drop; a refused root field is the whole operation.
 */
export function authorize(policy: Policy, identity: Identity, coordinate: string, options: { typeField?: boolean } = {}): void {
  if (permits(policy, identity)) return;
  const message = `${identity.role} may not use ${coordinate}: it is open to ${POLICIES[policy].says}`;
  throw options.typeField ? new OmsError('FORBIDDEN', message, { field: coordinate }) : forbidden(message);
}

const ROOT_TYPES = ['Query', 'Mutation', 'Subscription'] as const;
type RootType = (typeof ROOT_TYPES)[number];

/** The fields of one generated resolver type (`QueryResolvers`...), federation's `__` hooks left out. */
type FieldNames<T> = Exclude<keyof NonNullable<T>, `__${string}`>;

/**
 * A subgraph's policy map, typed by its generated `Resolvers`: every Query, Mutation and Subscription
 * field must have a policy (a new field without one fails `npm run typecheck`); other types list only
 * their restricted fields, and `__resolveReference` when resolving the entity itself is restricted.
 */
export type PolicyMap<TResolvers> = {
  [T in keyof TResolvers & RootType]-?: { [F in FieldNames<TResolvers[T]>]-?: Policy };
} & {
  [T in Exclude<keyof TResolvers, RootType>]?: { [F in FieldNames<TResolvers[T]>]?: Policy } & { __resolveReference?: Policy };
};

/** The shape the platform reads at run time, whatever subgraph it came from. */
export type AnyPolicyMap = Record<string, Record<string, Policy | undefined> | undefined>;

export function isRootType(typeName: string): typeName is RootType {
  return (ROOT_TYPES as readonly string[]).includes(typeName);
}
