// The one place a subgraph's policy map is enforced: when serveSubgraph builds the schema, every
// field with a policy gets its resolver wrapped in the check, and the map is checked against the SDL
// (a root field without a policy, or a policy naming no field, stops the subgraph from starting).
import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { unauthenticated, type Identity } from './identity';
import { authorize, isPolicy, isRootType, type AnyPolicyMap, type Policy } from './policy';

const REFERENCE = '__resolveReference';

type ReferenceResolver = (reference: unknown, context: unknown, info: unknown) => unknown;

function identityOf(context: unknown): Identity {
  const identity = (context as { identity?: Identity } | null)?.identity;
  // Every subgraph context carries the signed identity; without one nothing is permitted.
  if (!identity) throw unauthenticated();
  return identity;
}

/**
 * Why `policies` does not fit `schema`, one line per problem: root fields (federation's `_service`
 * and `_entities` aside) without a policy, types or fields the SDL does not have, unknown policies.
 */
export function policyGaps(schema: GraphQLSchema, policies: AnyPolicyMap): string[] {
  const gaps: string[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!root) continue;
    for (const field of Object.keys(root.getFields())) {
      if (!field.startsWith('_') && !policies[root.name]?.[field]) gaps.push(`${root.name}.${field} has no policy`);
    }
  }
  for (const [typeName, fields] of Object.entries(policies)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) {
      gaps.push(`${typeName} is not an object type of this subgraph`);
      continue;
    }
    for (const [field, policy] of Object.entries(fields ?? {})) {
      if (field !== REFERENCE && !type.getFields()[field]) gaps.push(`${typeName}.${field} is not a field of this subgraph`);
      if (!isPolicy(policy)) gaps.push(`${typeName}.${field} has an unknown policy ${JSON.stringify(policy)}`);
    }
  }
  return gaps;
}

/** The resolver map with each `__resolveReference` that has a policy checked before it runs. */
export function guardReferences<TResolvers>(resolvers: TResolvers, policies: AnyPolicyMap): TResolvers {
  const guarded: Record<string, Record<string, unknown>> = { ...(resolvers as Record<string, Record<string, unknown>>) };
  for (const [typeName, fields] of Object.entries(policies)) {
    const policy = fields?.[REFERENCE];
    if (!policy) continue;
    const resolve = guarded[typeName]?.[REFERENCE] as ReferenceResolver | undefined;
    // Without a resolver of its own the entity resolves to the bare reference: guard that too.
    const inner: ReferenceResolver = resolve ?? ((reference) => reference);
    guarded[typeName] = {
      ...guarded[typeName],
      [REFERENCE]: (reference: unknown, context: unknown, info: unknown) => {
        authorize(policy, identityOf(context), `${typeName} references`, { typeField: false });
        return inner(reference, context, info);
      },
    };
  }
  return guarded as TResolvers;
}

/**
 * Wraps the resolver of every field `policies` names (the default resolver where the subgraph has
 * none) in its policy check. Throws, naming each gap, when the map does not fit the schema.
 */
export function enforcePolicies(schema: GraphQLSchema, policies: AnyPolicyMap, service: string): GraphQLSchema {
  const gaps = policyGaps(schema, policies);
  if (gaps.length > 0) throw new Error(`The ${service} subgraph's policy map (subgraphs/${service}/src/policies.ts) does not fit its schema: ${gaps.join('; ')}`);
  for (const [typeName, fields] of Object.entries(policies)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const [fieldName, policy] of Object.entries(fields ?? {})) {
      const field = type.getFields()[fieldName];
      if (!field || !policy) continue;
      field.resolve = guarded(field.resolve ?? defaultFieldResolver, policy, `${typeName}.${fieldName}`, !isRootType(typeName));
    }
  }
  return schema;
}

function guarded(resolve: GraphQLFieldResolver<unknown, unknown>, policy: Policy, coordinate: string, typeField: boolean): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    authorize(policy, identityOf(context), coordinate, { typeField });
    return resolve(source, args, context, info);
  };
}
