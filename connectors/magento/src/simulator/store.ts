// The simulated shop's state and what changes it: orders, shipments (ShipOrder's rules and
// validation messages), MSI sources and source items. HTTP lives in server.ts; this file knows
// nothing about requests.
import { formatMagentoTime, type MagentoOrder, type MagentoShipment, type MagentoSource, type MagentoSourceItem } from '../types';
import { buildCatalog, buildOrder, seededRandom, type CatalogEntry, type Random } from './seed';

/** A failure Magento answers with an error body (`message` with placeholders, `parameters`). */
export class MagentoHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameters?: unknown[] | Record<string, unknown>,
    readonly errors?: Array<{ message: string; parameters?: unknown[] | Record<string, unknown> }>,
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { message: this.message, ...(this.parameters ? { parameters: this.parameters } : {}), ...(this.errors ? { errors: this.errors } : {}) };
  }
}

export const NO_SUCH_ENTITY = "The entity that was requested doesn't exist. Verify the entity and try again.";

const SEED_START = Date.UTC(2024, 2, 1, 8, 0, 0);
/** States in which Magento refuses a shipment outright (ShipOrder's OrderValidator). */
const UNSHIPPABLE_STATES = new Set(['canceled', 'holded', 'payment_review', 'closed', 'complete']);

export interface ShipRequest {
  items?: Array<{ order_item_id?: unknown; qty?: unknown }>;
  notify?: unknown;
  appendComment?: unknown;
  comment?: { comment?: unknown; is_visible_on_front?: unknown };
  tracks?: Array<{ track_number?: unknown; title?: unknown; carrier_code?: unknown }>;
}

export class MagentoStore {
  readonly orders = new Map<number, MagentoOrder>();
  readonly shipments: MagentoShipment[] = [];
  readonly sources: MagentoSource[] = [
    { source_code: 'default', name: 'Default Source', enabled: true, country_id: 'DE', postcode: '10115' },
    { source_code: 'warehouse_eu', name: 'EU Warehouse', enabled: true, country_id: 'NL', postcode: '3511 AB' },
  ];
  private readonly sourceItems = new Map<string, MagentoSourceItem>();
  private readonly catalog: CatalogEntry[];
  private readonly random: Random;
  private nextOrderId = 1;
  private nextItemId = 1;
  private nextShipmentId = 1;
  private nextTrackId = 1;
  private nextCommentId = 1;
  private lastNow = 0;

  constructor(options: { orders: number; skus: string[]; seed?: number }) {
    this.catalog = buildCatalog(options.skus);
    this.random = seededRandom(options.seed ?? 20240301);
    options.skus.forEach((sku, index) => this.putSourceItem({ sku, source_code: 'default', quantity: 20 + ((index * 7) % 50), status: 1 }));
    for (let n = 0; n < options.orders; n++) {
      // Three orders share each second, as bulk imports and busy shops produce: cursors must break ties.
      const updated = SEED_START + Math.floor(n / 3) * 47_000;
      this.insertOrder(formatMagentoTime(new Date(updated - 15 * 60_000)), formatMagentoTime(new Date(updated)));
    }
  }

  /** Wall-clock second, never going backwards (Magento's updated_at comes from the database clock). */
  now(): string {
    this.lastNow = Math.max(this.lastNow, Math.floor(Date.now() / 1000) * 1000);
    return formatMagentoTime(new Date(this.lastNow));
  }

  private insertOrder(createdAt: string, updatedAt: string): MagentoOrder {
    const order = buildOrder({ entityId: this.nextOrderId++, nextItemId: () => this.nextItemId++, random: this.random, catalog: this.catalog, createdAt, updatedAt });
    this.orders.set(order.entity_id, order);
    return order;
  }

  addOrders(n: number): MagentoOrder[] {
    return Array.from({ length: n }, () => {
      const at = this.now();
      return this.insertOrder(at, at);
    });
  }

