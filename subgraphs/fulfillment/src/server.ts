// Starts the fulfillment subgraph: database connection, indexes, event relay recovery, peers, HTTP server.
import path from 'node:path';
import { announceEvents, connectDatabase, DocumentNumbers, ensureIndexes, KeyedLock, projectRoot, serveSubgraph, type RunningSubgraph, type SubgraphStartOptions } from '@oms/platform';
import { createContextFactory } from './context';
import { returnModel } from './models/return.model';
import { shipmentModel } from './models/shipment.model';
import { policies } from './policies';
import { resolvers } from './resolvers';
import { FulfillmentEvents } from './services/fulfillment-events';
import { FulfillmentPeers } from './services/peers';
import { ReturnService } from './services/return.service';
import { ShipmentLifecycle } from './services/shipment-lifecycle';
import { ShipmentService } from './services/shipment.service';

export async function startFulfillmentSubgraph(options: SubgraphStartOptions): Promise<RunningSubgraph> {
  const connection = await connectDatabase(options.mongoUri, options.dbName, { monitorCommands: options.monitorCommands });
  // One lock for the whole subgraph: writers and the event relay must agree on each document's key.
  const lock = new KeyedLock();
  const shipments = shipmentModel(connection);
  const returns = returnModel(connection);
  const events = new FulfillmentEvents(connection, lock, shipments, returns);
  const peers = FulfillmentPeers.fromUrls(options.peers);
  const services = {
    shipments: new ShipmentService(shipments, peers, lock, events),
    lifecycle: new ShipmentLifecycle(shipments, peers, lock, events),
    returns: new ReturnService(returns, shipments, new DocumentNumbers(connection, 'rma-number', 'RMA', lock), peers, lock, events),
    events: events.log,
  };
  await ensureIndexes(connection);
  const stopAnnouncing = announceEvents(events.log, options);
  await events.sweep();
  const service = await serveSubgraph({
    name: 'fulfillment',
    schemaPath: path.join(projectRoot, 'schema', 'fulfillment.graphql'),
    resolvers,
    policies,
    connection,
    databaseBackend: options.databaseBackend,
    createContext: createContextFactory(services),
    port: options.port,
    host: options.host,
  });
  return {
    name: 'fulfillment',
    service,
    connection,
    stop: async () => {
      await service.stop();
      await stopAnnouncing();
      await connection.close();
    },
  };
}
