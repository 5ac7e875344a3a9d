// The SP-API operations the simulator serves, answering with the models' shapes and error bodies:
// getOrders (filters, MaxResultsPerPage, NextToken), getOrderItems, confirmShipment, getListingsItem,
// patchListingsItem, getMarketplaceParticipations and createRestrictedDataToken.
import { randomUUID } from 'node:crypto';
import type { AmazonOperation } from '../rate-limits';
import type { AmazonOrder, AmazonOrderStatus, ConfirmShipmentRequest } from '../types';
import { SIM_MARKETPLACE, type AmazonStore } from './store';

export class SpApiHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details = '',
  ) {
    super(message);
  }

  body() {
    return { errors: [{ code: this.code, message: this.message, details: this.details }] };
  }
}

const invalid = (message: string, details = '') => new SpApiHttpError(400, 'InvalidInput', message, details);
const notFound = (message: string) => new SpApiHttpError(404, 'NotFound', message);

export interface RouteRequest {
  operation: AmazonOperation;
  pathname: string;
  query: URLSearchParams;
  body: unknown;
  /** Restricted data elements the caller's token grants for this path (RDT), if any. */
  grantedElements: Set<string>;
  store: AmazonStore;
  sellerId: string;
  /** Issues an RDT for these resources. */
  issueRdt(resources: Array<{ method: string; path: string; dataElements?: string[] }>): { restrictedDataToken: string; expiresIn: number };
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

const ORDER_STATUSES: AmazonOrderStatus[] = ['Pending', 'Unshipped', 'PartiallyShipped', 'Shipped', 'Canceled', 'Unfulfillable', 'InvoiceUnconfirmed', 'PendingAvailability'];

function date(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) throw invalid(`${name} is not a valid ISO 8601 date.`);
  return at;
}

interface OrdersQuery {
  createdAfter?: number;
  createdBefore?: number;
  updatedAfter?: number;
  updatedBefore?: number;
  statuses?: string[];
  channels?: string[];
  ids?: string[];
  pageSize: number;
}

function parseOrdersQuery(query: URLSearchParams): OrdersQuery {
  const createdAfter = date(query, 'CreatedAfter');
  const updatedAfter = date(query, 'LastUpdatedAfter');
  const ids = query.get('AmazonOrderIds')?.split(',').filter(Boolean);
  if (!ids?.length && (createdAfter === undefined) === (updatedAfter === undefined)) throw invalid('Exactly one of CreatedAfter and LastUpdatedAfter must be specified.');
  const pageSize = Number(query.get('MaxResultsPerPage') ?? 100);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw invalid('MaxResultsPerPage must be between 1 and 100.');
  const statuses = query.get('OrderStatuses')?.split(',').filter(Boolean);
  const unknown = statuses?.find((status) => !ORDER_STATUSES.includes(status as AmazonOrderStatus));
  if (unknown) throw invalid(`Invalid OrderStatuses value: ${unknown}.`);
  return { createdAfter, createdBefore: date(query, 'CreatedBefore'), updatedAfter, updatedBefore: date(query, 'LastUpdatedBefore'), statuses, channels: query.get('FulfillmentChannels')?.split(',').filter(Boolean), ids, pageSize };
}

const encodeToken = (state: { query: OrdersQuery; offset: number }) => Buffer.from(JSON.stringify(state)).toString('base64');

function decodeToken(token: string): { query: OrdersQuery; offset: number } {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (state && typeof state.offset === 'number' && state.query) return state;
  } catch {
    // reported below
  }
  throw invalid('Invalid NextToken.');
}

/** What an order shows without the restricted data elements: no buyer, only the address's locality. */
function redact(order: AmazonOrder, granted: Set<string>): AmazonOrder {
  const copy: AmazonOrder = structuredClone(order);
  if (!granted.has('buyerInfo')) copy.BuyerInfo = {};
  if (!granted.has('shippingAddress') && copy.ShippingAddress) {
    const { City, StateOrRegion, PostalCode, CountryCode } = copy.ShippingAddress;
    copy.ShippingAddress = { City, StateOrRegion, PostalCode, CountryCode };
  }
  // Pending orders carry no pricing yet.
  if (copy.OrderStatus === 'Pending') delete copy.OrderTotal;
  return copy;
}

