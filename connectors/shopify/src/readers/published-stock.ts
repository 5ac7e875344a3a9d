// What Shopify shows as available for SKUs at the connection's location, for stock reconciliation:
// one aliased query per chunk of SKUs, each alias an `inventoryItems` search by SKU with the item's
// `inventoryLevel` at the location (Shopify keys stock by inventory item and location, not by SKU).
import type { CanonicalPublishedStock, ConnectorContext } from '@oms/connector-kit';
import { shopifyOrigin, ShopifyClient } from '../client';
import type { ShopifyConfig } from '../manifest';
import { defaultLocation } from '../writers/stock';

/** SKUs per query: ~5 cost points each, well under the 1000-point single-query limit. */
const CHUNK = 25;

interface ItemNode {
  sku: string | null;
  inventoryLevel: { quantities: Array<{ name: string; quantity: number }> } | null;
}

const searchValue = (sku: string) => `sku:"${sku.replace(/(["\\])/g, '\\$1')}"`;

export async function publishedStock(ctx: ConnectorContext<ShopifyConfig>, skus: string[]): Promise<CanonicalPublishedStock[]> {
  const client = new ShopifyClient(ctx);
  const locationId = ctx.config.locationId ?? (await defaultLocation(client, shopifyOrigin(ctx.config)));
  const unique = [...new Set(skus)];
  const found = new Map<string, number | null>();
  for (let start = 0; start < unique.length; start += CHUNK) {
    const chunk = unique.slice(start, start + CHUNK);
    const variables: Record<string, string> = { location: locationId };
    const fields = chunk.map((sku, index) => {
      variables[`q${index}`] = searchValue(sku);
      return `i${index}: inventoryItems(first: 2, query: $q${index}) { nodes { sku inventoryLevel(locationId: $location) { quantities(names: ["available"]) { name quantity } } } }`;
    });
    const definitions = ['$location: ID!', ...chunk.map((_, index) => `$q${index}: String!`)].join(', ');
    const data = await client.graphql<Record<string, { nodes: ItemNode[] }>>('OmsPublishedStock', `query OmsPublishedStock(${definitions}) { ${fields.join(' ')} }`, variables);
    chunk.forEach((sku, index) => {
      // Search is fuzzy on some shops: only an exact SKU match counts. No level: not stocked there.
      const item = data[`i${index}`]?.nodes.find((node) => node.sku === sku);
      const available = item?.inventoryLevel?.quantities.find((quantity) => quantity.name === 'available');
      found.set(sku, available ? available.quantity : null);
    });
  }
  return skus.map((sku) => ({ sku, channelLocationId: locationId, quantity: found.get(sku) ?? null }));
}
