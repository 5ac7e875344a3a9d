import { graphql } from '../gql';

/** Counts only (first: 0): each status, backorders, and unshipped shipments past their promised ship-by time. */
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
    lateShipments: shipments(filter: { shipByBefore: $now, status: [PENDING, PICKING, PACKED] }, first: 0) {
      totalCount
    }
  }
`);

/** Orders per channel per UTC day, exact (an aggregate in the orders subgraph). */
export const OrderCountsByDayQuery = graphql(`
  query OrderCountsByDay($from: DateTime!, $to: DateTime!) {
    orderCountsByDay(from: $from, to: $to) {
      day
      channel
      count
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
