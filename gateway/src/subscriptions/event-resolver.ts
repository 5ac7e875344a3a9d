// Builds what a subscriber receives for one event, at delivery time: the entities it selected are
// fetched through the gateway's own query execution (as the subscriber, so every subgraph applies
// its access rules), then graphql-js executes the subscriber's document over the event and those
// prefetched objects — aliases, fragments, directives and __typename behave exactly as in a query.
// Subscribers sharing a selection and a scope share the fetch and the payload: one federated fetch
// per event per distinct (selection, scope).
import { createHash } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { actorName, type AdmissionController } from '@oms/platform';
import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLFieldResolver, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { AuthenticatedIdentity } from '../auth/authenticate';
import type { GatewayContext } from '../server';
import type { LogEvent } from './log-events';
import { scopeKey } from './scope';
import type { SelectionPlan } from './selection-plan';
import type { Topic, TopicArgs } from './topics';

/** One subscribe, ready to deliver: parsed, validated, planned. */
export interface PreparedSubscription {
  topic: Topic;
  args: TopicArgs;
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  /** The subscriber's variables as sent (Apollo and graphql-js coerce them again). */
  variables: Record<string, unknown>;
  plan: SelectionPlan;
  /** Equal for subscribes with the same document, operation and variables. */
  key: string;
  /** Equal for plans that fetch the same query. */
  fetchId: string | null;
}

interface Prefetched {
  data: Record<string, unknown> | null;
  errors: readonly GraphQLFormattedError[];
}

/** The event object under the subscription field: its own values by field name, entities by response key. */
class EventSource {
  constructor(
    readonly values: Record<string, unknown>,
    readonly prefetched: Record<string, unknown>,
    readonly entities: Record<string, unknown>,
  ) {}
}

const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) => {
  if (source instanceof EventSource) {
    if (info.parentType === info.schema.getSubscriptionType()) return source;
    return info.fieldName in source.entities ? source.prefetched[info.path.key as string] : source.values[info.fieldName];
  }
  // Prefetched objects are keyed by response key (the fetch used the subscriber's aliases).
  return source && typeof source === 'object' ? (source as Record<string, unknown>)[info.path.key as string] : undefined;
};

export function fetchIdOf(query: string | undefined): string | null {
  return query ? createHash('sha1').update(query).digest('base64url') : null;
}

export class EventResolver {
  private readonly results = new LRUCache<string, Promise<ExecutionResult>>({ max: 20_000, ttl: 60_000 });
  private readonly fetches = new LRUCache<string, Promise<Prefetched>>({ max: 20_000, ttl: 60_000 });
  /** Federated fetches made (for the benchmark and tests: proof that subscribers share them). */
  fetchCount = 0;

  constructor(
    private readonly apollo: ApolloServer<GatewayContext>,
    /** Bounds the fetches running at once (each is a federated query to the subgraphs). */
    private readonly limiter?: AdmissionController,
  ) {}

  resolve(subscription: PreparedSubscription, identity: AuthenticatedIdentity, event: LogEvent): Promise<ExecutionResult> {
    const key = `${event.log}:${event.seq}|${scopeKey(identity)}|${subscription.key}`;
    let result = this.results.get(key);
    if (!result) {
      result = this.build(subscription, identity, event);
      this.results.set(key, result);
    }
    return result;
  }

  private async build(subscription: PreparedSubscription, identity: AuthenticatedIdentity, event: LogEvent): Promise<ExecutionResult> {
    const { topic, plan } = subscription;
    const prefetched = plan.fetch ? await this.prefetch(subscription, identity, event) : { data: {}, errors: [] };
    const source = new EventSource(topic.values(event), prefetched.data ?? {}, topic.entities);
    const executed = await execute({
      schema: subscription.schema,
      document: subscription.document,
      operationName: subscription.operationName,
      variableValues: subscription.variables,
      rootValue: source,
      fieldResolver,
    });
    // The fetch's errors, at the path they have under the subscription field.
    // A failed non-null entity is reported once (the fetch's error, not graphql-js's null check too).
    const fetchErrors = prefetched.errors.map((error) => new GraphQLError(error.message, { path: [plan.rootKey, ...(error.path ?? [])], extensions: error.extensions }));
    const reported = new Set(fetchErrors.map((error) => JSON.stringify(error.path)));
    const errors = [...fetchErrors, ...(executed.errors ?? []).filter((error) => !reported.has(JSON.stringify(error.path)))];
    // Errors can leave no event at all (a non-null entity that failed): the cursor still says where it was.
    return errors.length ? { data: executed.data, errors, extensions: { cursor: topic.values(event).cursor } } : { data: executed.data };
  }

  private prefetch(subscription: PreparedSubscription, identity: AuthenticatedIdentity, event: LogEvent): Promise<Prefetched> {
    const fetch = subscription.plan.fetch!;
    const variables: Record<string, unknown> = {};
    for (const name of fetch.usedVariables) variables[name] = subscription.variables[name];
    for (const [name, entity] of Object.entries(fetch.keys)) {
      const key = entity.keyOf(event);
      if (!key) return Promise.resolve({ data: null, errors: [{ message: `Event ${event.type} does not name the ${entity.queryField} it concerns`, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      variables[name] = key;
    }
    const key = `${event.log}:${event.seq}|${scopeKey(identity)}|${subscription.fetchId}|${JSON.stringify(variables)}`;
    let prefetched = this.fetches.get(key);
    if (!prefetched) {
      prefetched = this.run(fetch.query, variables, identity);
      this.fetches.set(key, prefetched);
    }
    return prefetched;
  }

  private async run(query: string, variables: Record<string, unknown>, identity: AuthenticatedIdentity): Promise<Prefetched> {
    this.fetchCount += 1;
    try {
      const execute = () =>
        this.apollo.executeOperation({ query, variables, operationName: 'SubscriptionEventFetch' }, { contextValue: { identity, actor: actorName(identity), prepaid: true } });
      const response = await (this.limiter ? this.limiter.run('client', execute) : execute());
      if (response.body.kind !== 'single') return { data: null, errors: [{ message: 'Unexpected incremental response', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
      return { data: (response.body.singleResult.data as Record<string, unknown> | null | undefined) ?? null, errors: response.body.singleResult.errors ?? [] };
    } catch (error) {
      return { data: null, errors: [{ message: (error as Error).message, extensions: { code: 'UNAVAILABLE' } }] };
    }
  }
}
