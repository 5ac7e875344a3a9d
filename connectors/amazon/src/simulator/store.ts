// The simulated seller account: orders with their items, merchant-fulfilled listings and the packages
// confirmed per order. Seeded deterministically; every change stamps LastUpdateDate as Amazon does.
import { seededRandom, type Random } from '@oms/connector-kit';
import type { AmazonAddress, AmazonOrder, AmazonOrderItem, AmazonOrderStatus, ConfirmShipmentRequest } from '../types';

export const SIM_MARKETPLACE = { id: 'A1PA6795UKMFR9', name: 'Amazon.de', countryCode: 'DE', defaultCurrencyCode: 'EUR', defaultLanguageCode: 'de_DE', domainName: 'www.amazon.de' };
const VAT = 0.19;

export interface SimOrder {
  order: AmazonOrder;
  items: AmazonOrderItem[];
  packages: Array<ConfirmShipmentRequest['packageDetail'] & { confirmedAt: string }>;
}

export interface SimListing {
  sku: string;
  productType: string;
  quantity: number;
  /** When set, patches of this listing's quantity come back INVALID with this issue. */
  refusal?: { code: string; message: string };
  submissions: number;
}

const STREETS = ['Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Lindenallee', 'Schulstraße'];
const CITIES: Array<[string, string, string]> = [
  ['Berlin', 'Berlin', '10115'],
  ['München', 'Bayern', '80331'],
  ['Hamburg', 'Hamburg', '20095'],
  ['Köln', 'Nordrhein-Westfalen', '50667'],
];
const NAMES = ['Anna Schmidt', 'Lukas Müller', 'Mia Weber', 'Jonas Fischer', 'Lea Wagner', 'Felix Becker'];

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const pick = <T>(random: Random, list: T[]): T => list[Math.floor(random() * list.length)];
const digits = (random: Random, n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
const amount = (cents: number) => (cents / 100).toFixed(2);

export class AmazonStore {
  readonly orders = new Map<string, SimOrder>();
  readonly listings = new Map<string, SimListing>();
  readonly skus: string[];
  private readonly random: Random;
  private lastStamp = 0;
  private itemCounter = 0;

  constructor(options: { orders: number; skus: string[]; seed?: number }) {
    this.random = seededRandom(options.seed ?? 20261203);
    this.skus = options.skus;
    for (const sku of options.skus) this.listings.set(sku, { sku, productType: 'PRODUCT', quantity: 10 + Math.floor(this.random() * 90), submissions: 0 });
    // Seeded orders were placed over the last two days; pairs of them changed in the same second.
    const base = Date.now() - 2 * 86_400_000;
    for (let index = 0; index < options.orders; index++) {
      const placed = base + index * 600_000;
      this.create(index, iso(placed), iso(base + Math.floor(index / 2) * 1_200_000 + 300_000));
    }
  }

  /** LastUpdateDate for a change now: whole seconds, never before an earlier change. */
  stamp(): string {
    this.lastStamp = Math.max(Date.now(), this.lastStamp);
    return iso(this.lastStamp);
  }

  private address(): AmazonAddress {
    const [city, region, postal] = pick(this.random, CITIES);
    return { Name: pick(this.random, NAMES), AddressLine1: `${pick(this.random, STREETS)} ${1 + Math.floor(this.random() * 120)}`, City: city, StateOrRegion: region, PostalCode: postal, CountryCode: 'DE', Phone: `+49 30 ${digits(this.random, 7)}`, AddressType: 'Residential' };
  }

  private create(index: number, purchaseDate: string, lastUpdate: string, status?: AmazonOrderStatus): SimOrder {
    const id = `${String(302 + (index % 4)).padStart(3, '0')}-${digits(this.random, 7)}-${String(1_000_000 + index).padStart(7, '0')}`;
    const afn = index % 9 === 4;
    const business = index % 7 === 3;
    const orderStatus: AmazonOrderStatus = status ?? (afn || index % 6 === 5 ? 'Shipped' : 'Unshipped');
    const lineCount = 1 + Math.floor(this.random() * 3);
    const items: AmazonOrderItem[] = [];
    const skus = [...this.skus];
    for (let line = 0; line < lineCount && skus.length; line++) {
      const sku = skus.splice(Math.floor(this.random() * skus.length), 1)[0];
      const quantity = 1 + Math.floor(this.random() * 3);
      const gross = (999 + Math.floor(this.random() * 9000)) * quantity;
      const tax = Math.round((gross * VAT) / (1 + VAT));
      const shipping = line === 0 ? 499 : 0;
      items.push({
        ASIN: `B0${digits(this.random, 8)}`,
        OrderItemId: `${digits(this.random, 8)}${String(++this.itemCounter).padStart(6, '0')}`,
        SellerSKU: sku,
        Title: `Simulated product ${sku}`,
        QuantityOrdered: quantity,
        QuantityShipped: orderStatus === 'Shipped' ? quantity : 0,
        ItemPrice: { CurrencyCode: 'EUR', Amount: amount(gross) },
        ItemTax: { CurrencyCode: 'EUR', Amount: amount(tax) },
        ShippingPrice: { CurrencyCode: 'EUR', Amount: amount(shipping) },
        ShippingTax: { CurrencyCode: 'EUR', Amount: amount(Math.round((shipping * VAT) / (1 + VAT))) },
        PromotionDiscount: { CurrencyCode: 'EUR', Amount: '0.00' },
      });
    }
    const purchase = Date.parse(purchaseDate);
    const total = items.reduce((sum, item) => sum + Math.round(Number(item.ItemPrice!.Amount) * 100) + Math.round(Number(item.ShippingPrice!.Amount) * 100), 0);
    const order: AmazonOrder = {
      AmazonOrderId: id,
      PurchaseDate: purchaseDate,
      LastUpdateDate: lastUpdate,
      OrderStatus: orderStatus,
      FulfillmentChannel: afn ? 'AFN' : 'MFN',
      SalesChannel: SIM_MARKETPLACE.name,
      ShipServiceLevel: afn ? 'Expedited' : 'Std DE Dom',
      OrderTotal: { CurrencyCode: 'EUR', Amount: amount(total) },
      NumberOfItemsShipped: orderStatus === 'Shipped' ? items.reduce((sum, item) => sum + item.QuantityOrdered, 0) : 0,
      NumberOfItemsUnshipped: orderStatus === 'Shipped' ? 0 : items.reduce((sum, item) => sum + item.QuantityOrdered, 0),
      PaymentMethod: 'Other',
      MarketplaceId: SIM_MARKETPLACE.id,
      ShipmentServiceLevelCategory: afn ? 'Expedited' : 'Standard',
      OrderType: 'StandardOrder',
      EarliestShipDate: iso(purchase + 86_400_000),
      LatestShipDate: iso(purchase + 2 * 86_400_000),
      EarliestDeliveryDate: iso(purchase + 3 * 86_400_000),
      LatestDeliveryDate: iso(purchase + 5 * 86_400_000),
      IsBusinessOrder: business,
      IsPrime: afn,
      ...(business ? { PurchaseOrderNumber: `PO-${digits(this.random, 6)}` } : {}),
      ShippingAddress: this.address(),
      BuyerInfo: { BuyerEmail: `${digits(this.random, 12)}x@marketplace.amazon.de`, BuyerName: undefined },
    };
    order.BuyerInfo = { BuyerEmail: order.BuyerInfo!.BuyerEmail, BuyerName: order.ShippingAddress!.Name };
    const simOrder: SimOrder = { order, items, packages: [] };
    this.orders.set(id, simOrder);
    return simOrder;
  }

  /** New orders placed now (status Unshipped unless given). */
  addOrders(n: number, status?: AmazonOrderStatus): string[] {
    const now = this.stamp();
    return Array.from({ length: n }, () => this.create(this.orders.size, now, now, status).order.AmazonOrderId);
  }

  get(id: string): SimOrder {
    const order = this.orders.get(id);
    if (!order) throw new Error(`the simulator has no Amazon order ${id}`);
    return order;
  }

  setStatus(id: string, status: AmazonOrderStatus): void {
    const entry = this.get(id);
    entry.order.OrderStatus = status;
    entry.order.LastUpdateDate = this.stamp();
  }

  /** An item without SellerSKU: the connector cannot tell which product it is. */
  corrupt(id: string): void {
    const entry = this.get(id);
    delete entry.items[0].SellerSKU;
    entry.order.LastUpdateDate = this.stamp();
  }

  /** Records a package (or updates the one with the same reference id); returns an error message when Amazon would refuse it. */
  confirm(id: string, request: ConfirmShipmentRequest): string | undefined {
    const entry = this.get(id);
    const { order, items, packages } = entry;
    if (order.FulfillmentChannel === 'AFN') return 'Shipment confirmation is not allowed for orders fulfilled by Amazon.';
    if (order.OrderStatus === 'Canceled') return 'The order is canceled.';
    if (order.OrderStatus === 'Pending') return 'The order is pending and cannot be shipped yet.';
    const detail = request.packageDetail;
    const existing = packages.find((candidate) => candidate.packageReferenceId === detail.packageReferenceId);
    if (existing) {
      // Same package again: its carrier, tracking and ship date are updated; quantities stay as shipped.
      Object.assign(existing, { carrierCode: detail.carrierCode, carrierName: detail.carrierName, trackingNumber: detail.trackingNumber, shipDate: detail.shipDate });
      order.LastUpdateDate = this.stamp();
      return undefined;
    }
    for (const line of detail.orderItems) {
      const item = items.find((candidate) => candidate.OrderItemId === line.orderItemId);
      if (!item) return `OrderItemId ${line.orderItemId} is invalid, please obtain the value through the getOrderItems API or Manage Orders page`;
      if ((item.QuantityShipped ?? 0) + line.quantity > item.QuantityOrdered) return `Quantity ${line.quantity} for OrderItemId ${line.orderItemId} exceeds the unshipped quantity.`;
    }
    for (const line of detail.orderItems) {
      const item = items.find((candidate) => candidate.OrderItemId === line.orderItemId)!;
      item.QuantityShipped = (item.QuantityShipped ?? 0) + line.quantity;
    }
    packages.push({ ...detail, confirmedAt: new Date().toISOString() });
    const shipped = items.reduce((sum, item) => sum + (item.QuantityShipped ?? 0), 0);
    const ordered = items.reduce((sum, item) => sum + item.QuantityOrdered, 0);
    order.NumberOfItemsShipped = shipped;
    order.NumberOfItemsUnshipped = ordered - shipped;
    order.OrderStatus = shipped >= ordered ? 'Shipped' : 'PartiallyShipped';
    order.LastUpdateDate = this.stamp();
    return undefined;
  }
}
