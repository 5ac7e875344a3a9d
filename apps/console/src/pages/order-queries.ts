// The orders list's documents: one row shape for the list, the e-mail search and the channel look-up.
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

export const OrdersByEmailQuery = graphql(`
  query OrdersByEmail($email: String!, $first: Int, $status: [OrderStatus!]) {
    customerByEmail(email: $email) {
      id
      orders(first: $first, status: $status) {
        totalCount
        edges {
          node {
            ...OrderRow
          }
        }
      }
    }
  }
`);

export const OrderByChannelQuery = graphql(`
  query OrderByChannel($channel: String!, $channelOrderId: String!) {
    orderByChannel(channel: $channel, channelOrderId: $channelOrderId) {
      ...OrderRow
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

export const KnownChannelsQuery = graphql(`
  query KnownChannels {
    channelConnections {
      id
      channel
    }
  }
`);
