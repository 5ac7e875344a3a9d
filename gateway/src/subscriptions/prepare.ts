// What happens to a `subscribe` message before anything streams (its rate limit and caps are spent
// before it gets here): parse and validate against the gateway's API schema (with the gateway's
// depth and cost limits), find
// the subscription field and its arguments, check the caller's scope (an order or channel out of
// scope is FORBIDDEN now, not silence later), and plan the delivery-time fetch.
import {
  buildASTSchema,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  printSchema,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import { decodeEventCursor, isInternal, OmsError } from '@oms/platform';
import type { AuthenticatedIdentity } from '../auth/authenticate';
import { listEstimator, pageEstimator } from '../auth/operation-guard';
import { fetchIdOf, type PreparedSubscription } from './event-resolver';
import { buildSelectionPlan, subscriptionRootField, type SelectionPlan } from './selection-plan';
import { canReceive, type OrderScopes } from './scope';
import { normaliseChannel, topicOf, type TopicArgs } from './topics';

/**
 * The API schema without resolvers. Apollo Server wraps the resolvers of the schema it serves (for
 * its plugins) in place; those wrappers would ignore the `fieldResolver` that builds payloads from
 * events, so delivery executes against a pristine copy (built once per schema version).
 */
const pristine = new WeakMap<GraphQLSchema, GraphQLSchema>();
function pristineSchema(schema: GraphQLSchema): GraphQLSchema {
  let copy = pristine.get(schema);
  if (!copy) {
    copy = buildASTSchema(parse(printSchema(schema)));
    pristine.set(schema, copy);
  }
  return copy;
}

export interface PrepareDeps {
  schema: () => GraphQLSchema | undefined;
  scopes: OrderScopes;
  maxDepth: number;
  maxCost: number;
  /** Tokens graphql-js reads before it gives up on a subscription document. */
  maxTokens?: number;
  /** Items a list of objects without `first` is assumed to hold (default: OMS_ASSUMED_LIST_SIZE). */
  assumedListSize?: number;
}

export interface SubscribePayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** A query or mutation sent over the socket: run by Apollo like any HTTP request. */
export interface PreparedOperation {
  kind: 'operation';
  schema: GraphQLSchema;
  document: DocumentNode;
  query: string;
  operationName?: string | null;
  variables: Record<string, unknown>;
}

export type Prepared = { kind: 'subscription'; subscription: PreparedSubscription; afterSeq: number | null } | PreparedOperation;

interface Parsed {
  schema: GraphQLSchema;
  document: DocumentNode;
  plans: Map<string, SelectionPlan>;
}

export class SubscribePreparer {
  /** Parse and validation per (schema, query text): a handful of distinct selections is the norm. */
  private readonly parsed = new LRUCache<string, Parsed>({ max: 1_000 });
  private readonly validationRules: typeof specifiedRules;

  constructor(private readonly deps: PrepareDeps) {
    this.validationRules = [...specifiedRules, depthLimit(deps.maxDepth)];
  }

  /** The prepared operation, or the errors to answer the subscribe with. */
  async prepare(identity: AuthenticatedIdentity, payload: SubscribePayload): Promise<Prepared | readonly GraphQLError[]> {
    const served = this.deps.schema();
    const schema = served && pristineSchema(served);
    if (!schema) return [new OmsError('UNAVAILABLE', 'The gateway has not loaded its schema yet; retry shortly')];
    if (typeof payload.query !== 'string') return [new OmsError('BAD_USER_INPUT', 'query: a GraphQL document is required', { field: 'query' })];
    const parsed = this.parse(schema, payload.query);
    if (Array.isArray(parsed)) return parsed;
    const { document } = parsed as Parsed;
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return [new GraphQLError('Unable to identify the operation: name it with operationName')];
    const variables = payload.variables ?? {};
    if (operation.operation !== 'subscription') return { kind: 'operation', schema, document, query: payload.query, operationName: payload.operationName, variables };
    try {
      return await this.prepareSubscription(identity, parsed as Parsed, operation, payload, variables);
    } catch (error) {
      if (error instanceof GraphQLError) return [error];
      throw error;
    }
  }

  private parse(schema: GraphQLSchema, query: string): Parsed | readonly GraphQLError[] {
    const cached = this.parsed.get(query);
    if (cached && cached.schema === schema) return cached;
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.deps.maxTokens });
    } catch (error) {
      return [error as GraphQLError];
    }
    const errors = validate(schema, document, this.validationRules);
    if (errors.length) return errors;
    const parsed = { schema, document, plans: new Map<string, SelectionPlan>() };
    this.parsed.set(query, parsed);
    return parsed;
  }

  private async prepareSubscription(
    identity: AuthenticatedIdentity,
    parsed: Parsed,
    operation: OperationDefinitionNode,
    payload: SubscribePayload,
    variables: Record<string, unknown>,
  ): Promise<Prepared> {
    const { schema, document } = parsed;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) throw coerced.errors[0];
    const rootField = subscriptionRootField(operation, document);
    const topic = topicOf(rootField.name.value);
    const fieldDef = schema.getSubscriptionType()?.getFields()[rootField.name.value];
    if (!topic || !fieldDef) throw new OmsError('BAD_USER_INPUT', `Subscription.${rootField.name.value} is not served by this gateway`);

    // The same cost limit as a query (the request budget was spent before the document was parsed).
    const cost = getComplexity({ schema, query: document, variables, operationName: payload.operationName ?? undefined, estimators: [this.deps.assumedListSize ? listEstimator(this.deps.assumedListSize) : pageEstimator, simpleEstimator({ defaultComplexity: 1 })] });
    if (cost > this.deps.maxCost) throw new OmsError('BAD_USER_INPUT', `Subscription cost ${cost} exceeds the limit of ${this.deps.maxCost}: select fewer nested lists`, { cost, maxCost: this.deps.maxCost });

    const args = getArgumentValues(fieldDef, rootField, coerced.coerced) as TopicArgs;
    let afterSeq: number | null = null;
    if (args.after) {
      const cursor = decodeEventCursor(args.after);
      if (!cursor || cursor.log !== topic.log) throw new OmsError('BAD_USER_INPUT', `after: is not a cursor of ${topic.name} events (the ${topic.log} event log)`, { field: 'after' });
      afterSeq = cursor.seq;
    }
    await this.assertScope(identity, args);

    const planKey = payload.operationName ?? '';
    let plan = parsed.plans.get(planKey);
    if (!plan) {
      plan = buildSelectionPlan(document, operation, topic);
      parsed.plans.set(planKey, plan);
    }
    const subscription: PreparedSubscription = {
      topic,
      args,
      schema,
      document,
      operationName: payload.operationName,
      variables,
      plan,
      key: `${payload.query}\u0000${planKey}\u0000${JSON.stringify(variables)}`,
      fetchId: fetchIdOf(plan.fetch?.query),
    };
    return { kind: 'subscription', subscription, afterSeq };
  }

  /** Out of scope now is FORBIDDEN now: a partner's other channels, another customer's order. */
  private async assertScope(identity: AuthenticatedIdentity, args: TopicArgs): Promise<void> {
    if (isInternal(identity)) return;
    if (args.channel && identity.role === 'PARTNER' && !identity.channels.map(normaliseChannel).includes(normaliseChannel(args.channel))) {
      throw new OmsError('FORBIDDEN', `PARTNER ${identity.subject} may not subscribe to channel ${JSON.stringify(args.channel)}`, { field: 'channel' });
    }
    if (args.orderId) {
      const scope = await this.deps.scopes.get(args.orderId);
      if (!scope) throw new OmsError('NOT_FOUND', `Order ${JSON.stringify(args.orderId)} does not exist`, { entity: 'Order', id: args.orderId, field: 'orderId' });
      if (!canReceive(identity, scope)) throw new OmsError('FORBIDDEN', `${identity.role} ${identity.subject} may not subscribe to order ${args.orderId}`, { field: 'orderId' });
    }
  }
}
