// Everything the order page shows, across orders, customers, inventory and fulfillment, in one query.
import { graphql } from '../gql';

export const OrderDetailQuery = graphql(`
  query OrderDetail($id: ID!) {
    order(id: $id) {
      id
      number
      channel
      channelOrderId
      status
      paymentStatus
      email
      currency
      placedAt
      updatedAt
      cancellationReason
      holdReasons
      backorderedQuantity
      customer {
        id
        name
        email
      }
      shippingAddress {
        name
        line1
        city
        postalCode
        countryCode
      }
      lines {
        id
        sku
        name
        quantity
        unitPrice {
          amount
          currency
        }
        total {
          amount
          currency
        }
        item {
          sku
          available
        }
      }
      allocations {
        sku
        locationId
        quantity
      }
      totals {
        subtotal {
          amount
          currency
        }
        shipping {
          amount
          currency
        }
        tax {
          amount
          currency
        }
        total {
          amount
          currency
        }
      }
      amountAuthorized {
        amount
        currency
      }
      amountPaid {
        amount
        currency
      }
      amountRefunded {
        amount
        currency
      }
      payments {
        kind
        amount {
          amount
          currency
        }
        reference
        provider
        at
      }
      shipments {
        id
        status
        carrier
        service
        trackingNumber
        trackingUrl
        shippedAt
        deliveredAt
        note
        location {
          id
          name
        }
        lines {
          sku
          quantity
        }
      }
      returns {
        id
        rmaNumber
        status
        reason
        note
        refundAmount
        refundCurrency
        lines {
          sku
          quantity
          receivedQuantity
          condition
        }
      }
      history {
        at
        type
        fromStatus
        toStatus
        note
        actor
      }
    }
  }
`);

export const OrderShipmentUpdatedSubscription = graphql(`
  subscription OrderShipmentUpdated($orderId: ID) {
    shipmentUpdated(orderId: $orderId) {
      cursor
      status
      shipment {
        id
      }
    }
  }
`);
