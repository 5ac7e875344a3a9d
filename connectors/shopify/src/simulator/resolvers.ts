// Root resolvers of the simulated Admin API over SimStore: each entity is a view object whose fields
// are properties or functions of their arguments (graphql-js's default resolver calls them).
import { GraphQLError, Kind, valueFromASTUntyped, type GraphQLResolveInfo } from 'graphql';
import { dateMatcher, parseSearch } from './search';
import type { SimAddress, SimFulfillment, SimFulfillmentOrder, SimInventoryItem, SimLineItem, SimLocation, SimOrder, SimStore, SimVariant } from './store';

export const gid = (type: string, id: number): string => `gid://shopify/${type}/${id}`;

export function parseGid(value: unknown, type: string): number | undefined {
  const match = typeof value === 'string' ? new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(value) : null;
  return match ? Number(match[1]) : undefined;
}

const MAX_PAGE = 250;

interface SetQuantitiesInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string;
  ignoreCompareQuantity?: boolean;
  quantities: Array<{ inventoryItemId: string; locationId: string; quantity: number; compareQuantity?: number | null; changeFromQuantity?: number | null }>;
}

/** The key of the field's `@idempotent(key:)` directive (a literal or a variable); undefined without one. */
function idempotencyKeyOf(info: GraphQLResolveInfo): string | undefined {
  const directive = info.fieldNodes[0]?.directives?.find((node) => node.name.value === 'idempotent');
  const argument = directive?.arguments?.find((node) => node.name.value === 'key');
  if (!argument) return undefined;
  const value = argument.value.kind === Kind.VARIABLE ? info.variableValues[argument.value.name.value] : valueFromASTUntyped(argument.value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const encodeCursor = (value: { last_id: number; last_value?: string | number }) => Buffer.from(JSON.stringify(value)).toString('base64');

function decodeCursor(cursor: string): { last_id: number; last_value?: string | number } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    if (typeof value?.last_id === 'number') return value;
  } catch {
    // fall through
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: 'BAD_REQUEST' } });
}

/**
 * A Relay connection over items already in sort order, with keyset cursors (sort value + id) so a page
 * boundary stays put when earlier items change.
 */
function connection<T>(items: T[], args: PageArgs, idOf: (item: T) => number, valueOf: (item: T) => string | number = idOf, view: (item: T) => unknown = (item) => item) {
  if (args.last != null || args.before != null) throw new GraphQLError('The simulator pages forward only (first/after).');
  if (args.first == null) throw new GraphQLError('you must provide one of first or last', { extensions: { code: 'BAD_REQUEST' } });
  if (args.first > MAX_PAGE || args.first < 0) throw new GraphQLError(`The maximum number of items you can request is ${MAX_PAGE}.`, { extensions: { code: 'BAD_REQUEST' } });
  let start = 0;
  if (args.after) {
    const cursor = decodeCursor(args.after);
    const key = (item: T): [string | number, number] => [valueOf(item), idOf(item)];
    const after = (item: T) => {
      const [value, id] = key(item);
      const last = cursor.last_value ?? cursor.last_id;
      return value > last || (value === last && id > cursor.last_id);
    };
    start = items.findIndex(after);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + args.first);
  const cursorOf = (item: T) => encodeCursor({ last_id: idOf(item), last_value: valueOf(item) });
  return {
    nodes: page.map(view),
    edges: page.map((item) => ({ cursor: cursorOf(item), node: view(item) })),
    pageInfo: {
      hasNextPage: start + page.length < items.length,
      hasPreviousPage: start > 0,
      startCursor: page.length ? cursorOf(page[0]) : null,
      endCursor: page.length ? cursorOf(page[page.length - 1]) : null,
    },
  };
}

const money = (amount: string, currency: string) => {
  const value = { amount, currencyCode: currency };
  return { shopMoney: value, presentmentMoney: value };
};
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

