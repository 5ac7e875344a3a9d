// The demo catalogue: real cities with coordinates, a small apparel and gadget range, customers.
export const LOCATIONS = [
  { code: 'BER-1', name: 'Berlin Warehouse', kind: 'WAREHOUSE', priority: 1, address: { line1: 'Am Borsigturm 100', city: 'Berlin', postalCode: '13507', countryCode: 'DE', lat: 52.5869, lng: 13.2836 } },
  { code: 'HAM-1', name: 'Hamburg Warehouse', kind: 'WAREHOUSE', priority: 2, address: { line1: 'Billstrasse 80', city: 'Hamburg', postalCode: '20539', countryCode: 'DE', lat: 53.5442, lng: 10.0433 } },
  { code: 'MUC-S', name: 'Munich Store', kind: 'STORE', priority: 3, address: { line1: 'Kaufingerstrasse 9', city: 'Munich', postalCode: '80331', countryCode: 'DE', lat: 48.1374, lng: 11.5755 } },
  { code: 'PAR-3PL', name: 'Paris 3PL', kind: 'THIRD_PARTY_LOGISTICS', priority: 4, address: { line1: '12 Rue de la Logistique', city: 'Paris', postalCode: '75019', countryCode: 'FR', lat: 48.8867, lng: 2.3831 } },
] as const;

const PRODUCTS = ['T-Shirt', 'Hoodie', 'Sneaker', 'Backpack', 'Water Bottle', 'Headphones', 'Phone Case', 'Desk Lamp', 'Notebook', 'Cap'];
const VARIANTS = ['Black', 'White', 'Navy', 'Olive', 'Red'];

export const ITEMS = PRODUCTS.flatMap((product, p) =>
  VARIANTS.map((variant, v) => ({
    sku: `${product.replace(/[^A-Za-z]/g, '').slice(0, 4).toUpperCase()}-${variant.slice(0, 3).toUpperCase()}-${String(p * 10 + v + 1).padStart(3, '0')}`,
    name: `${product} ${variant}`,
    priceCents: 990 + p * 1000 + v * 100,
  })),
);

const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hugo', 'Ida', 'Jonas', 'Katja', 'Leon', 'Mia', 'Noah', 'Olivia', 'Paul', 'Quentin', 'Rosa', 'Sophie', 'Tom'];
const LAST = ['Schmidt', 'Müller', 'Weber', 'Fischer', 'Wagner', 'Becker', 'Hoffmann', 'Schulz', 'Koch', 'Richter'];
const CITIES = [
  { city: 'Berlin', postalCode: '10115', countryCode: 'DE', lat: 52.532, lng: 13.384 },
  { city: 'Cologne', postalCode: '50667', countryCode: 'DE', lat: 50.9375, lng: 6.9603 },
  { city: 'Munich', postalCode: '80331', countryCode: 'DE', lat: 48.1351, lng: 11.582 },
  { city: 'Hamburg', postalCode: '20095', countryCode: 'DE', lat: 53.5511, lng: 9.9937 },
  { city: 'Lyon', postalCode: '69001', countryCode: 'FR', lat: 45.764, lng: 4.8357 },
];

export const CUSTOMERS = FIRST.map((first, i) => {
  const last = LAST[i % LAST.length];
  const place = CITIES[i % CITIES.length];
  return {
    email: `${first.toLowerCase()}.${last.toLowerCase().replace('ü', 'ue')}@example.com`,
    name: `${first} ${last}`,
    tier: i % 7 === 0 ? 'VIP' : 'STANDARD',
    address: { name: `${first} ${last}`, line1: `${10 + i} Example Street`, ...place },
  };
});

export const CHANNELS = ['web', 'shopify', 'magento', 'prestashop', 'amazon', 'pos'];

/** A small deterministic generator so every fresh start shows the same demo. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
