// The runtime's only way into the rest of the hub: the public graph at the gateway, as the service
// identity `channels` (never another subgraph's collections), with the typed documents of
// @oms/contracts (packages/contracts/src/peers/gateway/channels.graphql). One request per question, batched.
import { gatewayOperations as gatewayOps } from '@oms/contracts';
import { GraphqlClient, internalHeaders, serviceIdentity, unavailable, UNREACHABLE_RETRY_SECONDS, type TypedDocumentNode } from '@oms/platform';
import { Kind, type FieldNode, type OperationDefinitionNode } from 'graphql';

export const CHANNELS_SERVICE = serviceIdentity('channels');

export type HubEventPage = gatewayOps.ChannelsInventoryEventsQuery['inventoryEvents'];
export type HubEvent = HubEventPage['events'][number];
export type HubShipment = gatewayOps.ChannelsShipmentFieldsFragment;

export interface HubStock {
  sku: string;
  available: number;
  /** Available units by hub location id. */
  byLocation: Map<string, number>;
  /** When the hub last changed any of its levels (null: it has none). */
  changedAt: Date | null;
}

/** inventoryItems pages hold at most 100 items. */
const STOCK_PAGE = 100;

export class HubClient {
  private readonly client: GraphqlClient;

  constructor(private readonly gatewayUrl: () => string) {
    this.client = new GraphqlClient({ service: 'gateway', url: () => this.url(), identity: CHANNELS_SERVICE, timeoutMs: 30_000 });
  }

  /** The gateway's address; UNAVAILABLE (as from GraphqlClient) while it is not known yet. */
  url(): string {
    try {
      return this.gatewayUrl();
    } catch (error) {
      throw unavailable('gateway', (error as Error).message, UNREACHABLE_RETRY_SECONDS);
    }
  }

  /** Headers for the kit's GraphHubSink (signed tokens expire: ask again for every batch). */
  headers(): Promise<Record<string, string>> {
    return internalHeaders(CHANNELS_SERVICE);
  }

  async inventoryEvents(after: string | null, first: number): Promise<HubEventPage> {
    return (await this.client.execute(gatewayOps.ChannelsInventoryEventsDocument, { after, first })).inventoryEvents;
  }

  async fulfillmentEvents(after: string | null, first: number, types: string[]): Promise<HubEventPage> {
    return (await this.client.execute(gatewayOps.ChannelsFulfillmentEventsDocument, { after, first, types })).fulfillmentEvents;
  }

  /** Current availability of these SKUs (absent: the hub has no such item), one request per 100 SKUs. */
  async stock(skus: string[]): Promise<Map<string, HubStock>> {
    const found = new Map<string, HubStock>();
    const unique = [...new Set(skus)];
    for (let start = 0; start < unique.length; start += STOCK_PAGE) {
      const chunk = unique.slice(start, start + STOCK_PAGE);
      const data = await this.client.execute(gatewayOps.ChannelsStockDocument, { skus: chunk, first: chunk.length });
      for (const { node } of data.inventoryItems.edges) {
        const changed = node.stock.map((level) => Date.parse(level.updatedAt)).filter((time) => Number.isFinite(time));
        found.set(node.sku, {
          sku: node.sku,
          available: node.available,
          byLocation: new Map(node.stock.map((level) => [level.location.id, level.available])),
          changedAt: changed.length ? new Date(Math.max(...changed)) : null,
        });
      }
    }
    return found;
  }

  /** Shipments by id in one aliased query (null for unknown ids). */
  async shipments(ids: string[]): Promise<Map<string, HubShipment | null>> {
    const found = new Map<string, HubShipment | null>();
    if (!ids.length) return found;
    const variables = Object.fromEntries(ids.map((id, index) => [`s${index}`, id]));
    const data = await this.client.execute(manyShipmentsDocument(ids.length), variables);
    ids.forEach((id, index) => found.set(id, data[`s${index}`] ?? null));
    return found;
  }
}

/**
 * ChannelsShipment (checked against the public graph) repeated `count` times under aliases `s0`…:
 * `s0: shipment(id: $s0) { ...ChannelsShipmentFields }`, so many shipments cost one request.
 */
function manyShipmentsDocument(count: number): TypedDocumentNode<Record<string, HubShipment | null>, Record<string, string>> {
  const one = gatewayOps.ChannelsShipmentDocument;
  const operation = one.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  const field = operation.selectionSet.selections[0] as FieldNode;
  const variable = operation.variableDefinitions![0];
  const name = (index: number) => ({ kind: Kind.NAME, value: `s${index}` }) as const;
  const indexes = Array.from({ length: count }, (_, index) => index);
  const many: OperationDefinitionNode = {
    ...operation,
    name: { kind: Kind.NAME, value: 'ChannelsShipments' },
    variableDefinitions: indexes.map((index) => ({ ...variable, variable: { kind: Kind.VARIABLE, name: name(index) } })),
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: indexes.map((index) => ({ ...field, alias: name(index), arguments: field.arguments!.map((argument) => ({ ...argument, value: { kind: Kind.VARIABLE, name: name(index) } })) })),
    },
  };
  return { ...one, definitions: one.definitions.map((definition) => (definition === operation ? many : definition)) } as TypedDocumentNode<Record<string, HubShipment | null>, Record<string, string>>;
}
