// The payload's GraphQL selection: checked at registration (syntax here, fields by the gateway, which
// knows the whole supergraph) and resolved through the gateway for every delivery, as the endpoint's
// owner, so a partner's payload never holds more than its own key could read.
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { badInput, internalHeaders, unavailable, type Identity } from '@oms/platform';
import type { SelectionEntity } from './event-catalog';

const ROOT: Record<SelectionEntity, { field: string; header: string; probeId: string }> = {
  Order: { field: 'order', header: 'query WebhookOrder($id: ID!) { order(id: $id)', probeId: '000000000000000000000000' },
  InventoryItem: { field: 'inventoryItem', header: 'query WebhookItem($id: String!) { inventoryItem(sku: $id)', probeId: '__webhook_selection_probe__' },
};

export function selectionQuery(entity: SelectionEntity, selection: string): string {
  return `${ROOT[entity].header} { ${selection} } }`;
}

/**
 * Refuses anything but a plain selection set on the entity: the text is spliced into a query, so it
 * must not close the braces early to add root fields, operations or fragments of its own.
 */
export function assertSelectionSyntax(entity: SelectionEntity, selection: string, field: string): void {
  let document;
  try {
    document = parse(selectionQuery(entity, selection), { maxTokens: 2_000 });
  } catch (error) {
    throw badInput(field, `is not a GraphQL selection set on ${entity}: ${(error as Error).message}`);
  }
  const [operation, ...rest] = document.definitions;
  const root = (operation as OperationDefinitionNode).selectionSet?.selections;
  if (rest.length > 0 || operation.kind !== Kind.OPERATION_DEFINITION || root.length !== 1 || root[0].kind !== Kind.FIELD || root[0].name.value !== ROOT[entity].field) {
    throw badInput(field, `must be only the fields to select on ${entity} (e.g. \`number status customer { email }\`), without braces around it`);
  }
}

export interface GraphAnswer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: { code?: string; retryAfterSeconds?: number } }>;
}

export interface ResolvedSelection {
  value: unknown;
  errors?: Array<{ message: string; path?: unknown[]; code?: string }>;
}

/** The selection cannot be resolved now (the owner is rate limited, the graph is down): try later. */
export class SelectionUnavailableError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${code}: ${message}`);
    this.name = 'SelectionUnavailableError';
  }
}

/** Codes that mean "try again later" rather than "this selection cannot be answered". */
const TRANSIENT = new Set(['UNAVAILABLE', 'RATE_LIMITED', 'INTERNAL_SERVER_ERROR']);

export class GatewayGraph {
  constructor(
    private readonly url: () => string,
    private readonly timeoutMs = 15_000,
  ) {}

  async run(query: string, variables: Record<string, unknown>, identity: Identity): Promise<GraphAnswer> {
    let response: Response;
    try {
      response = await fetch(this.url(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await internalHeaders(identity)) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw unavailable('gateway', (error as Error).message);
    }
    try {
      return (await response.json()) as GraphAnswer;
    } catch {
      throw unavailable('gateway', `HTTP ${response.status} with a non-JSON body`);
    }
  }

  /** Checks the selection's fields against the supergraph by asking for an entity that does not exist. */
  async assertSelectionFields(entity: SelectionEntity, selection: string, owner: Identity, field: string): Promise<void> {
    const answer = await this.run(selectionQuery(entity, selection), { id: ROOT[entity].probeId }, owner);
    const invalid = answer.errors?.find((error) => ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT'].includes(error.extensions?.code ?? ''));
    if (invalid) throw badInput(field, `cannot be selected on ${entity}: ${invalid.message}`);
    const transient = answer.errors?.find((error) => TRANSIENT.has(error.extensions?.code ?? ''));
    if (transient) throw unavailable('gateway', transient.message);
  }

  /**
   * The selection on one entity, as `owner` sees it. Errors the graph answers for good (not found,
   * forbidden) travel in the payload; an outage throws, so the event is fanned out again later.
   */
  async resolve(entity: SelectionEntity, id: string, selection: string, owner: Identity): Promise<ResolvedSelection> {
    let answer: GraphAnswer;
    try {
      answer = await this.run(selectionQuery(entity, selection), { id }, owner);
    } catch (error) {
      throw new SelectionUnavailableError('UNAVAILABLE', (error as Error).message);
    }
    const transient = answer.errors?.find((error) => TRANSIENT.has(error.extensions?.code ?? ''));
    if (transient) throw new SelectionUnavailableError(transient.extensions?.code ?? 'UNAVAILABLE', transient.message, transient.extensions?.retryAfterSeconds);
    if (!answer.data && !answer.errors) throw new SelectionUnavailableError('UNAVAILABLE', 'the gateway answered no data');
    const value = answer.data?.[ROOT[entity].field] ?? null;
    if (!answer.errors?.length) return { value };
    return { value, errors: answer.errors.map((error) => ({ message: error.message, path: error.path, code: error.extensions?.code })) };
  }
}
