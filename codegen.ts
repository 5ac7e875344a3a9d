// Resolver types for each subgraph from its SDL, and typed documents for every service-to-service
// operation (packages/contracts/src/peers/<target>/*.graphql) checked against the schema their target
// serves: a field renamed in one SDL fails `npm run codegen` for its callers (`npm run codegen:check` in tests).
import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { PEER_TARGETS, peerOperationsOutput } from './packages/contracts/src/peers/codegen-config';

const shared = {
  federation: true,
  useTypeImports: true,
  enumsAsTypes: true,
  maybeValue: 'T | null | undefined',
  scalars: { DateTime: { input: 'Date', output: 'Date | string' }, JSON: 'unknown' },
};

// Every subgraph serves its event log the same way (packages/platform/src/events/graphql.ts).
const events = { EventPage: '@oms/platform#EventPageRecord', DomainEvent: '@oms/platform#StoredEvent' };

function subgraph(name: string, context: string, mappers: Record<string, string>) {
  return {
    schema: `schema/${name}.graphql`,
    plugins: ['typescript', 'typescript-resolvers'],
    config: { ...shared, contextType: `../context#${context}`, mappers },
  };
}

// Generated into packages/contracts/src/peers/__generated__/<target>.ts.
const peerOperations = Object.assign({}, ...PEER_TARGETS.map((target) => peerOperationsOutput(target, path.join(__dirname, 'schema'))));

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    ...peerOperations,
    'subgraphs/access/src/__generated__/resolvers-types.ts': subgraph('access', 'AccessContext', {
      ApiKey: '../models/api-key.model#ApiKeyRecord',
      ApiKeyIdentity: '../services/api-key.service#ApiKeyIdentityRecord',
    }),
    'subgraphs/webhooks/src/__generated__/resolvers-types.ts': subgraph('webhooks', 'WebhooksContext', { WebhookEndpoint: '../models/webhook-endpoint.model#WebhookEndpointRecord', WebhookDelivery: '../models/webhook-delivery.model#WebhookDeliveryRecord', WebhookDeliveryConnection: '../models/webhook-delivery.model#WebhookDeliveryConnectionRecord', WebhookAttempt: '../models/webhook-delivery.model#WebhookAttemptRecord', RegisteredWebhookEndpoint: '../services/endpoint.service#RegisteredEndpoint' }),
    'subgraphs/channels/src/__generated__/resolvers-types.ts': subgraph('channels', 'ChannelsContext', { ChannelConnection: '../models/connection.model#ConnectionRecord', SyncRun: '../models/sync-run.model#SyncRunRecord', DeadLetter: '../models/dead-letter.model#DeadLetterRecord', DeadLetterConnection: '../models/dead-letter.model#DeadLetterConnectionRecord', ChannelConnector: '../services/connector-registry#AnyConnector', StockReconciliation: '../models/stock-reconciliation.model#StockReconciliationView', StockDrift: '../models/stock-reconciliation.model#StockDriftView' }),
    'subgraphs/customers/src/__generated__/resolvers-types.ts': subgraph('customers', 'CustomersContext', {
      Customer: '../models/customer.model#CustomerRecord',
      CustomerConnection: '../models/customer.model#CustomerConnectionRecord',
    }),
    'subgraphs/inventory/src/__generated__/resolvers-types.ts': subgraph('inventory', 'InventoryContext', {
      InventoryItem: '../models/inventory-item.model#InventoryItemRecord',
      InventoryItemConnection: '../models/inventory-item.model#InventoryItemConnectionRecord',
      Location: '../models/location.model#LocationRecord',
      StockLevel: '../models/stock-level.model#StockLevelRecord',
      StockMovement: '../models/stock-movement.model#StockMovementRecord',
      StockMovementConnection: '../models/stock-movement.model#StockMovementConnectionRecord',
      Allocation: '../models/allocation.types#AllocationRecord',
      ...events,
    }),
    'subgraphs/orders/src/__generated__/resolvers-types.ts': subgraph('orders', 'OrdersContext', {
      Order: '../models/order.model#OrderRecord',
      OrderLine: '../models/order.model#OrderLineRecord',
      OrderConnection: '../models/order.model#OrderConnectionRecord',
      HoldRule: '../models/hold-rule.model#HoldRuleRecord',
      ...events,
    }),
    'subgraphs/fulfillment/src/__generated__/resolvers-types.ts': subgraph('fulfillment', 'FulfillmentContext', {
      Shipment: '../models/shipment.model#ShipmentRecord',
      ShipmentConnection: '../models/shipment.model#ShipmentConnectionRecord',
      Return: '../models/return.model#ReturnRecord',
      ...events,
    }),
  },
};

export default config;
