// The SP-API JSON shapes the connector reads and writes (Orders v0, Listings Items 2021-08-01, Sellers
// v1, Tokens 2021-03-01, Login with Amazon), as the models in amzn/selling-partner-api-models name them.

export interface AmazonMoney {
  CurrencyCode?: string;
  /** Decimal string, e.g. "19.99". */
  Amount?: string;
}

export interface AmazonAddress {
  Name?: string;
  CompanyName?: string;
  AddressLine1?: string;
  AddressLine2?: string;
  AddressLine3?: string;
  City?: string;
  County?: string;
  District?: string;
  StateOrRegion?: string;
  PostalCode?: string;
  CountryCode?: string;
  Phone?: string;
  AddressType?: 'Residential' | 'Commercial';
}

export type AmazonOrderStatus = 'Pending' | 'Unshipped' | 'PartiallyShipped' | 'Shipped' | 'Canceled' | 'Unfulfillable' | 'InvoiceUnconfirmed' | 'PendingAvailability';

export interface AmazonOrder {
  AmazonOrderId: string;
  SellerOrderId?: string;
  PurchaseDate: string;
  LastUpdateDate: string;
  OrderStatus: AmazonOrderStatus;
  FulfillmentChannel?: 'AFN' | 'MFN';
  SalesChannel?: string;
  ShipServiceLevel?: string;
  OrderTotal?: AmazonMoney;
  NumberOfItemsShipped?: number;
  NumberOfItemsUnshipped?: number;
  PaymentMethod?: string;
  MarketplaceId?: string;
  ShipmentServiceLevelCategory?: string;
  OrderType?: string;
  EarliestShipDate?: string;
  LatestShipDate?: string;
  EarliestDeliveryDate?: string;
  LatestDeliveryDate?: string;
  IsBusinessOrder?: boolean;
  IsPrime?: boolean;
  PurchaseOrderNumber?: string;
  ShippingAddress?: AmazonAddress;
  BuyerInfo?: { BuyerEmail?: string; BuyerName?: string; PurchaseOrderNumber?: string };
}

export interface AmazonOrderItem {
  ASIN: string;
  OrderItemId: string;
  SellerSKU?: string;
  Title?: string;
  QuantityOrdered: number;
  QuantityShipped?: number;
  ItemPrice?: AmazonMoney;
  ItemTax?: AmazonMoney;
  ShippingPrice?: AmazonMoney;
  ShippingTax?: AmazonMoney;
  ShippingDiscount?: AmazonMoney;
  PromotionDiscount?: AmazonMoney;
}

export interface GetOrdersResponse {
  payload?: { Orders: AmazonOrder[]; NextToken?: string; LastUpdatedBefore?: string; CreatedBefore?: string };
}

export interface GetOrderItemsResponse {
  payload?: { AmazonOrderId: string; OrderItems: AmazonOrderItem[]; NextToken?: string };
}

export interface ConfirmShipmentRequest {
  marketplaceId: string;
  packageDetail: {
    /** Positive numeric string, unique per package within the order. */
    packageReferenceId: string;
    carrierCode: string;
    carrierName?: string;
    shippingMethod?: string;
    trackingNumber: string;
    shipDate: string;
    orderItems: Array<{ orderItemId: string; quantity: number }>;
  };
}

export interface ListingsPatchResponse {
  sku: string;
  status: 'ACCEPTED' | 'INVALID' | 'VALID';
  submissionId: string;
  issues: Array<{ code: string; message: string; severity: 'ERROR' | 'WARNING' | 'INFO'; attributeNames?: string[] }>;
}

export interface ListingsItem {
  sku: string;
  fulfillmentAvailability?: Array<{ fulfillmentChannelCode: string; quantity?: number }>;
}

export interface MarketplaceParticipation {
  marketplace: { id: string; name: string; countryCode: string; defaultCurrencyCode: string; defaultLanguageCode: string; domainName: string };
  participation: { isParticipating: boolean; hasSuspendedListings: boolean };
}

/** `{ errors: [{ code, message, details }] }`: every SP-API error body. */
export interface SpApiError {
  code: string;
  message: string;
  details?: string;
}

export interface LwaTokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
}
