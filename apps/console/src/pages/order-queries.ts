// The orders list's documents: one row shape for the list (searched through its filter), and live statuses.
import { graphql } from '../gql';

export const OrderRowFields = graphql(`
  fragment OrderRow on Order {
    id
    number
    channel
    channelOrderId
    status
    paymentStatus
    email
    placedAt
    backorderedQuantity
    totals {
      total {
        amount
        currency
      }
    }
  }
`);

export const OrdersQuery = graphql(`
  query Orders($filter: OrderFilter, $first: Int, $after: String) {
    orders(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...OrderRow
        }
      }
    }
  }
`);

export const OrderStatusChangedSubscription = graphql(`
  subscription OrderStatusChanged($orderId: ID) {
    orderStatusChanged(orderId: $orderId) {
      cursor
      at
      previousStatus
      status
      order {
        id
      }
    }
  }
`);


/** The locations the list can be filtered by (orders allocated there). */
export const OrderLocationsQuery = graphql(`
  query OrderLocations {
    locations {
      id
      name
    }
  }
`);
