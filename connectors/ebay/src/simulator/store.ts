// The simulated seller account: orders and their shipping fulfillments, inventory items, and the
// OAuth application and tokens. Validation and error ids follow eBay's documented ones; HTTP lives in
// server.ts and routes.ts, so this file knows nothing about requests.
import { randomBytes } from 'node:crypto';
import type { EbayErrorDetail } from '../classify';
import type { EbayOrder, EbayShippingFulfillment } from '../types';
import { buildCatalog, buildOrder, seededRandom, type CatalogEntry, type Random } from './seed';

/** A failure eBay answers with `{ errors: [...] }`. */
export class EbayHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: EbayErrorDetail[],
  ) {
    super(errors.map((error) => error.message).join('; '));
  }
}

export const ebayError = (errorId: number, domain: string, category: string, message: string, parameters?: Record<string, string>): EbayErrorDetail => ({
  errorId,
  domain,
  category,
  message,
  ...(parameters ? { parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })) } : {}),
});

const FULFILLMENT = 'API_FULFILLMENT';
const INVENTORY = 'API_INVENTORY';

export interface InventoryRecord {
  sku: string;
  quantity: number;
  distributions: Array<{ merchantLocationKey: string; quantity: number }>;
  updatedAt: string;
}

export interface StoreOptions {
  orders: number;
  skus: string[];
  seed?: number;
  /** Every n-th seeded order is shipped by eBay's fulfilment program. */
  ebayFulfilledEvery?: number;
  /** Every n-th seeded order still waits for its payment. */
  paymentPendingEvery?: number;
}

export class EbayStore {
  readonly orders = new Map<string, EbayOrder>();
  readonly fulfillments = new Map<string, EbayShippingFulfillment[]>();
  readonly inventory = new Map<string, InventoryRecord>();
  readonly catalog: CatalogEntry[];
  private readonly random: Random;
  private sequence = 0;
  private lineItemSequence = 10_000_000_000;
  private fulfillmentSequence = 1;
  private lastNow = 0;

  constructor(private readonly options: StoreOptions) {
    this.catalog = buildCatalog(options.skus);
    this.random = seededRandom(options.seed ?? 20261203);
    const start = Date.now();
    options.skus.forEach((sku, index) => this.inventory.set(sku, { sku, quantity: 10 + ((index * 7) % 40), distributions: [], updatedAt: new Date(start).toISOString() }));
    for (let n = 0; n < options.orders; n++) {
      // Placed over the last hours; every third order shares its modification instant with the one
      // before (eBay's dates have millisecond precision, but bulk changes share them): cursors break ties.
      const modifiedAt = start - 3_600_000 + Math.floor((n + 1) / 3) * 61_000 + (n % 3 === 1 ? 0 : n);
      this.insert(modifiedAt - 20 * 60_000, modifiedAt, {
        fulfilledByEbay: !!options.ebayFulfilledEvery && (n + 1) % options.ebayFulfilledEvery === 0,
        paymentPending: !!options.paymentPendingEvery && (n + 1) % options.paymentPendingEvery === 0,
      });
    }
  }

  /** The wall clock, never going backwards (eBay stamps changes with its own clock; changes may share a millisecond). */
  now(): string {
    this.lastNow = Math.max(this.lastNow, Date.now());
    return new Date(this.lastNow).toISOString();
  }

  private insert(createdAt: number, modifiedAt: number, flags: { fulfilledByEbay?: boolean; paymentPending?: boolean } = {}): EbayOrder {
    const order = buildOrder({
      sequence: ++this.sequence,
      nextLineItemId: () => String(++this.lineItemSequence),
      random: this.random,
      catalog: this.catalog,
      createdAt,
      modifiedAt,
      ...flags,
    });
    this.orders.set(order.orderId, order);
    return order;
  }

  addOrders(n: number): EbayOrder[] {
    return Array.from({ length: n }, () => {
      const at = Date.parse(this.now());
      return this.insert(at, at);
    });
  }

