// The parts of eBay's Sell API payloads the connector and its simulator use, as eBay names them
// (Fulfillment API Order, OrderSearchPagedCollection; Inventory API BulkPriceQuantity, InventoryItem).

/** eBay money: a decimal string in `currency`. */
export interface EbayAmount {
  value: string;
  currency: string;
  convertedFromValue?: string;
  convertedFromCurrency?: string;
}

export interface EbayAddress {
  addressLine1?: string;
  addressLine2?: string;
  city?: string;
  stateOrProvince?: string;
  postalCode?: string;
  countryCode?: string;
}

export interface EbayShipTo {
  fullName?: string;
  companyName?: string;
  contactAddress?: EbayAddress;
  primaryPhone?: { phoneNumber?: string };
  email?: string;
}

export interface EbayFulfillmentStartInstruction {
  fulfillmentInstructionsType?: 'SHIP_TO' | 'PREPARE_FOR_PICKUP' | 'DIGITAL' | 'SELLER_DEFINED' | string;
  minEstimatedDeliveryDate?: string;
  maxEstimatedDeliveryDate?: string;
  ebaySupportedFulfillment?: boolean;
  shippingStep?: { shipTo?: EbayShipTo; shippingCarrierCode?: string; shippingServiceCode?: string };
}

export interface EbayLineItem {
  lineItemId: string;
  legacyItemId?: string;
  sku?: string;
  title?: string;
  quantity: number;
  lineItemCost: EbayAmount;
  total?: EbayAmount;
  deliveryCost?: { shippingCost?: EbayAmount };
  discountedLineItemCost?: EbayAmount;
  appliedPromotions?: Array<{ promotionId?: string; description?: string; discountAmount?: EbayAmount }>;
  taxes?: Array<{ amount: EbayAmount; taxType?: string }>;
  lineItemFulfillmentStatus: 'NOT_STARTED' | 'IN_PROGRESS' | 'FULFILLED' | string;
  lineItemFulfillmentInstructions?: { minEstimatedDeliveryDate?: string; maxEstimatedDeliveryDate?: string; shipByDate?: string; guaranteedDelivery?: boolean };
  /** eBay programs for this line; `fulfillmentProgram.fulfilledBy: EBAY` when eBay ships it. */
  program?: { fulfillmentProgram?: { fulfilledBy?: string } };
}

export interface EbayOrder {
  orderId: string;
  legacyOrderId?: string;
  creationDate: string;
  lastModifiedDate: string;
  orderFulfillmentStatus: 'NOT_STARTED' | 'IN_PROGRESS' | 'FULFILLED' | string;
  orderPaymentStatus: 'PENDING' | 'FAILED' | 'PAID' | 'PARTIALLY_REFUNDED' | 'FULLY_REFUNDED' | string;
  sellerId?: string;
  buyer?: { username?: string; buyerRegistrationAddress?: { fullName?: string; email?: string; primaryPhone?: { phoneNumber?: string } } };
  buyerCheckoutNotes?: string;
  pricingSummary: {
    priceSubtotal?: EbayAmount;
    priceDiscount?: EbayAmount;
    deliveryCost?: EbayAmount;
    deliveryDiscount?: EbayAmount;
    tax?: EbayAmount;
    total: EbayAmount;
  };
  cancelStatus?: { cancelState?: 'NONE_REQUESTED' | 'IN_PROGRESS' | 'CANCELED' | string; cancelRequests?: Array<{ cancelRequestState?: string; cancelReason?: string }> };
  fulfillmentStartInstructions?: EbayFulfillmentStartInstruction[];
  fulfillmentHrefs?: string[];
  lineItems: EbayLineItem[];
  salesRecordReference?: string;
}

export interface EbayOrderPage {
  href: string;
  limit: number;
  offset: number;
  next?: string;
  prev?: string;
  total: number;
  orders: EbayOrder[];
  warnings?: unknown[];
}

export interface EbayShippingFulfillment {
  fulfillmentId: string;
  shippedDate?: string;
  shippingCarrierCode?: string;
  shipmentTrackingNumber?: string;
  lineItems: Array<{ lineItemId: string; quantity: number }>;
}

export interface EbayInventoryItem {
  sku: string;
  locale?: string;
  product?: { title?: string };
  condition?: string;
  availability?: { shipToLocationAvailability?: { quantity?: number } };
}
