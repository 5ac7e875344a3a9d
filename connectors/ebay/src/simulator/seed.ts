// Deterministic eBay orders for the simulator: buyers in several marketplaces and currencies, VAT
// lines where eBay reports them, promotions, delivery estimates and ship-by dates, with totals that add
// up the way eBay's pricingSummary does.
import { fromMinorUnits, seededRandom, type Random } from '@oms/connector-kit';
import type { EbayLineItem, EbayOrder } from '../types';

export { seededRandom, type Random };

export interface CatalogEntry {
  sku: string;
  title: string;
  /** Minor units in the marketplace currency. */
  price: number;
}

const NOUNS = ['Vintage Camera', 'Vinyl Record', 'Watch Strap', 'Lego Set', 'Trading Card', 'Headphones', 'Road Bike Saddle', 'Fountain Pen'];

export function buildCatalog(skus: string[]): CatalogEntry[] {
  return skus.map((sku, index) => ({ sku, title: `${NOUNS[index % NOUNS.length]} ${sku}`, price: 1299 + ((index * 37) % 23) * 425 }));
}

interface Marketplace {
  country: string;
  currency: string;
  /** VAT eBay reports on the line (percent), 0 where eBay collects and remits sales tax itself. */
  vat: number;
  city: string;
  region?: string;
  postalCode: string;
  street: string;
  phone: string;
}

const MARKETPLACES: Marketplace[] = [
  { country: 'US', currency: 'USD', vat: 0, city: 'San Jose', region: 'CA', postalCode: '95125', street: '2145 Hamilton Ave', phone: '4085551234' },
  { country: 'GB', currency: 'GBP', vat: 20, city: 'Manchester', postalCode: 'M1 1AE', street: '10 Piccadilly', phone: '01615550199' },
  { country: 'DE', currency: 'EUR', vat: 19, city: 'Dreilinden', postalCode: '14532', street: 'Albert-Einstein-Ring 2-6', phone: '03380555123' },
  { country: 'AU', currency: 'AUD', vat: 0, city: 'Sydney', region: 'NSW', postalCode: '2000', street: '1 Martin Place', phone: '0295550100' },
];

const FIRST = ['Ava', 'Oliver', 'Mila', 'Jack', 'Lena', 'Henry', 'Zoe', 'Felix', 'Ruby', 'Theo'];
const LAST = ['Johnson', 'Brown', 'Weber', 'Wilson', 'Schulz', 'Taylor', 'Clarke', 'Nguyen', 'Fischer', 'Evans'];

export interface OrderSeed {
  /** 1-based sequence number: drives the order id. */
  sequence: number;
  nextLineItemId: () => string;
  random: Random;
  catalog: CatalogEntry[];
  createdAt: number;
  modifiedAt: number;
  /** eBay's fulfilment program ships this order (fulfillmentProgram.fulfilledBy EBAY). */
  fulfilledByEbay?: boolean;
  paymentPending?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;

/** eBay's order id format: `NN-NNNNN-NNNNN`. */
export function ebayOrderId(sequence: number): string {
  const digits = String(1_000_000_000 + sequence * 7919).padStart(12, '0').slice(-12);
  return `${digits.slice(0, 2)}-${digits.slice(2, 7)}-${digits.slice(7, 12)}`;
}

const amount = (minor: number, currency: string) => ({ value: fromMinorUnits(minor, currency), currency });

export function buildOrder(seed: OrderSeed): EbayOrder {
  const { random, catalog } = seed;
  const market = MARKETPLACES[Math.floor(random() * MARKETPLACES.length)];
  const currency = market.currency;
  const first = FIRST[Math.floor(random() * FIRST.length)];
  const last = LAST[Math.floor(random() * LAST.length)];
  const username = `${first.toLowerCase()}_${last.toLowerCase()}${seed.sequence}`;
  const lineCount = 1 + Math.floor(random() * 3);
  const picked = new Set<number>();
  while (picked.size < Math.min(lineCount, catalog.length)) picked.add(Math.floor(random() * catalog.length));
  const shipBy = iso(seed.createdAt + 2 * DAY);
  const minDelivery = iso(seed.createdAt + 3 * DAY);
  const maxDelivery = iso(seed.createdAt + 6 * DAY);

  let subtotal = 0;
  let taxTotal = 0;
  const lineItems: EbayLineItem[] = [...picked].map((index) => {
    const entry = catalog[index];
    const quantity = 1 + Math.floor(random() * 3);
    const cost = entry.price * quantity;
    const tax = Math.round((cost * market.vat) / 100);
    subtotal += cost;
    taxTotal += tax;
    return {
      lineItemId: seed.nextLineItemId(),
      legacyItemId: String(110_000_000_000 + index),
      sku: entry.sku,
      title: entry.title,
      quantity,
      lineItemCost: amount(cost, currency),
      total: amount(cost + tax, currency),
      deliveryCost: { shippingCost: amount(0, currency) },
      appliedPromotions: [],
      taxes: tax ? [{ amount: amount(tax, currency), taxType: 'VAT' }] : [],
      lineItemFulfillmentStatus: 'NOT_STARTED',
      lineItemFulfillmentInstructions: { minEstimatedDeliveryDate: minDelivery, maxEstimatedDeliveryDate: maxDelivery, shipByDate: shipBy, guaranteedDelivery: false },
      ...(seed.fulfilledByEbay ? { program: { fulfillmentProgram: { fulfilledBy: 'EBAY' } } } : {}),
    };
  });
  const delivery = random() < 0.3 ? 0 : 499;
  const discount = random() < 0.25 ? Math.round(subtotal * 0.1) : 0;
  const email = `${username}@members.ebay.example`;
  return {
    orderId: ebayOrderId(seed.sequence),
    legacyOrderId: `${110_000_000_000 + seed.sequence}-${2_000_000_000 + seed.sequence}`,
    creationDate: iso(seed.createdAt),
    lastModifiedDate: iso(seed.modifiedAt),
    orderFulfillmentStatus: 'NOT_STARTED',
    orderPaymentStatus: seed.paymentPending ? 'PENDING' : 'PAID',
    sellerId: 'oms_demo_seller',
    buyer: { username, buyerRegistrationAddress: { fullName: `${first} ${last}`, email, primaryPhone: { phoneNumber: market.phone } } },
    pricingSummary: {
      priceSubtotal: amount(subtotal, currency),
      ...(discount ? { priceDiscount: amount(-discount, currency) } : {}),
      deliveryCost: amount(delivery, currency),
      tax: amount(taxTotal, currency),
      total: amount(subtotal - discount + delivery + taxTotal, currency),
    },
    cancelStatus: { cancelState: 'NONE_REQUESTED', cancelRequests: [] },
    fulfillmentStartInstructions: [
      {
        fulfillmentInstructionsType: 'SHIP_TO',
        minEstimatedDeliveryDate: minDelivery,
        maxEstimatedDeliveryDate: maxDelivery,
        ebaySupportedFulfillment: false,
        shippingStep: {
          shippingCarrierCode: market.country === 'US' ? 'USPS' : 'DHL',
          shippingServiceCode: 'StandardShipping',
          shipTo: {
            fullName: `${first} ${last}`,
            contactAddress: { addressLine1: market.street, city: market.city, ...(market.region ? { stateOrProvince: market.region } : {}), postalCode: market.postalCode, countryCode: market.country },
            primaryPhone: { phoneNumber: market.phone },
            email,
          },
        },
      },
    ],
    fulfillmentHrefs: [],
    lineItems,
    salesRecordReference: String(1000 + seed.sequence),
  };
}
