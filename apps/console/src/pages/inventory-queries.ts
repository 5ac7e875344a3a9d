import { graphql } from '../gql';

export const InventoryItemsQuery = graphql(`
  query InventoryItems($first: Int, $after: String, $filter: InventoryItemFilter) {
    inventoryItems(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          sku
          name
          onHand
          reserved
          available
          stock {
            location {
              id
              name
            }
            onHand
            reserved
            available
            safetyStock
          }
        }
      }
    }
  }
`);

export const StockMovementsQuery = graphql(`
  query StockMovements($sku: String!, $first: Int) {
    stockMovements(sku: $sku, first: $first) {
      totalCount
      edges {
        node {
          id
          kind
          deltaOnHand
          deltaReserved
          onHandAfter
          reservedAfter
          reason
          reference
          actor
          at
          location {
            name
          }
        }
      }
    }
  }
`);

export const BackordersQuery = graphql(`
  query Backorders($first: Int) {
    orders(filter: { status: [BACKORDERED] }, first: $first) {
      totalCount
      edges {
        node {
          id
          number
          placedAt
          backorderedQuantity
          lines {
            sku
            quantity
          }
        }
      }
    }
  }
`);

export const AdjustStockMutation = graphql(`
  mutation AdjustStock($input: AdjustStockInput!) {
    adjustStock(input: $input) {
      sku
      onHand
      reserved
      available
      location {
        id
      }
    }
  }
`);

export const StockLocationsQuery = graphql(`
  query StockLocations {
    locations(activeOnly: true) {
      id
      name
    }
  }
`);
