// The subset of Shopify's Admin GraphQL API the simulator serves, per API version: names, arguments
// and payload shapes as documented, so the connector's queries validate here exactly as they would
// there. ADMIN_API_SDL is 2025-01; adminApiSdl(version) applies what later versions changed.
export const ADMIN_API_SDL = /* GraphQL */ `
  scalar DateTime
  scalar Decimal
  scalar URL
  scalar UnsignedInt64

  enum CurrencyCode { EUR USD GBP JPY KWD CHF }
  enum CountryCode { DE FR NL AT BE US GB ES IT JP KW CH }
  enum OrderSortKeys { CREATED_AT ID PROCESSED_AT UPDATED_AT }
  enum OrderDisplayFinancialStatus { AUTHORIZED EXPIRED PAID PARTIALLY_PAID PARTIALLY_REFUNDED PENDING REFUNDED VOIDED }
  enum OrderDisplayFulfillmentStatus { FULFILLED IN_PROGRESS ON_HOLD OPEN PARTIALLY_FULFILLED PENDING_FULFILLMENT REQUEST_DECLINED RESTOCKED SCHEDULED UNFULFILLED }
  enum OrderCancelReason { CUSTOMER DECLINED FRAUD INVENTORY OTHER STAFF }
  enum FulfillmentOrderStatus { CANCELLED CLOSED INCOMPLETE IN_PROGRESS ON_HOLD OPEN SCHEDULED }
  enum FulfillmentStatus { CANCELLED ERROR FAILURE SUCCESS }
  enum InventorySetQuantitiesUserErrorCode {
    COMPARE_QUANTITY_REQUIRED COMPARE_QUANTITY_STALE INVALID_INVENTORY_ITEM INVALID_LOCATION INVALID_NAME
    INVALID_QUANTITY_NEGATIVE INVALID_REASON INVALID_REFERENCE_DOCUMENT ITEM_NOT_STOCKED_AT_LOCATION NON_MUTABLE_INVENTORY_ITEM
  }

  type Query {
    shop: Shop!
    order(id: ID!): Order
    orders(first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: OrderSortKeys = ID, query: String): OrderConnection!
    productVariants(first: Int, after: String, query: String): ProductVariantConnection!
    inventoryItems(first: Int, after: String, query: String): InventoryItemConnection!
    locations(first: Int, after: String, query: String): LocationConnection!
    fulfillmentOrder(id: ID!): FulfillmentOrder
  }

  type Mutation {
    inventorySetQuantities(input: InventorySetQuantitiesInput!): InventorySetQuantitiesPayload
    fulfillmentCreate(fulfillment: FulfillmentInput!, message: String): FulfillmentCreatePayload
  }

  type Shop { id: ID! name: String! myshopifyDomain: String! currencyCode: CurrencyCode! email: String! }

  type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }

  type MoneyV2 { amount: Decimal! currencyCode: CurrencyCode! }
  type MoneyBag { shopMoney: MoneyV2! presentmentMoney: MoneyV2! }

  type MailingAddress {
    name: String firstName: String lastName: String company: String address1: String address2: String city: String
    province: String provinceCode: String zip: String country: String countryCodeV2: CountryCode phone: String
  }

  type Customer { id: ID! email: String firstName: String lastName: String displayName: String! phone: String }

  type OrderConnection { nodes: [Order!]! edges: [OrderEdge!]! pageInfo: PageInfo! }
  type OrderEdge { cursor: String! node: Order! }
  type Order {
    id: ID!
    legacyResourceId: UnsignedInt64!
    name: String!
    email: String
    phone: String
    createdAt: DateTime!
    processedAt: DateTime!
    updatedAt: DateTime!
    cancelledAt: DateTime
    cancelReason: OrderCancelReason
    closed: Boolean!
    currencyCode: CurrencyCode!
    displayFinancialStatus: OrderDisplayFinancialStatus
    displayFulfillmentStatus: OrderDisplayFulfillmentStatus!
    customer: Customer
    shippingAddress: MailingAddress
    billingAddress: MailingAddress
    lineItems(first: Int, after: String): LineItemConnection!
    totalPriceSet: MoneyBag!
    totalShippingPriceSet: MoneyBag!
    totalDiscountsSet: MoneyBag
    totalTaxSet: MoneyBag
    fulfillmentOrders(first: Int, after: String): FulfillmentOrderConnection!
    fulfillments(first: Int): [Fulfillment!]!
  }

  type LineItemConnection { nodes: [LineItem!]! edges: [LineItemEdge!]! pageInfo: PageInfo! }
  type LineItemEdge { cursor: String! node: LineItem! }
  type LineItem {
    id: ID!
    sku: String
    name: String!
    title: String!
    quantity: Int!
    currentQuantity: Int!
    originalUnitPriceSet: MoneyBag!
    taxLines(first: Int): [TaxLine!]!
    variant: ProductVariant
  }
  type TaxLine { title: String! rate: Float priceSet: MoneyBag! }

  type ProductVariantConnection { nodes: [ProductVariant!]! edges: [ProductVariantEdge!]! pageInfo: PageInfo! }
  type ProductVariantEdge { cursor: String! node: ProductVariant! }
  type ProductVariant { id: ID! sku: String title: String! inventoryItem: InventoryItem! }

  type InventoryItemConnection { nodes: [InventoryItem!]! edges: [InventoryItemEdge!]! pageInfo: PageInfo! }
  type InventoryItemEdge { cursor: String! node: InventoryItem! }
  type InventoryItem { id: ID! sku: String tracked: Boolean! inventoryLevel(locationId: ID!): InventoryLevel }
  type InventoryLevel { id: ID! location: Location! quantities(names: [String!]!): [InventoryQuantity!]! }
  type InventoryQuantity { name: String! quantity: Int! }

  type LocationConnection { nodes: [Location!]! edges: [LocationEdge!]! pageInfo: PageInfo! }
  type LocationEdge { cursor: String! node: Location! }
  type Location { id: ID! name: String! isActive: Boolean! }

  type FulfillmentOrderConnection { nodes: [FulfillmentOrder!]! edges: [FulfillmentOrderEdge!]! pageInfo: PageInfo! }
  type FulfillmentOrderEdge { cursor: String! node: FulfillmentOrder! }
  type FulfillmentOrder {
    id: ID!
    status: FulfillmentOrderStatus!
    assignedLocation: FulfillmentOrderAssignedLocation!
    lineItems(first: Int, after: String): FulfillmentOrderLineItemConnection!
  }
  type FulfillmentOrderAssignedLocation { name: String location: Location }
  type FulfillmentOrderLineItemConnection { nodes: [FulfillmentOrderLineItem!]! edges: [FulfillmentOrderLineItemEdge!]! pageInfo: PageInfo! }
  type FulfillmentOrderLineItemEdge { cursor: String! node: FulfillmentOrderLineItem! }
  type FulfillmentOrderLineItem { id: ID! sku: String totalQuantity: Int! remainingQuantity: Int! lineItem: LineItem! }

  type Fulfillment { id: ID! status: FulfillmentStatus! createdAt: DateTime! trackingInfo(first: Int): [FulfillmentTrackingInfo!]! }
  type FulfillmentTrackingInfo { company: String number: String url: URL }

  type UserError { field: [String!] message: String! }
  type InventorySetQuantitiesUserError { field: [String!] message: String! code: InventorySetQuantitiesUserErrorCode }
  type InventoryChange { name: String! delta: Int! quantityAfterChange: Int item: InventoryItem location: Location }
  type InventoryAdjustmentGroup { id: ID! createdAt: DateTime! reason: String! referenceDocumentUri: String changes: [InventoryChange!]! }
  type InventorySetQuantitiesPayload { inventoryAdjustmentGroup: InventoryAdjustmentGroup userErrors: [InventorySetQuantitiesUserError!]! }
  type FulfillmentCreatePayload { fulfillment: Fulfillment userErrors: [UserError!]! }

  input InventoryQuantityInput { inventoryItemId: ID! locationId: ID! quantity: Int! compareQuantity: Int }
  input InventorySetQuantitiesInput {
    name: String!
    reason: String!
    referenceDocumentUri: String
    ignoreCompareQuantity: Boolean = false
    quantities: [InventoryQuantityInput!]!
  }
  input FulfillmentOrderLineItemInput { id: ID! quantity: Int! }
  input FulfillmentOrderLineItemsInput { fulfillmentOrderId: ID! fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!] }
  input FulfillmentTrackingInput { company: String number: String numbers: [String!] url: URL urls: [URL!] }
  input FulfillmentInput {
    lineItemsByFulfillmentOrder: [FulfillmentOrderLineItemsInput!]!
    notifyCustomer: Boolean = false
    trackingInfo: FulfillmentTrackingInput
  }
`;

/**
 * What changed in the parts the simulator serves: 2026-01 adds `changeFromQuantity` (compareQuantity
 * deprecated), the `@idempotent` directive and their error codes; 2026-07 removes `compareQuantity`.
 * (That both become mandatory in 2026-04 is enforced at run time, as Shopify does: see resolvers.ts.)
 */
export function adminApiSdl(apiVersion: string): string {
  if (apiVersion < '2026-01') return ADMIN_API_SDL;
  const compare = apiVersion < '2026-07' ? ' compareQuantity: Int' : '';
  return `directive @idempotent(key: String!) on FIELD
${ADMIN_API_SDL.replace(
    'input InventoryQuantityInput { inventoryItemId: ID! locationId: ID! quantity: Int! compareQuantity: Int }',
    `input InventoryQuantityInput { inventoryItemId: ID! locationId: ID! quantity: Int!${compare} changeFromQuantity: Int }`,
  ).replace('COMPARE_QUANTITY_REQUIRED COMPARE_QUANTITY_STALE', 'CHANGE_FROM_QUANTITY_STALE COMPARE_QUANTITY_REQUIRED COMPARE_QUANTITY_STALE IDEMPOTENCY_KEY_PARAMETER_MISMATCH')}`;
}
