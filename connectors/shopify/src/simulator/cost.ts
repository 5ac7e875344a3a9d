// Query cost and the leaky bucket, as Shopify documents them: objects cost 1, scalars and enums 0,
// connections 2 + `first` × the cost of one node, mutations 10; the bucket (1000 points, refilled at
// 50/s by default) must hold the requested cost before execution, and the unused part is refunded.
import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

const MUTATION_COST = 10;

function fieldsOf(selectionSet: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  if (!selectionSet) return [];
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, fragments);
    const fragment = fragments[selection.name.value];
    return fragment ? fieldsOf(fragment.selectionSet, fragments) : [];
  });
}

function argument(node: FieldNode, name: string, variables: Record<string, unknown>): unknown {
  const arg = node.arguments?.find((candidate) => candidate.name.value === name);
  return arg ? valueFromASTUntyped(arg.value, variables) : undefined;
}

/** Cost of one node of a connection: the object itself plus what is selected under nodes / edges.node. */
function connectionNodeCost(node: FieldNode, type: GraphQLObjectType, schema: GraphQLSchema, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>): number {
  let cost = 0;
  for (const child of fieldsOf(node.selectionSet, fragments)) {
    if (child.name.value === 'nodes') cost = Math.max(cost, 1 + selectionCost(child.selectionSet, getNamedType(type.getFields().nodes.type) as GraphQLObjectType, schema, fragments, variables));
    if (child.name.value === 'edges') {
      const edgeType = getNamedType(type.getFields().edges.type) as GraphQLObjectType;
      for (const edgeChild of fieldsOf(child.selectionSet, fragments)) {
        if (edgeChild.name.value === 'node') cost = Math.max(cost, 1 + selectionCost(edgeChild.selectionSet, getNamedType(edgeType.getFields().node.type) as GraphQLObjectType, schema, fragments, variables));
      }
    }
  }
  return cost;
}

function fieldCost(node: FieldNode, field: GraphQLField<unknown, unknown>, schema: GraphQLSchema, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>): number {
  const named = getNamedType(field.type);
  if (!isObjectType(named)) return 0;
  if (named.name.endsWith('Connection')) {
    const first = Number(argument(node, 'first', variables) ?? argument(node, 'last', variables) ?? 0);
    return 2 + Math.max(0, first) * connectionNodeCost(node, named, schema, fragments, variables);
  }
  const children = selectionCost(node.selectionSet, named, schema, fragments, variables);
  if (isListType(getNullableType(field.type))) {
    const first = Number(argument(node, 'first', variables) ?? 1);
    return 1 + Math.max(1, first) * children;
  }
  return 1 + children;
}

function selectionCost(selectionSet: SelectionSetNode | undefined, parent: GraphQLObjectType, schema: GraphQLSchema, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>): number {
  let cost = 0;
  for (const node of fieldsOf(selectionSet, fragments)) {
    const field = parent.getFields()[node.name.value];
    if (field) cost += fieldCost(node, field, schema, fragments, variables);
  }
  return cost;
}

/** The requested (maximum) cost of an operation, before it runs. */
export function requestedCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>): number {
  const root = operation.operation === 'mutation' ? schema.getMutationType()! : schema.getQueryType()!;
  const base = selectionCost(operation.selectionSet, root, schema, fragments, variables);
  return operation.operation === 'mutation' ? base + MUTATION_COST * fieldsOf(operation.selectionSet, fragments).length : base;
}

/** The cost of what a selection actually returned: connections and lists charged per node returned. */
function returnedCost(selectionSet: SelectionSetNode | undefined, parent: GraphQLObjectType, value: unknown, fragments: Record<string, FragmentDefinitionNode>): number {
  if (!value || typeof value !== 'object') return 0;
  let cost = 0;
  for (const node of fieldsOf(selectionSet, fragments)) {
    const field = parent.getFields()[node.name.value];
    if (!field) continue;
    const named = getNamedType(field.type);
    if (!isObjectType(named)) continue;
    const child = (value as Record<string, unknown>)[node.alias?.value ?? node.name.value];
    if (named.name.endsWith('Connection')) {
      const connection = child as { nodes?: unknown[]; edges?: Array<{ node?: unknown }> } | null;
      const nodeType = getNamedType(named.getFields().nodes.type) as GraphQLObjectType;
      const nodesField = fieldsOf(node.selectionSet, fragments).find((candidate) => candidate.name.value === 'nodes');
      const edgesField = fieldsOf(node.selectionSet, fragments).find((candidate) => candidate.name.value === 'edges');
      const nodeSelection = nodesField?.selectionSet ?? fieldsOf(edgesField?.selectionSet, fragments).find((candidate) => candidate.name.value === 'node')?.selectionSet;
      const items = connection?.nodes ?? connection?.edges?.map((edge) => edge.node) ?? [];
      cost += 2 + items.reduce<number>((total, item) => total + 1 + returnedCost(nodeSelection, nodeType, item, fragments), 0);
    } else if (Array.isArray(child)) {
      cost += 1 + child.reduce<number>((total, item) => total + returnedCost(node.selectionSet, named, item, fragments), 0);
    } else {
      cost += 1 + returnedCost(node.selectionSet, named, child, fragments);
    }
  }
  return cost;
}

/** What the query really cost, from what it returned (Shopify refunds the rest of the requested cost). */
export function actualCost(requested: number, schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, data: Record<string, unknown> | null | undefined): number {
  if (!data || operation.operation !== 'query') return requested;
  return Math.max(1, Math.min(requested, returnedCost(operation.selectionSet, schema.getQueryType()!, data, fragments)));
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class CostBucket {
  private available: number;
  private updated = Date.now();

  constructor(
    readonly maximum: number,
    readonly restoreRate: number,
  ) {
    this.available = maximum;
  }

  private refill(): void {
    const now = Date.now();
    this.available = Math.min(this.maximum, this.available + ((now - this.updated) / 1000) * this.restoreRate);
    this.updated = now;
  }

  /** Takes the requested cost if the bucket holds it. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.maximum, this.available + points);
  }

  status(): ThrottleStatus {
    this.refill();
    return { maximumAvailable: this.maximum, currentlyAvailable: Math.floor(this.available), restoreRate: this.restoreRate };
  }
}
