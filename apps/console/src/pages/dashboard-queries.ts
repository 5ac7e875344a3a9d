import { graphql } from '../gql';

/** Counts only (first: 0): each status, backorders, and shipments past their promised ship-by time. */
export const DashboardCountsQuery = graphql(`
  query DashboardCounts($now: DateTime!) {
    pending: orders(filter: { status: [PENDING] }, first: 0) {
      totalCount
    }
    onHold: orders(filter: { status: [ON_HOLD] }, first: 0) {
      totalCount
    }
    backordered: orders(filter: { status: [BACKORDERED] }, first: 0) {
      totalCount
    }
    allocated: orders(filter: { status: [ALLOCATED] }, first: 0) {
      totalCount
    }
    partiallyShipped: orders(filter: { status: [PARTIALLY_SHIPPED] }, first: 0) {
      totalCount
    }
    shipped: orders(filter: { status: [SHIPPED] }, first: 0) {
      totalCount
    }
    delivered: orders(filter: { status: [DELIVERED] }, first: 0) {
      totalCount
    }
    cancelled: orders(filter: { status: [CANCELLED] }, first: 0) {
      totalCount
    }
    lateShipments: shipments(filter: { shipByBefore: $now }, first: 0) {
      totalCount
    }
  }
`);

/** The last 100 orders placed since `from`, for orders per channel per day. */
export const RecentOrdersQuery = graphql(`
  query RecentOrders($from: DateTime!) {
    orders(filter: { placedFrom: $from }, first: 100) {
      totalCount
      edges {
        node {
          id
          channel
          placedAt
        }
      }
    }
  }
`);

export const StockOverviewQuery = graphql(`
  query StockOverview {
    inventoryItems(first: 100) {
      edges {
        node {
          sku
          stock {
            location {
              id
              name
            }
            available
            safetyStock
          }
        }
      }
    }
  }
`);

export const ConnectorHealthQuery = graphql(`
  query ConnectorHealth {
    channelConnections {
      id
      name
      channel
      status
      health {
        ok
        message
      }
      counts {
        deadLetters
      }
    }
  }
`);
