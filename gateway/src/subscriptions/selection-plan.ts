// Turns what a subscriber selected under an event into one query the gateway can run at delivery
// time: each entity field (`order { … }`, `shipment { … }`, `item`/`location`) becomes a root field
// with the same response key, fetched by the event's key —
//   subscription { orderStatusChanged { status o: order { ...F customer { email } } } }
//   → query($eventOrderId: ID!) { o: order(id: $eventOrderId) { ...F customer { email __typename } __typename } }
// Fragments, directives and variables come along; the event's own fields stay out (the event has
// them). Running the result through graphql-js with the same response keys rebuilds the payload.
import {
  Kind,
  OperationTypeNode,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { EntityField, Topic } from './topics';

export interface FetchPlan {
  /** The query text (printed once; Apollo caches its parse, validation and query plan). */
  query: string;
  /** Variable name → the entity key it carries. */
  keys: Record<string, EntityField>;
  /** The subscriber's own variables the selection uses (passed through unchanged). */
  usedVariables: string[];
}

export interface SelectionPlan {
  rootField: FieldNode;
  /** The root field's response key (its alias, else its name). */
  rootKey: string;
  /** Null when nothing but the event's own fields is selected: no fetch at all. */
  fetch: FetchPlan | null;
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
const responseKey = (field: FieldNode) => field.alias?.value ?? field.name.value;

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return fragments;
}

/** The one field of a subscription operation (validation already ensured there is exactly one). */
export function subscriptionRootField(operation: OperationDefinitionNode, document: DocumentNode): FieldNode {
  const fragments = fragmentsOf(document);
  const find = (selectionSet: SelectionSetNode): FieldNode | undefined => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) return selection;
      const nested = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
      const found = nested && find(nested);
      if (found) return found;
    }
    return undefined;
  };
  const field = find(operation.selectionSet);
  if (!field) throw new Error('A subscription selects exactly one field');
  return field;
}

/** Adds `__typename` to every selection set, so abstract types resolve from prefetched data. */
function withTypename(selectionSet: SelectionSetNode): SelectionSetNode {
  const selections = selectionSet.selections.map((selection): SelectionNode => {
    if (selection.kind === Kind.FIELD) return selection.selectionSet ? { ...selection, selectionSet: withTypename(selection.selectionSet) } : selection;
    if (selection.kind === Kind.INLINE_FRAGMENT) return { ...selection, selectionSet: withTypename(selection.selectionSet) };
    return selection;
  });
  const hasTypename = selections.some((selection) => selection.kind === Kind.FIELD && !selection.alias && selection.name.value === '__typename');
  return { ...selectionSet, selections: hasTypename ? selections : [...selections, { kind: Kind.FIELD, name: name('__typename') }] };
}

export function buildSelectionPlan(document: DocumentNode, operation: OperationDefinitionNode, topic: Topic): SelectionPlan {
  const rootField = subscriptionRootField(operation, document);
  const fragments = fragmentsOf(document);
  const taken = new Set((operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value));
  const keys: Record<string, EntityField> = {};
  const variableFor = new Map<string, string>();
  const keyVariable = (entityName: string, entity: EntityField): string => {
    let variable = variableFor.get(entityName);
    if (!variable) {
      variable = `event${entityName[0].toUpperCase()}${entityName.slice(1)}Key`;
      while (taken.has(variable)) variable = `${variable}_`;
      taken.add(variable);
      variableFor.set(entityName, variable);
      keys[variable] = entity;
    }
    return variable;
  };

  // The event type's selections → Query selections: entity fields become root fields, inline
  // fragments and spreads on the event type become inline fragments (keeping their directives).
  const rewrite = (selectionSet: SelectionSetNode): SelectionNode[] =>
    selectionSet.selections.flatMap((selection): SelectionNode[] => {
      if (selection.kind === Kind.FIELD) {
        const entity = topic.entities[selection.name.value];
        if (!entity || !selection.selectionSet) return [];
        const variable = keyVariable(selection.name.value, entity);
        const field: FieldNode = {
          kind: Kind.FIELD,
          alias: name(responseKey(selection)),
          name: name(entity.queryField),
          arguments: [{ kind: Kind.ARGUMENT, name: name(entity.argument), value: { kind: Kind.VARIABLE, name: name(variable) } }],
          directives: selection.directives,
          selectionSet: withTypename(selection.selectionSet),
        };
        return [field];
      }
      const nested = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
      if (!nested) return [];
      const inner = rewrite(nested);
      return inner.length ? [{ kind: Kind.INLINE_FRAGMENT, directives: selection.directives, selectionSet: { kind: Kind.SELECTION_SET, selections: inner } }] : [];
    });

  const selections = rootField.selectionSet ? rewrite(rootField.selectionSet) : [];
  if (selections.length === 0) return { rootField, rootKey: responseKey(rootField), fetch: null };

  // Only the fragments the rewritten selection reaches (on entity types; those on the event type
  // were inlined above), each with `__typename` added too.
  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (node: SelectionSetNode | SelectionNode[]) => {
    visit({ kind: Kind.SELECTION_SET, selections: Array.isArray(node) ? node : node.selections } as SelectionSetNode, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, { ...fragment, selectionSet: withTypename(fragment.selectionSet) });
          collect(fragment.selectionSet);
        }
      },
    });
  };
  collect(selections);

  const variables = new Set<string>();
  const body: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [{ kind: Kind.OPERATION_DEFINITION, operation: OperationTypeNode.QUERY, selectionSet: { kind: Kind.SELECTION_SET, selections } }, ...used.values()],
  };
  visit(body, { Variable: (variable) => void variables.add(variable.name.value) });
  const usedVariables = [...variables].filter((variable) => !(variable in keys));
  const definitions: VariableDefinitionNode[] = [
    ...Object.entries(keys).map(([variable, entity]) => ({
      kind: Kind.VARIABLE_DEFINITION as const,
      variable: { kind: Kind.VARIABLE as const, name: name(variable) },
      type: { kind: Kind.NON_NULL_TYPE as const, type: { kind: Kind.NAMED_TYPE as const, name: name(entity.argumentType.replace(/!$/, '')) } },
    })),
    ...(operation.variableDefinitions ?? []).filter((definition) => usedVariables.includes(definition.variable.name.value)),
  ];
  const query: DocumentNode = {
    ...body,
    definitions: [
      { kind: Kind.OPERATION_DEFINITION, operation: OperationTypeNode.QUERY, name: name('SubscriptionEventFetch'), variableDefinitions: definitions, selectionSet: { kind: Kind.SELECTION_SET, selections } },
      ...used.values(),
    ],
  };
  return { rootField, rootKey: responseKey(rootField), fetch: { query: print(query), keys, usedVariables } };
}