  order(entityId: number): MagentoOrder {
    const order = this.orders.get(entityId);
    if (!order) throw new MagentoHttpError(404, NO_SUCH_ENTITY);
    return order;
  }

  cancel(entityId: number): void {
    const order = this.order(entityId);
    order.state = 'canceled';
    order.status = 'canceled';
    for (const item of order.items) item.qty_canceled = item.qty_ordered - item.qty_shipped;
    order.status_histories.push({ comment: 'Order canceled', created_at: this.now(), status: 'canceled' });
    order.updated_at = this.now();
  }

  /** Damages an order the way broken extensions do: lines without SKU, no order currency. */
  corrupt(entityId: number): void {
    const order = this.order(entityId);
    order.order_currency_code = null;
    for (const item of order.items) item.sku = null;
    order.updated_at = this.now();
  }

  ship(orderId: number, request: ShipRequest): number {
    const order = this.order(orderId);
    const errors: string[] = [];
    if (['holded', 'payment_review'].includes(order.state)) errors.push(`A shipment cannot be created when an order has a status of ${order.status}`);
    const byId = new Map(order.items.map((item) => [item.item_id, item]));
    const remaining = (itemId: number) => {
      const item = byId.get(itemId)!;
      return item.qty_ordered - item.qty_shipped - item.qty_canceled;
    };
    const parents = order.items.filter((item) => item.parent_item_id === undefined && !item.is_virtual);
    if (!errors.length && (UNSHIPPABLE_STATES.has(order.state) || parents.every((item) => remaining(item.item_id) <= 0))) errors.push('The order does not allow a shipment to be created.');

    const quantities = new Map<number, number>();
    const wanted = request.items?.length ? request.items : parents.map((item) => ({ order_item_id: item.item_id, qty: remaining(item.item_id) }));
    for (const line of wanted) {
      const id = Number(line.order_item_id);
      const qty = Number(line.qty);
      const item = byId.get(id);
      if (!item) continue; // Magento ignores unknown item ids (and then finds nothing to ship).
      // Shipping a configurable's child ships its parent line, as Magento's shipment factory does.
      const target = item.parent_item_id ?? item.item_id;
      if (!Number.isFinite(qty) || qty < 0) errors.push(`We found an invalid quantity to ship for item "${item.name}".`);
      else if (qty > 0) quantities.set(target, (quantities.get(target) ?? 0) + qty);
    }
    for (const [itemId, qty] of quantities) if (qty > remaining(itemId)) errors.push(`We found an invalid quantity to ship for item "${byId.get(itemId)!.name}".`);
    if (!errors.length && quantities.size === 0) errors.push("You can't create a shipment without products.");
    for (const track of request.tracks ?? []) if (typeof track.track_number !== 'string' || track.track_number.trim() === '') errors.push('Please enter a tracking number.');
    if (errors.length) throw new MagentoHttpError(400, `Shipment Document Validation Error(s):\n${[...new Set(errors)].join('\n')}`);

    const at = this.now();
    const shipmentId = this.nextShipmentId++;
    for (const [itemId, qty] of quantities) {
      byId.get(itemId)!.qty_shipped += qty;
      for (const child of order.items) if (child.parent_item_id === itemId) child.qty_shipped += qty;
    }
    const commentText = typeof request.comment?.comment === 'string' ? request.comment.comment : '';
    this.shipments.push({
      entity_id: shipmentId,
      increment_id: String(shipmentId).padStart(9, '0'),
      order_id: order.entity_id,
      store_id: order.store_id,
      total_qty: [...quantities.values()].reduce((a, b) => a + b, 0),
      created_at: at,
      updated_at: at,
      items: [...quantities].map(([itemId, qty], index) => {
        const item = byId.get(itemId)!;
        return { entity_id: shipmentId * 100 + index, parent_id: shipmentId, order_item_id: itemId, sku: item.sku, name: item.name, qty, price: item.price };
      }),
      tracks: (request.tracks ?? []).map((track) => ({
        entity_id: this.nextTrackId++,
        parent_id: shipmentId,
        order_id: order.entity_id,
        track_number: String(track.track_number).trim(),
        title: typeof track.title === 'string' ? track.title : '',
        carrier_code: typeof track.carrier_code === 'string' ? track.carrier_code : 'custom',
        created_at: at,
        updated_at: at,
      })),
      comments: commentText
        ? [{ entity_id: this.nextCommentId++, parent_id: shipmentId, comment: commentText, is_customer_notified: request.notify ? 1 : 0, is_visible_on_front: request.comment?.is_visible_on_front ? 1 : 0, created_at: at }]
        : [],
    });
    const done = parents.every((item) => remaining(item.item_id) <= 0);
    order.state = done ? 'complete' : 'processing';
    order.status = done ? 'complete' : 'processing';
    order.updated_at = at;
    return shipmentId;
  }

