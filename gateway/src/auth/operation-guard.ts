// Checks every operation before the gateway plans it: a caller is required (only the IDE's schema
// introspection may be anonymous, outside production), per-key rate limit, query cost, and no
// introspection for non-admins in production.
import type { ApolloServerPlugin } from '@apollo/server';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { visit, type DocumentNode } from 'graphql';
import { forbidden, OmsError, unauthenticated } from '@oms/platform';
import type { AuthenticatedIdentity } from './authenticate';
import type { KeyRateLimiter } from './rate-limit';

export interface GuardOptions {
  rateLimiter: KeyRateLimiter;
  maxCost: number;
  production: boolean;
}

export interface GuardedContext {
  identity: AuthenticatedIdentity | null;
  /** A subscription's delivery-time fetch: its subscribe already spent the caller's budget. */
  eventDelivery?: boolean;
}

/** Lists cost what they may return: `first`/`limit` times the cost of one item. */
export const pageEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = typeof args.first === 'number' ? args.first : typeof args.limit === 'number' ? args.limit : undefined;
  return size === undefined ? undefined : Math.max(1, size) * (1 + childComplexity);
};

function isIntrospectionOnly(document: DocumentNode): { introspects: boolean; only: boolean } {
  let introspects = false;
  let other = false;
  visit(document, {
    OperationDefinition(operation) {
      for (const selection of operation.selectionSet.selections) {
        if (selection.kind !== 'Field') continue;
        if (selection.name.value === '__schema' || selection.name.value === '__type') introspects = true;
        else if (selection.name.value !== '__typename') other = true;
      }
    },
  });
  return { introspects, only: introspects && !other };
}

export function operationGuard(options: GuardOptions): ApolloServerPlugin<GuardedContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, schema, request }) {
          const { introspects, only } = isIntrospectionOnly(document);
          const identity = contextValue.identity;
          if (!identity) {
            if (only && !options.production) return;
            throw new OmsError('UNAUTHENTICATED', unauthenticated().message, { http: { status: 401 } });
          }
          if (introspects && options.production && identity.role !== 'ADMIN') throw forbidden('Introspection is available to ADMIN keys only in production');
          if (!contextValue.eventDelivery) await options.rateLimiter.consume(identity);
          const cost = getComplexity({ schema, query: document, variables: request.variables ?? {}, estimators: [pageEstimator, simpleEstimator({ defaultComplexity: 1 })] });
          if (cost > options.maxCost) {
            throw new OmsError('BAD_USER_INPUT', `Query cost ${cost} exceeds the limit of ${options.maxCost}: ask for smaller pages (first) or fewer nested lists`, { cost, maxCost: options.maxCost });
          }
        },
      };
    },
  };
}