export function createRootValue(store: SimStore, shopDomain: string) {
  const locationView = (location: SimLocation) => ({ id: gid('Location', location.id), name: location.name, isActive: location.isActive });
  const addressView = (address: SimAddress | null) =>
    address && {
      ...address,
      name: `${address.firstName} ${address.lastName}`,
      countryCodeV2: address.countryCode,
    };

  const inventoryItemView = (item: SimInventoryItem) => ({
    id: gid('InventoryItem', item.id),
    sku: item.sku,
    tracked: true,
    inventoryLevel: ({ locationId }: { locationId: string }) => {
      const id = parseGid(locationId, 'Location');
      const level = id === undefined ? undefined : item.levels.get(id);
      const location = store.locations.find((candidate) => candidate.id === id);
      if (!level || !location) return null;
      return {
        id: `gid://shopify/InventoryLevel/${item.id}?inventory_item_id=${item.id}&location_id=${location.id}`,
        location: locationView(location),
        quantities: ({ names }: { names: string[] }) => names.map((name) => ({ name, quantity: (level as Record<string, number>)[name] ?? 0 })),
      };
    },
  });

  const variantView = (variant: SimVariant) => ({
    id: gid('ProductVariant', variant.id),
    sku: variant.sku,
    title: variant.title,
    inventoryItem: () => inventoryItemView(store.inventoryItems.get(variant.inventoryItemId)!),
  });

  const lineItemView = (order: SimOrder) => (line: SimLineItem) => ({
    id: gid('LineItem', line.id),
    sku: line.sku,
    name: line.name,
    title: line.name,
    quantity: line.quantity,
    currentQuantity: order.cancelledAt ? 0 : line.quantity,
    originalUnitPriceSet: money(line.price, order.currency),
    taxLines: () => [{ title: 'VAT', rate: line.taxRate, priceSet: money(line.tax, order.currency) }],
    variant: () => {
      const variant = line.variantId === null ? undefined : store.variants.find((candidate) => candidate.id === line.variantId);
      return variant ? variantView(variant) : null;
    },
  });

  const fulfillmentOrderView = (order: SimOrder) => (fulfillmentOrder: SimFulfillmentOrder) => ({
    id: gid('FulfillmentOrder', fulfillmentOrder.id),
    status: fulfillmentOrder.status,
    assignedLocation: () => {
      const location = store.locations.find((candidate) => candidate.id === fulfillmentOrder.locationId)!;
      return { name: location.name, location: locationView(location) };
    },
    lineItems: (args: PageArgs) =>
      connection(fulfillmentOrder.lines, args, (line) => line.id, undefined, (line) => {
        const lineItem = order.lineItems.find((candidate) => candidate.id === line.lineItemId)!;
        return { id: gid('FulfillmentOrderLineItem', line.id), sku: lineItem.sku, totalQuantity: line.total, remainingQuantity: line.remaining, lineItem: lineItemView(order)(lineItem) };
      }),
  });

  const fulfillmentView = (fulfillment: SimFulfillment) => ({
    id: gid('Fulfillment', fulfillment.id),
    status: 'SUCCESS',
    createdAt: fulfillment.createdAt,
    trackingInfo: () => (fulfillment.number || fulfillment.company ? [{ company: fulfillment.company, number: fulfillment.number, url: fulfillment.url }] : []),
  });

  const orderView = (order: SimOrder) => {
    const subtotal = sum(order.lineItems.map((line) => Number(line.price) * line.quantity));
    const tax = sum(order.lineItems.map((line) => Number(line.tax)));
    const total = subtotal + tax + Number(order.shipping) - Number(order.discount);
    const remaining = sum(order.fulfillmentOrders.flatMap((fo) => fo.lines.map((line) => line.remaining)));
    const ordered = sum(order.lineItems.map((line) => line.quantity));
    return {
      id: gid('Order', order.id),
      legacyResourceId: String(order.id),
      name: order.name,
      email: order.email,
      phone: order.shippingAddress?.phone ?? null,
      createdAt: order.createdAt,
      processedAt: order.processedAt,
      updatedAt: order.updatedAt,
      cancelledAt: order.cancelledAt,
      cancelReason: order.cancelReason,
      closed: Boolean(order.cancelledAt) || remaining === 0,
      currencyCode: order.currency,
      displayFinancialStatus: order.cancelledAt ? 'REFUNDED' : 'PAID',
      displayFulfillmentStatus: remaining === 0 ? 'FULFILLED' : remaining < ordered ? 'PARTIALLY_FULFILLED' : 'UNFULFILLED',
      customer: order.customer && { ...order.customer, id: gid('Customer', order.customer.id), displayName: `${order.customer.firstName} ${order.customer.lastName}` },
      shippingAddress: addressView(order.shippingAddress),
      billingAddress: addressView(order.billingAddress),
      lineItems: (args: PageArgs) => connection(order.lineItems, args, (line) => line.id, undefined, lineItemView(order)),
      totalPriceSet: money(total.toFixed(2), order.currency),
      totalShippingPriceSet: money(order.shipping, order.currency),
      totalDiscountsSet: money(order.discount, order.currency),
      totalTaxSet: money(tax.toFixed(2), order.currency),
      fulfillmentOrders: (args: PageArgs) => connection(order.fulfillmentOrders, args, (fo) => fo.id, undefined, fulfillmentOrderView(order)),
      fulfillments: ({ first }: { first?: number }) => order.fulfillments.slice(0, first ?? order.fulfillments.length).map(fulfillmentView),
    };
  };

  const SORTS: Record<string, (order: SimOrder) => string | number> = {
    ID: (order) => order.id,
    CREATED_AT: (order) => order.createdAt,
    PROCESSED_AT: (order) => order.processedAt,
    UPDATED_AT: (order) => order.updatedAt,
  };

  function findFulfillmentOrder(id: number): { order: SimOrder; fulfillmentOrder: SimFulfillmentOrder } | undefined {
    for (const order of store.orders.values()) {
      const fulfillmentOrder = order.fulfillmentOrders.find((candidate) => candidate.id === id);
      if (fulfillmentOrder) return { order, fulfillmentOrder };
    }
    return undefined;
  }

  const skuFilter = (query: string | null | undefined) => parseSearch(query).find((term) => term.field === 'sku')?.value;

  /** Results of inventorySetQuantities by idempotency key, with the input they answered. */
  const idempotent = new Map<string, { fingerprint: string; result: unknown }>();

  const setQuantities = (input: SetQuantitiesInput) => {
    const userErrors: Array<{ field: string[]; message: string; code: string }> = [];
    if (!['available', 'on_hand'].includes(input.name)) userErrors.push({ field: ['input', 'name'], message: 'The quantity name must be either \'available\' or \'on_hand\'.', code: 'INVALID_NAME' });
    const reasons = ['correction', 'cycle_count_available', 'damaged', 'movement_created', 'movement_received', 'movement_updated', 'other', 'promotion', 'quality_control', 'received', 'reservation_created', 'reservation_deleted', 'reservation_updated', 'restock', 'safety_stock', 'shrinkage'];
    if (!reasons.includes(input.reason)) userErrors.push({ field: ['input', 'reason'], message: 'The specified reason is invalid.', code: 'INVALID_REASON' });
    const changes: Array<{ item: SimInventoryItem; location: SimLocation; level: { available: number; on_hand: number }; quantity: number }> = [];
    input.quantities.forEach((quantity, index) => {
      const field = (name: string) => ['input', 'quantities', String(index), name];
      const item = store.inventoryItems.get(parseGid(quantity.inventoryItemId, 'InventoryItem') ?? -1);
      const location = store.locations.find((candidate) => candidate.id === parseGid(quantity.locationId, 'Location'));
      if (!item) return void userErrors.push({ field: field('inventoryItemId'), message: 'The specified inventory item could not be found.', code: 'INVALID_INVENTORY_ITEM' });
      if (!location) return void userErrors.push({ field: field('locationId'), message: 'The specified location could not be found.', code: 'INVALID_LOCATION' });
      const level = item.levels.get(location.id);
      if (!level) return void userErrors.push({ field: field('locationId'), message: 'The specified inventory item is not stocked at the location.', code: 'ITEM_NOT_STOCKED_AT_LOCATION' });
      const current = input.name === 'on_hand' ? level.on_hand : level.available;
      // changeFromQuantity, when given (null included), overrides compareQuantity and ignoreCompareQuantity.
      if ('changeFromQuantity' in quantity) {
        if (quantity.changeFromQuantity !== null && quantity.changeFromQuantity !== current) return void userErrors.push({ field: field('changeFromQuantity'), message: 'The changeFromQuantity value does not match persisted value.', code: 'CHANGE_FROM_QUANTITY_STALE' });
      } else if (!input.ignoreCompareQuantity) {
        if (quantity.compareQuantity == null) return void userErrors.push({ field: field('compareQuantity'), message: 'The compareQuantity argument must be given to each quantity or ignored using ignoreCompareQuantity.', code: 'COMPARE_QUANTITY_REQUIRED' });
        if (quantity.compareQuantity !== current) return void userErrors.push({ field: field('compareQuantity'), message: 'The compareQuantity value does not match persisted value.', code: 'COMPARE_QUANTITY_STALE' });
      }
      changes.push({ item, location, level, quantity: quantity.quantity });
    });
    if (userErrors.length) return { inventoryAdjustmentGroup: null, userErrors };
    const applied = changes.map(({ item, location, level, quantity }) => {
      const before = input.name === 'on_hand' ? level.on_hand : level.available;
      const delta = quantity - before;
      level.available += delta;
      level.on_hand += delta;
      return { name: input.name, delta, quantityAfterChange: quantity, item: inventoryItemView(item), location: locationView(location) };
    });
    return {
      inventoryAdjustmentGroup: { id: gid('InventoryAdjustmentGroup', store.newId()), createdAt: store.now(), reason: input.reason, referenceDocumentUri: input.referenceDocumentUri ?? null, changes: applied },
      userErrors: [],
    };
  };

  return {
    shop: () => ({ id: gid('Shop', 1), name: 'OMS Simulator Shop', myshopifyDomain: shopDomain, currencyCode: store.currency, email: 'owner@example.com' }),

    order: ({ id }: { id: string }) => {
      const legacy = parseGid(id, 'Order');
      const order = legacy === undefined ? undefined : store.orders.get(legacy);
      return order ? orderView(order) : null;
    },

    orders: (args: PageArgs & { sortKey: string; reverse: boolean; query?: string | null }) => {
      const terms = parseSearch(args.query).map((term) => ({ ...term, matches: term.field === 'updated_at' || term.field === 'created_at' ? dateMatcher(term) : undefined }));
      const sortValue = SORTS[args.sortKey] ?? SORTS.ID;
      // Every page filters and sorts the whole shop (orders change between pages): keys computed once per
      // order, so a shop of 10,000 orders pages in a few milliseconds.
      let orders = [...store.orders.values()]
        .filter((order) =>
          terms.every((term) => {
            if (term.field === 'updated_at') return term.matches!(order.updatedAt);
            if (term.field === 'created_at') return term.matches!(order.createdAt);
            if (term.field === 'status') return term.value === 'any' || (term.value === 'cancelled' ? Boolean(order.cancelledAt) : term.value === 'open' ? !order.cancelledAt : true);
            return true;
          }),
        )
        .map((order) => ({ order, key: sortValue(order) }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.order.id - b.order.id))
        .map((entry) => entry.order);
      if (args.reverse) orders = orders.reverse();
      return connection(orders, args, (order) => order.id, sortValue, orderView);
    },

    productVariants: (args: PageArgs & { query?: string }) => {
      const sku = skuFilter(args.query);
      const variants = store.variants.filter((variant) => sku === undefined || variant.sku === sku);
      return connection(variants, args, (variant) => variant.id, undefined, variantView);
    },

    inventoryItems: (args: PageArgs & { query?: string }) => {
      const sku = skuFilter(args.query);
      const items = [...store.inventoryItems.values()].filter((item) => sku === undefined || item.sku === sku);
      return connection(items, args, (item) => item.id, undefined, inventoryItemView);
    },

    locations: (args: PageArgs & { query?: string }) => {
      const activeOnly = parseSearch(args.query).some((term) => term.field === 'active' && term.value === 'true');
      return connection(
        store.locations.filter((location) => !activeOnly || location.isActive),
        args,
        (location) => location.id,
        undefined,
        locationView,
      );
    },

    fulfillmentOrder: ({ id }: { id: string }) => {
      const legacy = parseGid(id, 'FulfillmentOrder');
      const found = legacy === undefined ? undefined : findFulfillmentOrder(legacy);
      return found ? fulfillmentOrderView(found.order)(found.fulfillmentOrder) : null;
    },

    inventorySetQuantities: ({ input }: { input: SetQuantitiesInput }, context: { apiVersion: string }, info: GraphQLResolveInfo) => {
      const idempotencyKey = idempotencyKeyOf(info);
      const fingerprint = JSON.stringify(input);
      if (idempotencyKey !== undefined) {
        const earlier = idempotent.get(idempotencyKey);
        // A retry of the same request answers what the first one did, and changes nothing again.
        if (earlier?.fingerprint === fingerprint) return earlier.result;
        if (earlier) return { inventoryAdjustmentGroup: null, userErrors: [{ field: null, message: 'The same idempotency key cannot be used with different operation parameters.', code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH' }] };
      }
      if (context.apiVersion >= '2026-04') {
        if (idempotencyKey === undefined) throw new GraphQLError(`The @idempotent directive with a key is required for inventorySetQuantities from API version 2026-04.`, { extensions: { code: 'BAD_REQUEST' } });
        const missing = input.quantities.findIndex((quantity) => !('changeFromQuantity' in quantity));
        if (missing >= 0) throw new GraphQLError(`input.quantities.${missing}.changeFromQuantity is required from API version 2026-04: pass the expected current quantity, or null to skip the compare-and-swap check.`, { extensions: { code: 'BAD_REQUEST' } });
      }
      const result = setQuantities(input);
      if (idempotencyKey !== undefined) idempotent.set(idempotencyKey, { fingerprint, result });
      return result;
    },

    fulfillmentCreate: ({ fulfillment }: { fulfillment: { lineItemsByFulfillmentOrder: Array<{ fulfillmentOrderId: string; fulfillmentOrderLineItems?: Array<{ id: string; quantity: number }> | null }>; trackingInfo?: { company?: string; number?: string; numbers?: string[]; url?: string; urls?: string[] } | null } }) => {
      const userErrors: Array<{ field: string[]; message: string }> = [];
      const planned: Array<{ fulfillmentOrder: SimFulfillmentOrder; line: SimFulfillmentOrder['lines'][number]; quantity: number }> = [];
      let order: SimOrder | undefined;
      let locationId: number | undefined;
      fulfillment.lineItemsByFulfillmentOrder.forEach((entry, index) => {
        const field = ['fulfillment', 'lineItemsByFulfillmentOrder', String(index), 'fulfillmentOrderId'];
        const found = findFulfillmentOrder(parseGid(entry.fulfillmentOrderId, 'FulfillmentOrder') ?? -1);
        if (!found) return void userErrors.push({ field, message: 'Fulfillment order does not exist.' });
        if (!['OPEN', 'IN_PROGRESS'].includes(found.fulfillmentOrder.status)) return void userErrors.push({ field, message: `Fulfillment order ${entry.fulfillmentOrderId} has an unfulfillable status= ${found.fulfillmentOrder.status.toLowerCase()}.` });
        if ((order && order !== found.order) || (locationId !== undefined && locationId !== found.fulfillmentOrder.locationId)) return void userErrors.push({ field, message: 'All fulfillment orders must belong to the same order and be assigned to the same location.' });
        order = found.order;
        locationId = found.fulfillmentOrder.locationId;
        const requested = entry.fulfillmentOrderLineItems ?? found.fulfillmentOrder.lines.filter((line) => line.remaining > 0).map((line) => ({ id: gid('FulfillmentOrderLineItem', line.id), quantity: line.remaining }));
        for (const item of requested) {
          const line = found.fulfillmentOrder.lines.find((candidate) => candidate.id === parseGid(item.id, 'FulfillmentOrderLineItem'));
          if (!line) userErrors.push({ field: ['fulfillment', 'lineItemsByFulfillmentOrder', String(index), 'fulfillmentOrderLineItems'], message: 'Invalid fulfillment order line item id.' });
          else if (item.quantity < 1 || item.quantity > line.remaining) userErrors.push({ field: ['fulfillment', 'lineItemsByFulfillmentOrder', String(index), 'fulfillmentOrderLineItems'], message: 'Invalid fulfillment order line item quantity requested.' });
          else planned.push({ fulfillmentOrder: found.fulfillmentOrder, line, quantity: item.quantity });
        }
      });
      if (!userErrors.length && !planned.length) userErrors.push({ field: ['fulfillment'], message: 'No line items to fulfill.' });
      if (userErrors.length || !order) return { fulfillment: null, userErrors };
      for (const { line, quantity } of planned) line.remaining -= quantity;
      for (const fulfillmentOrder of new Set(planned.map((entry) => entry.fulfillmentOrder))) fulfillmentOrder.status = fulfillmentOrder.lines.every((line) => line.remaining === 0) ? 'CLOSED' : 'IN_PROGRESS';
      const tracking = fulfillment.trackingInfo ?? {};
      const created: SimFulfillment = {
        id: store.newId(),
        createdAt: store.now(),
        company: tracking.company ?? null,
        number: tracking.number ?? tracking.numbers?.[0] ?? null,
        url: tracking.url ?? tracking.urls?.[0] ?? null,
        lines: planned.map(({ line, quantity }) => ({ fulfillmentOrderLineId: line.id, quantity })),
      };
      order.fulfillments.push(created);
      store.touch(order);
      return { fulfillment: fulfillmentView(created), userErrors: [] };
    },
  };
}