  order(orderId: string): EbayOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new EbayHttpError(404, [ebayError(32100, FULFILLMENT, 'REQUEST', 'Invalid order ID: ' + orderId, { orderId })]);
    return order;
  }

  private touch(order: EbayOrder): void {
    order.lastModifiedDate = this.now();
  }

  /** The seller (or buyer) cancelled and eBay completed it. */
  cancel(orderId: string): void {
    const order = this.order(orderId);
    order.cancelStatus = { cancelState: 'CANCELED', cancelRequests: [{ cancelRequestState: 'COMPLETED', cancelReason: 'BUYER_ASKED_CANCEL' }] };
    this.touch(order);
  }

  /** The buyer asked to cancel; the seller has not answered. */
  requestCancel(orderId: string): void {
    const order = this.order(orderId);
    order.cancelStatus = { cancelState: 'IN_PROGRESS', cancelRequests: [{ cancelRequestState: 'REQUESTED', cancelReason: 'BUYER_ASKED_CANCEL' }] };
    this.touch(order);
  }

  /** The buyer's payment cleared (an eCheck, a delayed card payment). */
  markPaid(orderId: string): void {
    const order = this.order(orderId);
    order.orderPaymentStatus = 'PAID';
    this.touch(order);
  }

  /** A listing without a SKU was sold: the order cannot be matched to inventory. */
  corrupt(orderId: string): void {
    const order = this.order(orderId);
    delete order.lineItems[0].sku;
    this.touch(order);
  }

  /** Any seller-side edit (a note, a refund): the order moves to now. */
  modify(orderId: string): void {
    this.touch(this.order(orderId));
  }

  createFulfillment(orderId: string, body: unknown): EbayShippingFulfillment {
    const order = this.order(orderId);
    const request = (body ?? {}) as { lineItems?: Array<{ lineItemId?: unknown; quantity?: unknown }>; shippedDate?: unknown; shippingCarrierCode?: unknown; trackingNumber?: unknown };
    if (!Array.isArray(request.lineItems) || request.lineItems.length === 0) throw new EbayHttpError(400, [ebayError(32200, FULFILLMENT, 'REQUEST', 'Invalid line item id', { lineItems: 'missing' })]);
    const ids = new Set<string>();
    const lines = request.lineItems.map((item) => {
      const lineItemId = String(item?.lineItemId ?? '');
      const line = order.lineItems.find((candidate) => candidate.lineItemId === lineItemId);
      if (!line) throw new EbayHttpError(400, [ebayError(32200, FULFILLMENT, 'REQUEST', 'Invalid line item id: ' + lineItemId, { lineItemId })]);
      if (ids.has(lineItemId)) throw new EbayHttpError(400, [ebayError(32210, FULFILLMENT, 'REQUEST', 'Duplicate line item id: ' + lineItemId, { lineItemId })]);
      ids.add(lineItemId);
      const quantity = Number(item?.quantity);
      if (!Number.isInteger(quantity) || quantity <= 0 || quantity > line.quantity) throw new EbayHttpError(400, [ebayError(32200, FULFILLMENT, 'REQUEST', 'Invalid quantity for line item ' + lineItemId, { lineItemId, quantity: String(item?.quantity) })]);
      return { lineItemId, quantity };
    });
    const carrier = typeof request.shippingCarrierCode === 'string' ? request.shippingCarrierCode.trim() : '';
    const tracking = typeof request.trackingNumber === 'string' ? request.trackingNumber.trim() : '';
    if (!carrier || !/^[A-Za-z0-9]+$/.test(carrier) || !tracking || /\s/.test(tracking)) {
      throw new EbayHttpError(400, [ebayError(32300, FULFILLMENT, 'REQUEST', 'Invalid shipment tracking number or carrier', { shippingCarrierCode: carrier, trackingNumber: tracking })]);
    }
    if (request.shippedDate !== undefined && (typeof request.shippedDate !== 'string' || Number.isNaN(Date.parse(request.shippedDate)) || Date.parse(request.shippedDate) > Date.now() + 60_000)) {
      throw new EbayHttpError(400, [ebayError(32500, FULFILLMENT, 'REQUEST', 'Invalid shipped date', { shippedDate: String(request.shippedDate) })]);
    }
    if (order.cancelStatus?.cancelState === 'CANCELED') throw new EbayHttpError(409, [ebayError(32800, FULFILLMENT, 'BUSINESS', 'The order is cancelled and cannot be shipped', { orderId })]);
    const fulfillment: EbayShippingFulfillment = {
      fulfillmentId: `${this.fulfillmentSequence++}${randomBytes(3).toString('hex').toUpperCase()}`,
      shippedDate: typeof request.shippedDate === 'string' ? new Date(request.shippedDate).toISOString() : this.now(),
      shippingCarrierCode: carrier,
      shipmentTrackingNumber: tracking,
      lineItems: lines,
    };
    const list = this.fulfillments.get(orderId) ?? [];
    list.push(fulfillment);
    this.fulfillments.set(orderId, list);
    this.updateFulfillmentStatus(order, list);
    order.fulfillmentHrefs = list.map((entry) => `/sell/fulfillment/v1/order/${orderId}/shipping_fulfillment/${entry.fulfillmentId}`);
    this.touch(order);
    return fulfillment;
  }

  private updateFulfillmentStatus(order: EbayOrder, fulfillments: EbayShippingFulfillment[]): void {
    for (const line of order.lineItems) {
      const shipped = fulfillments.flatMap((entry) => entry.lineItems).filter((entry) => entry.lineItemId === line.lineItemId).reduce((sum, entry) => sum + entry.quantity, 0);
      line.lineItemFulfillmentStatus = shipped >= line.quantity ? 'FULFILLED' : shipped > 0 ? 'IN_PROGRESS' : 'NOT_STARTED';
    }
    const statuses = new Set(order.lineItems.map((line) => line.lineItemFulfillmentStatus));
    order.orderFulfillmentStatus = statuses.size === 1 && statuses.has('FULFILLED') ? 'FULFILLED' : statuses.has('FULFILLED') || statuses.has('IN_PROGRESS') ? 'IN_PROGRESS' : 'NOT_STARTED';
  }

  /** One entry of bulkUpdatePriceQuantity's answer. */
  updateQuantity(request: unknown): { sku?: string; statusCode: number; errors?: EbayErrorDetail[] } {
    const entry = (request ?? {}) as { sku?: unknown; shipToLocationAvailability?: { quantity?: unknown; availabilityDistributions?: Array<{ merchantLocationKey?: unknown; quantity?: unknown }> } };
    const sku = typeof entry.sku === 'string' ? entry.sku : undefined;
    if (!sku) return { statusCode: 400, errors: [ebayError(25709, INVENTORY, 'REQUEST', 'Invalid value for sku', { fieldName: 'sku' })] };
    const item = this.inventory.get(sku);
    if (!item) return { sku, statusCode: 404, errors: [ebayError(25710, INVENTORY, 'REQUEST', "We didn't find the resource/entity you are requesting. Please verify the request", { sku })] };
    const quantity = entry.shipToLocationAvailability?.quantity;
    if (!Number.isInteger(quantity) || (quantity as number) < 0) {
      return { sku, statusCode: 400, errors: [ebayError(25709, INVENTORY, 'REQUEST', 'Invalid value for shipToLocationAvailability.quantity', { fieldName: 'shipToLocationAvailability.quantity' })] };
    }
    item.quantity = quantity as number;
    item.distributions = (entry.shipToLocationAvailability?.availabilityDistributions ?? []).map((distribution) => ({ merchantLocationKey: String(distribution.merchantLocationKey), quantity: Number(distribution.quantity) }));
    item.updatedAt = this.now();
    return { sku, statusCode: 200 };
  }

  inventoryItem(sku: string) {
    const item = this.inventory.get(sku);
    if (!item) return undefined;
    const entry = this.catalog.find((candidate) => candidate.sku === sku);
    return {
      sku,
      locale: 'en_US',
      condition: 'USED_EXCELLENT',
      product: { title: entry?.title ?? sku },
      availability: { shipToLocationAvailability: { quantity: item.quantity, ...(item.distributions.length ? { availabilityDistributions: item.distributions } : {}) } },
    };
  }
}
