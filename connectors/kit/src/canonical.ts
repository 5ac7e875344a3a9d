// The hub's side of every connector: channel data mapped into these shapes (money in integer minor
// units with an ISO-4217 currency, ISO-3166 alpha-2 countries, UTC ISO-8601 times) and back.

/**
 * Channel order states the hub acts on; everything else a channel has maps onto one of these.
 * PENDING: placed on the channel but not yet payable/shippable (Amazon `Pending`): imported and held,
 * never allocated until it becomes OPEN.
 */
export type CanonicalOrderState = 'PENDING' | 'OPEN' | 'CANCELLED';

/**
 * Who ships the order. CHANNEL: the marketplace fulfils it from its own stock (Amazon AFN, eBay
 * managed shipping); the hub imports it for visibility and never routes it to a location.
 */
export type CanonicalFulfilledBy = 'MERCHANT' | 'CHANNEL';

/** The channel's delivery promise, which becomes the shipment's promise. UTC ISO-8601. */
export interface CanonicalPromise {
  earliestShipAt?: string;
  latestShipAt?: string;
  latestDeliveryAt?: string;
}

export interface CanonicalAddress {
  name: string;
  company?: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode?: string;
  /** ISO-3166-1 alpha-2. */
  countryCode: string;
  phone?: string;
}

export interface CanonicalOrderLine {
  /** The channel's line id (needed to fulfil that line on the channel later). */
  channelLineId: string;
  sku: string;
  quantity: number;
  /** Minor units, per unit. */
  unitPrice: number;
  /** Minor units, whole line. */
  tax: number;
  name?: string;
}

/** A channel order as the hub's placeOrder input needs it (PlaceOrderInput), plus its channel state. */
export interface CanonicalOrder {
  channelOrderId: string;
  /** What the merchant sees on the channel (`#1001`, `000000042`). */
  channelOrderNumber?: string;
  state: CanonicalOrderState;
  /** ISO-4217. */
  currency: string;
  customer: { email: string; name?: string; phone?: string };
  shippingAddress: CanonicalAddress;
  billingAddress?: CanonicalAddress;
  lines: CanonicalOrderLine[];
  /** Minor units. */
  shippingPrice: number;
  /** Minor units. */
  discount: number;
  placedAt: string;
  updatedAt: string;
  /** Defaults to MERCHANT. */
  fulfilledBy?: CanonicalFulfilledBy;
  promise?: CanonicalPromise;
  /** B2B: the buyer's purchase-order number (EDI 850 BEG03, Amazon Business PO). */
  purchaseOrderNumber?: string;
}

/** A quantity to publish for one SKU at one channel location (the kit has applied the buffer). */
export interface CanonicalStockLevel {
  sku: string;
  /** The channel's location id this connection maps the hub's stock onto; undefined: the channel's default. */
  channelLocationId?: string;
  quantity: number;
}

/** A quantity the channel currently shows for a SKU, as read back for reconciliation. */
export interface CanonicalPublishedStock {
  sku: string;
  channelLocationId?: string;
  /** null: the channel does not list this SKU at all. */
  quantity: number | null;
  /** When the channel last changed it, if it says. UTC ISO-8601. */
  updatedAt?: string;
}

export interface CanonicalFulfillment {
  channelOrderId: string;
  /** The hub shipment id: fulfilling the same shipment twice must not create two fulfillments. */
  shipmentId: string;
  lines: Array<{ sku: string; quantity: number; channelLineId?: string }>;
  carrier: string;
  trackingNumber: string;
  trackingUrl?: string;
  shippedAt: string;
}
