// Checks every operation before the gateway plans it: a caller is required (only the IDE's schema
// introspection may be anonymous, outside production), per-key rate limit, query cost, and no
// introspection for non-admins in production.
import type { ApolloServerPlugin } from '@apollo/server';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { getNamedType, getNullableType, getVariableValues, isCompositeType, isListType, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { forbidden, OmsError, unauthenticated } from '@oms/platform';
import type { AuthenticatedIdentity } from './authenticate';
import { requestLimitsFromEnv } from './limits';
import type { KeyRateLimiter } from './rate-limit';

export interface GuardOptions {
  rateLimiter: KeyRateLimiter;
  maxCost: number;
  production: boolean;
  /** Items a list of objects without `first`/`limit` is assumed to hold. */
  assumedListSize: number;
}

export interface GuardedContext {
  identity: AuthenticatedIdentity | null;
  /** The caller's budget was spent already: a graphql-ws message (before parsing) or a subscription's metered event fetch. */
  prepaid?: boolean;
}

/**
 * Lists cost what they may return: `first`/`limit` times the cost of one item. A list of objects
 * without either (an order's `lines`, `history`...) is assumed to hold `assumedListSize` items, so
 * nested lists multiply; a connection's `edges`/`nodes` and an event page's `events` are sized by
 * the `first` of the field that returned them.
 */
export function listEstimator(assumedListSize: number): ComplexityEstimator {
  return ({ args, childComplexity, field, type }) => {
    const size = typeof args.first === 'number' ? args.first : typeof args.limit === 'number' ? args.limit : undefined;
    if (size !== undefined) return Math.max(1, size) * (1 + childComplexity);
    const fieldType = getNullableType(field.type);
    if (!isListType(fieldType) || !isCompositeType(getNamedType(fieldType)) || isPage(type.name)) return undefined;
    return assumedListSize * (1 + childComplexity);
  };
}

/** Types whose lists the field returning them already sized (`first`): connections and event pages. */
function isPage(typeName: string): boolean {
  return typeName.endsWith('Connection') || typeName === 'EventPage';
}

let configuredListEstimator: ComplexityEstimator | null = null;
/** `listEstimator` with the configured OMS_ASSUMED_LIST_SIZE, read on first use (not at import). */
export const pageEstimator: ComplexityEstimator = (options) => (configuredListEstimator ??= listEstimator(requestLimitsFromEnv().assumedListSize))(options);

/** The root fields an operation selects, through inline fragments and fragment spreads. */
function rootFieldNames(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map(document.definitions.flatMap((definition) => (definition.kind === 'FragmentDefinition' ? [[definition.name.value, definition] as const] : [])));
  const names: string[] = [];
  const seen = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === 'Field') names.push(selection.name.value);
      else if (selection.kind === 'InlineFragment') collect(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return names;
}

function isIntrospectionOnly(document: DocumentNode): { introspects: boolean; only: boolean } {
  let introspects = false;
  let other = false;
  for (const definition of document.definitions) {
    if (definition.kind !== 'OperationDefinition') continue;
    for (const name of rootFieldNames(document, definition)) {
      if (name === '__schema' || name === '__type') introspects = true;
      else if (name !== '__typename') other = true;
    }
  }
  return { introspects, only: introspects && !other };
}

/** Variables that do not fit their declared types are the caller's mistake, named, not a server error. */
function checkVariables(operation: OperationDefinitionNode | null | undefined, schema: Parameters<typeof getVariableValues>[0], variables: Record<string, unknown>): void {
  const { errors } = getVariableValues(schema, operation?.variableDefinitions ?? [], variables);
  if (!errors?.length) return;
  const variable = /Variable "\$(\w+)"/.exec(errors[0].message)?.[1];
  throw new OmsError('BAD_USER_INPUT', errors[0].message, { ...(variable ? { field: `$${variable}`, variable } : {}), http: { status: 400 } });
}

export function operationGuard(options: GuardOptions): ApolloServerPlugin<GuardedContext> {
  const estimators = [listEstimator(options.assumedListSize), simpleEstimator({ defaultComplexity: 1 })];
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, schema, request, operation }) {
          const { introspects, only } = isIntrospectionOnly(document);
          const identity = contextValue.identity;
          if (!identity) {
            if (only && !options.production) return;
            throw new OmsError('UNAUTHENTICATED', unauthenticated().message, { http: { status: 401 } });
          }
          if (introspects && options.production && identity.role !== 'ADMIN') throw forbidden('Introspection is available to ADMIN keys only in production');
          if (!contextValue.prepaid) await options.rateLimiter.consume(identity);
          const variables = request.variables ?? {};
          checkVariables(operation, schema, variables);
          const cost = getComplexity({ schema, query: document, variables, operationName: request.operationName ?? undefined, estimators });
          if (cost > options.maxCost) {
            throw new OmsError('BAD_USER_INPUT', `Query cost ${cost} exceeds the limit of ${options.maxCost}: ask for smaller pages (first) or fewer nested lists`, { cost, maxCost: options.maxCost, http: { status: 400 } });
          }
        },
      };
    },
  };
}