function getOrders(request: RouteRequest): RouteResult {
  const marketplaces = request.query.get('MarketplaceIds')?.split(',').filter(Boolean) ?? [];
  if (!marketplaces.length) throw invalid('MarketplaceIds is required.');
  if (marketplaces.length > 50) throw invalid('MarketplaceIds accepts at most 50 values.');
  const token = request.query.get('NextToken');
  const { query, offset } = token ? decodeToken(token) : { query: parseOrdersQuery(request.query), offset: 0 };
  const matching = [...request.store.orders.values()]
    .map((entry) => entry.order)
    .filter((order) => marketplaces.includes(order.MarketplaceId ?? ''))
    .filter((order) => {
      const updated = Date.parse(order.LastUpdateDate);
      const created = Date.parse(order.PurchaseDate);
      if (query.ids?.length) return query.ids.includes(order.AmazonOrderId);
      if (query.updatedAfter !== undefined && updated < query.updatedAfter) return false;
      if (query.updatedBefore !== undefined && updated > query.updatedBefore) return false;
      if (query.createdAfter !== undefined && created < query.createdAfter) return false;
      if (query.createdBefore !== undefined && created > query.createdBefore) return false;
      if (query.statuses && !query.statuses.includes(order.OrderStatus)) return false;
      if (query.channels && !query.channels.includes(order.FulfillmentChannel ?? 'MFN')) return false;
      return true;
    })
    .sort((a, b) => a.LastUpdateDate.localeCompare(b.LastUpdateDate) || a.AmazonOrderId.localeCompare(b.AmazonOrderId));
  const page = matching.slice(offset, offset + query.pageSize);
  const more = offset + query.pageSize < matching.length;
  return {
    status: 200,
    body: {
      payload: {
        Orders: page.map((order) => redact(order, request.grantedElements)),
        ...(more ? { NextToken: encodeToken({ query, offset: offset + query.pageSize }) } : {}),
        LastUpdatedBefore: new Date(Date.now() - 120_000).toISOString(),
      },
    },
  };
}

function orderFor(request: RouteRequest) {
  const id = decodeURIComponent(request.pathname.split('/')[4]);
  const entry = request.store.orders.get(id);
  if (!entry) throw notFound(`Order ${id} not found.`);
  return entry;
}

function getOrderItems(request: RouteRequest): RouteResult {
  const { order, items } = orderFor(request);
  const pending = order.OrderStatus === 'Pending';
  const OrderItems = items.map((item) => {
    if (!pending) return item;
    const { ItemPrice, ItemTax, ShippingPrice, ShippingTax, PromotionDiscount, ...rest } = item;
    return rest;
  });
  return { status: 200, body: { payload: { AmazonOrderId: order.AmazonOrderId, OrderItems } } };
}

function confirmShipment(request: RouteRequest): RouteResult {
  const entry = orderFor(request);
  const body = request.body as Partial<ConfirmShipmentRequest> | undefined;
  if (!body || typeof body !== 'object') throw invalid('The request body is missing.');
  if (body.marketplaceId !== entry.order.MarketplaceId) throw invalid('Invalid marketplaceId.', `The order is in marketplace ${entry.order.MarketplaceId}.`);
  const detail = body.packageDetail;
  if (!detail) throw invalid('packageDetail is required.');
  if (typeof detail.packageReferenceId !== 'string' || !/^[1-9]\d*$/.test(detail.packageReferenceId)) throw invalid('PackageReferenceId: is invalid, must be a positive numeric value.');
  if (!detail.carrierCode) throw invalid('CarrierCode is required.');
  if (detail.carrierCode === 'Other' && !detail.carrierName) throw invalid('CarrierName is required when CarrierCode is Other.');
  if (!detail.trackingNumber) throw invalid('TrackingNumber is required.');
  if (!detail.shipDate || Number.isNaN(Date.parse(detail.shipDate))) throw invalid('ShipDate is not a valid ISO 8601 date.');
  if (!Array.isArray(detail.orderItems) || !detail.orderItems.length) throw invalid('OrderItems is required.');
  if (detail.orderItems.some((line) => typeof line?.orderItemId !== 'string' || !Number.isInteger(line.quantity) || line.quantity < 1)) throw invalid('Each order item needs an orderItemId and a positive quantity.');
  const refused = request.store.confirm(entry.order.AmazonOrderId, body as ConfirmShipmentRequest);
  if (refused) throw invalid(refused);
  return { status: 204 };
}