  private putSourceItem(item: MagentoSourceItem): void {
    this.sourceItems.set(`${item.source_code}\u0000${item.sku}`, item);
  }

  sourceItem(sku: string, sourceCode = 'default'): MagentoSourceItem | undefined {
    return this.sourceItems.get(`${sourceCode}\u0000${sku}`);
  }

  /** Whether the shop sells this SKU: a catalogue product, or one its orders were placed for. */
  hasProduct(sku: string): boolean {
    if (this.catalog.some((product) => product.sku === sku)) return true;
    for (const order of this.orders.values()) if (order.items.some((item) => item.sku === sku)) return true;
    return false;
  }

  /** Changes a quantity the way a merchant editing the product in the admin would (tests inject drift with it). */
  setSourceQuantity(sku: string, quantity: number, sourceCode = 'default'): void {
    this.putSourceItem({ sku, source_code: sourceCode, quantity, status: quantity > 0 ? 1 : 0 });
  }

  allSourceItems(): MagentoSourceItem[] {
    return [...this.sourceItems.values()];
  }

  /** MSI's SourceItemsSave: validates every item first, then saves all (nothing saved on error). */
  saveSourceItems(items: unknown): void {
    if (!Array.isArray(items)) throw new MagentoHttpError(400, '"%fieldName" is required. Enter and try again.', { fieldName: 'sourceItems' });
    if (items.length === 0) throw new MagentoHttpError(400, 'Input data is empty');
    const errors: Array<{ message: string; parameters: Record<string, unknown> }> = [];
    const valid: MagentoSourceItem[] = [];
    for (const raw of items as Array<Record<string, unknown>>) {
      const { sku, source_code: sourceCode, quantity, status } = raw ?? {};
      if (typeof sku !== 'string' || sku.trim() === '') errors.push({ message: '"%field" can not be empty.', parameters: { field: 'sku' } });
      else if (typeof sourceCode !== 'string' || sourceCode === '') errors.push({ message: '"%field" can not be empty.', parameters: { field: 'source_code' } });
      else if (typeof quantity !== 'number' || !Number.isFinite(quantity)) errors.push({ message: '"%field" should be numeric.', parameters: { field: 'quantity' } });
      else if (status !== 0 && status !== 1) errors.push({ message: '"%field" should be numeric.', parameters: { field: 'status' } });
      else if (!this.sources.some((source) => source.source_code === sourceCode)) throw new MagentoHttpError(400, 'Could not save Source Item');
      // MSI validates every item against the catalogue: one unknown SKU fails the whole request.
      else if (!this.hasProduct(sku)) errors.push({ message: 'Product with SKU "%sku" does not exist.', parameters: { sku } });
      else valid.push({ sku, source_code: sourceCode, quantity, status });
    }
    if (errors.length) throw new MagentoHttpError(400, 'Validation Failed', undefined, errors);
    for (const item of valid) this.putSourceItem(item);
  }
}
