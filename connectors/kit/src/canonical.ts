// The hub's side of every connector: channel data mapped into these shapes (money in integer minor
// units with an ISO-4217 currency, ISO-3166 alpha-2 countries, UTC ISO-8601 times) and back.

/** Channel order states the hub acts on; everything else a channel has maps onto one of these. */
export type CanonicalOrderState = 'OPEN' | 'CANCELLED';

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
}

/** A quantity to publish for one SKU at one channel location (the kit has applied the buffer). */
export interface CanonicalStockLevel {
  sku: string;
  /** The channel's location id this connection maps the hub's stock onto; undefined: the channel's default. */
  channelLocationId?: string;
  quantity: number;
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