function listingFor(request: RouteRequest) {
  const [, , , , sellerId, sku] = request.pathname.split('/').map(decodeURIComponent);
  if (sellerId !== request.sellerId) throw new SpApiHttpError(403, 'Unauthorized', 'Access to requested resource is denied.', 'The sellerId does not match the seller who authorised the app.');
  if (!request.query.get('marketplaceIds')) throw invalid('marketplaceIds is required.');
  const listing = request.store.listings.get(sku);
  if (!listing) throw notFound(`SKU '${sku}' not found in marketplace ${request.query.get('marketplaceIds')}`);
  return listing;
}

function getListingsItem(request: RouteRequest): RouteResult {
  const listing = listingFor(request);
  const included = (request.query.get('includedData') ?? 'summaries').split(',');
  return {
    status: 200,
    body: {
      sku: listing.sku,
      ...(included.includes('summaries') ? { summaries: [{ marketplaceId: SIM_MARKETPLACE.id, asin: 'B000000000', productType: listing.productType, itemName: `Simulated product ${listing.sku}`, status: ['BUYABLE'] }] } : {}),
      ...(included.includes('fulfillmentAvailability') ? { fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: listing.quantity }] } : {}),
    },
  };
}

function patchListingsItem(request: RouteRequest): RouteResult {
  const listing = listingFor(request);
  const body = request.body as { productType?: unknown; patches?: Array<{ op?: unknown; path?: unknown; value?: unknown }> } | undefined;
  if (!body || typeof body.productType !== 'string' || !Array.isArray(body.patches) || !body.patches.length) throw invalid('productType and patches are required.');
  const submissionId = randomUUID().replace(/-/g, '');
  listing.submissions += 1;
  const issues: Array<{ code: string; message: string; severity: string; attributeNames: string[] }> = [];
  let quantity: number | undefined;
  for (const patch of body.patches) {
    if (!['add', 'replace', 'delete'].includes(String(patch.op))) throw invalid(`Invalid patch op ${String(patch.op)}.`);
    if (patch.path !== '/attributes/fulfillment_availability') continue;
    const entry = Array.isArray(patch.value) ? (patch.value as Array<{ fulfillment_channel_code?: unknown; quantity?: unknown }>).find((value) => value.fulfillment_channel_code === 'DEFAULT') : undefined;
    if (!entry || !Number.isInteger(entry.quantity) || (entry.quantity as number) < 0) {
      issues.push({ code: '4000003', message: "The value provided for 'fulfillment_availability' is invalid.", severity: 'ERROR', attributeNames: ['fulfillment_availability'] });
    } else quantity = entry.quantity as number;
  }
  if (listing.refusal) issues.push({ ...listing.refusal, severity: 'ERROR', attributeNames: ['fulfillment_availability'] });
  if (issues.length) return { status: 200, body: { sku: listing.sku, status: 'INVALID', submissionId, issues } };
  if (quantity !== undefined) listing.quantity = quantity;
  return { status: 200, body: { sku: listing.sku, status: 'ACCEPTED', submissionId, issues: [] } };
}

function getMarketplaceParticipations(): RouteResult {
  return { status: 200, body: { payload: [{ marketplace: SIM_MARKETPLACE, participation: { isParticipating: true, hasSuspendedListings: false } }] } };
}

function createRestrictedDataToken(request: RouteRequest): RouteResult {
  const resources = (request.body as { restrictedResources?: unknown } | undefined)?.restrictedResources;
  if (!Array.isArray(resources) || !resources.length) throw invalid('restrictedResources is required.');
  for (const resource of resources as Array<{ method?: unknown; path?: unknown }>) {
    if (resource.method !== 'GET' || typeof resource.path !== 'string' || !resource.path.startsWith('/orders/v0/orders')) throw invalid(`Restricted resource ${String(resource.method)} ${String(resource.path)} is not supported.`);
  }
  return { status: 200, body: request.issueRdt(resources as Array<{ method: string; path: string; dataElements?: string[] }>) };
}

export const ROUTES: Record<AmazonOperation, (request: RouteRequest) => RouteResult> = {
  getOrders,
  getOrderItems,
  confirmShipment,
  getListingsItem,
  patchListingsItem,
  getMarketplaceParticipations,
  createRestrictedDataToken,
};
