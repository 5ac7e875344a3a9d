// Publishes stock to Shopify: SKU → inventory item (one aliased productVariants query per batch, cached
// per shop), then `inventorySetQuantities` ("available", reason correction) at the mapped location.
// The hub is the source of truth, so the compare-and-set check is skipped (ignoreCompareQuantity).
import { ConnectorError, type CanonicalStockLevel, type ConnectorContext, type WriteResult } from '@oms/connector-kit';
import { shopifyOrigin, ShopifyClient } from '../client';
import type { ShopifyConfig } from '../manifest';

const LOOKUP_CHUNK = 50;
const WRITE_CHUNK = 100;

/** origin → sku → inventory item gid; origin → default location gid. Variants rarely move; a refusal evicts. */
const inventoryItems = new Map<string, Map<string, string>>();
const defaultLocations = new Map<string, string>();

const searchValue = (sku: string) => `sku:"${sku.replace(/(["\\])/g, '\\$1')}"`;

async function resolveInventoryItems(client: ShopifyClient, origin: string, skus: string[]): Promise<Map<string, string>> {
  const cache = inventoryItems.get(origin) ?? new Map<string, string>();
  inventoryItems.set(origin, cache);
  const missing = [...new Set(skus)].filter((sku) => !cache.has(sku));
  for (let start = 0; start < missing.length; start += LOOKUP_CHUNK) {
    const chunk = missing.slice(start, start + LOOKUP_CHUNK);
    const variables: Record<string, string> = {};
    const fields = chunk.map((sku, index) => {
      variables[`q${index}`] = searchValue(sku);
      return `v${index}: productVariants(first: 2, query: $q${index}) { nodes { sku inventoryItem { id } } }`;
    });
    const definitions = chunk.map((_, index) => `$q${index}: String!`).join(', ');
    const data = await client.graphql<Record<string, { nodes: Array<{ sku: string | null; inventoryItem: { id: string } }> }>>('OmsVariantsBySku', `query OmsVariantsBySku(${definitions}) { ${fields.join(' ')} }`, variables);
    chunk.forEach((sku, index) => {
      // Search is fuzzy on some shops: only an exact SKU match counts.
      const variant = data[`v${index}`]?.nodes.find((node) => node.sku === sku);
      if (variant) cache.set(sku, variant.inventoryItem.id);
    });
  }
  return cache;
}

async function defaultLocation(client: ShopifyClient, origin: string): Promise<string> {
  const cached = defaultLocations.get(origin);
  if (cached) return cached;
  const data = await client.graphql<{ locations: { nodes: Array<{ id: string }> } }>('OmsDefaultLocation', `query OmsDefaultLocation { locations(first: 1, query: "active:true") { nodes { id } } }`);
  const id = data.locations.nodes[0]?.id;
  if (!id) throw new ConnectorError('CONFIG', 'Shopify shop has no active location to publish stock to: set the connection\'s locationId');
  defaultLocations.set(origin, id);
  return id;
}

interface SetQuantitiesResult {
  inventorySetQuantities: { inventoryAdjustmentGroup: { id: string } | null; userErrors: Array<{ field: string[] | null; message: string; code: string | null }> } | null;
}

const SET_QUANTITIES = /* GraphQL */ `
  mutation OmsSetStock($input: InventorySetQuantitiesInput!) {
    inventorySetQuantities(input: $input) { inventoryAdjustmentGroup { id } userErrors { field message code } }
  }`;

export async function setStock(ctx: ConnectorContext<ShopifyConfig>, levels: CanonicalStockLevel[]): Promise<WriteResult> {
  if (!levels.length) return {};
  const client = new ShopifyClient(ctx);
  const origin = shopifyOrigin(ctx.config);
  const items = await resolveInventoryItems(client, origin, levels.map((level) => level.sku));
  const unknown = levels.filter((level) => !items.has(level.sku)).map((level) => level.sku);
  const known = levels.filter((level) => items.has(level.sku));
  const fallbackLocation = ctx.config.locationId ?? (known.some((level) => !level.channelLocationId) ? await defaultLocation(client, origin) : undefined);
  const references: string[] = [];

  for (let start = 0; start < known.length; start += WRITE_CHUNK) {
    const chunk = known.slice(start, start + WRITE_CHUNK);
    const quantities = chunk.map((level) => ({ inventoryItemId: items.get(level.sku)!, locationId: level.channelLocationId ?? fallbackLocation!, quantity: Math.max(0, Math.floor(level.quantity)) }));
    const data = await client.graphql<SetQuantitiesResult>('OmsSetStock', SET_QUANTITIES, {
      input: { name: 'available', reason: 'correction', referenceDocumentUri: `gid://oms-hub/StockSync/${Date.now()}`, ignoreCompareQuantity: true, quantities },
    });
    const payload = data.inventorySetQuantities;
    const errors = payload?.userErrors ?? [];
    if (errors.length) {
      const described = errors.map((error) => {
        const index = Number(error.field?.[2]);
        const sku = Number.isInteger(index) ? chunk[index]?.sku : undefined;
        if (sku && error.code === 'INVALID_INVENTORY_ITEM') items.delete(sku);
        return `${sku ? `SKU ${sku}: ` : ''}${error.message}${error.code ? ` (${error.code})` : ''}`;
      });
      const config = errors.every((error) => error.code === 'INVALID_LOCATION' || error.code === 'INVALID_NAME' || error.code === 'INVALID_REASON');
      throw new ConnectorError(config ? 'CONFIG' : 'BAD_RECORD', `Shopify refused the stock update: ${described.join('; ')}`, { body: errors });
    }
    if (payload?.inventoryAdjustmentGroup) references.push(payload.inventoryAdjustmentGroup.id);
  }

  if (unknown.length) {
    throw new ConnectorError('BAD_RECORD', `Shopify has no product variant with SKU ${unknown.join(', ')} (the other ${known.length} levels were published)`, { channelId: unknown.join(',') });
  }
  return { reference: references.join(',') || undefined };
}
