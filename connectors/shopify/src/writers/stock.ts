// Publishes stock to Shopify: SKU → inventory item (one aliased productVariants query per batch, cached
// per shop), then `inventorySetQuantities` ("available", reason correction) at the mapped location.
// The hub is the source of truth, so the compare-and-set check is skipped: with `ignoreCompareQuantity`
// up to API 2025-10, with `changeFromQuantity: null` from 2026-01, where the mutation also carries an
// `@idempotent` key (required from 2026-04; a retry of the same request reuses it). SKUs the shop has
// no variant for are reported per SKU; the others are published.
import { randomUUID } from 'node:crypto';
import { ConnectorError, type CanonicalStockLevel, type ConnectorContext, type WriteResult } from '@oms/connector-kit';
import { shopifyOrigin, ShopifyClient } from '../client';
import type { ShopifyConfig } from '../manifest';

const LOOKUP_CHUNK = 50;
const WRITE_CHUNK = 100;

/** origin → sku → inventory item gid; origin → default location gid. Variants rarely move; a refusal evicts. */
const inventoryItems = new Map<string, Map<string, string>>();
const defaultLocations = new Map<string, string>();

const searchValue = (sku: string) => `sku:"${sku.replace(/(["\\])/g, '\\$1')}"`;

export async function resolveInventoryItems(client: ShopifyClient, origin: string, skus: string[]): Promise<Map<string, string>> {
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

export async function defaultLocation(client: ShopifyClient, origin: string): Promise<string> {
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

const SET_QUANTITIES_IDEMPOTENT = /* GraphQL */ `
  mutation OmsSetStock($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
    inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) { inventoryAdjustmentGroup { id } userErrors { field message code } }
  }`;

/** Whether this API version has changeFromQuantity and the @idempotent directive (from 2026-01). */
export const usesChangeFromQuantity = (apiVersion: string): boolean => apiVersion >= '2026-01';

interface QuantityInput {
  inventoryItemId: string;
  locationId: string;
  quantity: number;
}

/** The mutation and variables for this connection's API version (see the file's header). */
function setQuantitiesRequest(apiVersion: string, quantities: QuantityInput[]): { query: string; variables: Record<string, unknown> } {
  const input = { name: 'available', reason: 'correction', referenceDocumentUri: `gid://oms-hub/StockSync/${Date.now()}` };
  if (!usesChangeFromQuantity(apiVersion)) return { query: SET_QUANTITIES, variables: { input: { ...input, ignoreCompareQuantity: true, quantities } } };
  return {
    query: SET_QUANTITIES_IDEMPOTENT,
    variables: { input: { ...input, quantities: quantities.map((quantity) => ({ ...quantity, changeFromQuantity: null })) }, idempotencyKey: randomUUID() },
  };
}

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
    const request = setQuantitiesRequest(ctx.config.apiVersion, quantities);
    const data = await client.graphql<SetQuantitiesResult>('OmsSetStock', request.query, request.variables);
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

  const rejected = levels
    .filter((level) => !items.has(level.sku))
    .map((level) => ({ sku: level.sku, ...(level.channelLocationId ? { channelLocationId: level.channelLocationId } : {}), reason: `Shopify has no product variant with SKU ${level.sku}` }));
  if (rejected.length) ctx.log.warn({ skus: unknown }, 'SKUs without a Shopify variant: not published');
  return { ...(references.length ? { reference: references.join(',') } : {}), ...(rejected.length ? { rejected } : {}) };
}
