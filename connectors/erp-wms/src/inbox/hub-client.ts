// What the inbox asks of the hub, through its public graph as the connection's own identity (so the
// stock ledger and shipment history name the WMS connection): find an order and its shipments, move a
// shipment to SHIPPED, set a stock count, read what is reserved.
import { createHubGraphqlClient, describeHubError, type HubGraphqlError, type HubHeaders } from '@oms/connector-kit/src/hub/hub-graphql';
import { ConnectorError, kitLogger } from '@oms/connector-kit';

export interface HubShipment {
  id: string;
  status: string;
  trackingNumber: string | null;
  location: { id: string };
  lines: Array<{ sku: string; quantity: number }>;
}

export interface HubOrderWithShipments {
  id: string;
  shipments: HubShipment[];
}

export type HubResult<T> = { ok: true; data: T } | { ok: false; error: HubGraphqlError; reason: string };

const SHIPMENT = 'id status trackingNumber location { id } lines { sku quantity }';
const OBJECT_ID = /^[a-f0-9]{24}$/i;
/** Codes that are about the record, not the hub: the row is dead-lettered, the file goes on. */
const RECORD_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'INVALID_TRANSITION', 'INSUFFICIENT_STOCK', 'CONFLICT']);

export class InboxHubClient {
  private readonly client;

  constructor(options: { url: string; headers?: HubHeaders }) {
    this.client = createHubGraphqlClient({ url: options.url, headers: options.headers, log: kitLogger('erp-wms.inbox') });
  }

  /** Record-level refusals come back as results; anything else (credentials, outage) throws. */
  async call<T>(query: string, variables: Record<string, unknown>): Promise<HubResult<T>> {
    const response = await this.client.post<T>(query, variables);
    const error = response.errors?.[0];
    if (!error && response.data) return { ok: true, data: response.data };
    if (error && RECORD_CODES.has(error.extensions?.code ?? '')) return { ok: false, error, reason: describeHubError(error) };
    const code = error?.extensions?.code;
    const kind = code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? 'AUTH' : 'TRANSIENT';
    throw new ConnectorError(kind, `The OMS hub failed: ${error ? describeHubError(error) : 'no data'}`, { body: response.errors });
  }

  /** By hub order id (what order exports carry) or by this channel's order id. */
  async findOrder(channel: string, ref: string): Promise<HubOrderWithShipments | null> {
    const result = OBJECT_ID.test(ref)
      ? await this.call<{ order: HubOrderWithShipments | null }>(`query($id: ID!) { order(id: $id) { id shipments { ${SHIPMENT} } } }`, { id: ref })
      : await this.call<{ orderByChannel: HubOrderWithShipments | null }>(`query($c: String!, $r: String!) { orderByChannel(channel: $c, channelOrderId: $r) { id shipments { ${SHIPMENT} } } }`, { c: channel, r: ref });
    if (!result.ok) return null;
    return 'order' in result.data ? result.data.order : result.data.orderByChannel;
  }

  /** PENDING → PICKING → PACKED → SHIPPED with carrier and tracking; each step is the hub's own transition. */
  async ship(shipment: HubShipment, carrier: string, trackingNumber: string): Promise<HubResult<HubShipment>> {
    let status = shipment.status;
    const steps: Record<string, string> = { PENDING: 'pickShipment', PICKING: 'packShipment' };
    while (steps[status]) {
      const step = await this.call<Record<string, HubShipment>>(`mutation($id: ID!) { s: ${steps[status]}(id: $id) { ${SHIPMENT} } }`, { id: shipment.id });
      if (!step.ok) return step;
      status = step.data.s.status;
    }
    const shipped = await this.call<{ s: HubShipment }>(`mutation($input: ShipShipmentInput!) { s: shipShipment(input: $input) { ${SHIPMENT} } }`, { input: { id: shipment.id, carrier, trackingNumber } });
    return shipped.ok ? { ok: true, data: shipped.data.s } : shipped;
  }

  async locations(): Promise<Array<{ id: string; code: string }>> {
    const result = await this.call<{ locations: Array<{ id: string; code: string }> }>(`query { locations { id code } }`, {});
    return result.ok ? result.data.locations : [];
  }

  async setStock(input: { sku: string; locationId: string; onHand: number; reason: string; reference: string }): Promise<HubResult<{ onHand: number }>> {
    const result = await this.call<{ setStock: { onHand: number } }>(`mutation($input: SetStockInput!) { setStock(input: $input) { onHand } }`, { input });
    return result.ok ? { ok: true, data: result.data.setStock } : result;
  }

  async reserved(sku: string, locationId: string): Promise<number | null> {
    const result = await this.call<{ inventoryItem: { stock: Array<{ location: { id: string }; reserved: number }> } | null }>(
      `query($sku: String!) { inventoryItem(sku: $sku) { stock { location { id } reserved } } }`,
      { sku },
    );
    if (!result.ok || !result.data.inventoryItem) return null;
    return result.data.inventoryItem.stock.find((level) => level.location.id === locationId)?.reserved ?? 0;
  }
}
